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

/**
 * The policy this page loaded with. Both shells send it as a response header (no meta tag), and a
 * page cannot read its own headers, so the page asks for itself once at load (HEAD, same origin):
 * read that early, the answer is the policy the document was served with. Empty when unknown.
 */
const loadPolicy: Promise<string> =
  typeof fetch === 'function' && typeof location !== 'undefined'
    ? fetch(location.href, { method: 'HEAD', cache: 'no-store' })
        .then((res) => res.headers.get('content-security-policy') ?? '')
        .catch(() => '')
    : Promise.resolve('')

/** `ok`: go ahead; `reloading`: the page reloads with the new policy; `blocked`: say so. */
export async function admitProxy(proxy: string): Promise<'ok' | 'reloading' | 'blocked'> {
  const policy = await loadPolicy
  // Unknown policy (a shell whose page cannot be re-read): let the socket try; a blocked socket
  // then shows as a failed registration rather than a false "blocked" here.
  if (policy === '') return 'ok'
  const connect = /connect-src([^;]*)/.exec(policy)?.[1] ?? ''
  if (connect.split(/\s+/).includes(proxyOrigin(proxy))) {
    sessionStorage.removeItem(RELOADED)
    return 'ok'
  }
  if (sessionStorage.getItem(RELOADED) === proxy) return 'blocked'
  sessionStorage.setItem(RELOADED, proxy)
  location.reload()
  return 'reloading'
}
