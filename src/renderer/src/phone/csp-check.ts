/**
 * Whether this page's CSP lets the phone reach its proxy (docs/phone.md#content-security-policy).
 * Main writes the provisioned proxies into the page's CSP when it serves the page, but a page
 * that loaded before the first provisioning has the policy without them, and a policy cannot be
 * widened after load. Such a page reloads once; if the policy still lacks the proxy (a shell that
 * does not rewrite it), the phone reports why instead of failing on a blocked socket.
 */
const RELOADED = 'ringside.phone.csp-reload'

/** `wss://host:port` of an `outboundProxy` (`host:port[/path]`). */
export const proxyOrigin = (proxy: string): string => `wss://${proxy.split('/')[0]}`

function metaPolicy(): string {
  const meta = document.querySelector('meta[http-equiv="Content-Security-Policy"]')
  return meta?.getAttribute('content') ?? ''
}

/** `ok`: go ahead; `reloading`: the page reloads with the new policy; `blocked`: say so. */
export function admitProxy(proxy: string): 'ok' | 'reloading' | 'blocked' {
  const connect = /connect-src([^;]*)/.exec(metaPolicy())?.[1] ?? ''
  if (connect.split(/\s+/).includes(proxyOrigin(proxy))) {
    sessionStorage.removeItem(RELOADED)
    return 'ok'
  }
  if (sessionStorage.getItem(RELOADED) === proxy) return 'blocked'
  sessionStorage.setItem(RELOADED, proxy)
  location.reload()
  return 'reloading'
}
