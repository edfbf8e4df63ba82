/**
 * Whether this page's CSP lets the phone reach its proxy (docs/phone.md#content-security-policy).
 * Main puts the provisioned proxies into the CSP header of the page it serves, and names them in
 * a `<meta name="ringside-connect-src">` because a page cannot read its own headers. A page that
 * loaded before the first provisioning has the policy without them, and a policy cannot be
 * widened after load: such a page reloads once. If the policy still lacks the proxy (a shell that
 * does not add it), the phone says why instead of failing on a blocked socket.
 */
const RELOADED = 'ringside.phone.csp-reload'

/** The name of the meta tag main writes (src/main/host/csp.ts `CONNECT_META`). */
const CONNECT_META = 'ringside-connect-src'

/** `wss://host:port` of an `outboundProxy` (`host:port[/path]`). */
export const proxyOrigin = (proxy: string): string => `wss://${proxy.split('/')[0]}`

function admittedOrigins(): string[] {
  const meta = document.querySelector(`meta[name="${CONNECT_META}"]`)
  return (meta?.getAttribute('content') ?? '').split(/\s+/).filter((o) => o !== '')
}

/** `ok`: go ahead; `reloading`: the page reloads with the new policy; `blocked`: say so. */
export function admitProxy(proxy: string): 'ok' | 'reloading' | 'blocked' {
  if (admittedOrigins().includes(proxyOrigin(proxy))) {
    sessionStorage.removeItem(RELOADED)
    return 'ok'
  }
  if (sessionStorage.getItem(RELOADED) === proxy) return 'blocked'
  sessionStorage.setItem(RELOADED, proxy)
  location.reload()
  return 'reloading'
}
