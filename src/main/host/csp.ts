/**
 * The renderer's CSP with Ringside's phone in it: the page may connect to itself and to `wss://` of
 * the provisioned SIP proxies, and to nothing else (docs/phone.md#content-security-policy). Both
 * shells send the one policy src/main/host/renderer-csp.ts builds; this is the one function that
 * turns what the core provisioned into the origins that policy admits.
 */
import { ProxyAddress } from '../../shared/phone/provision'

/** `wss://host:port` for each proxy; anything that is not a proxy address is dropped. */
export function phoneSources(proxies: readonly string[]): string[] {
  const out = new Set<string>()
  for (const p of proxies) {
    if (!ProxyAddress.is(p)) continue
    // A CSP host-source with a path matches only that path; the socket's origin is what counts.
    out.add(`wss://${p.split('/')[0]}`)
  }
  return [...out]
}

/** The meta tag that tells the page which proxies its CSP header admits (it cannot read headers). */
export const CONNECT_META = 'ringside-connect-src'

/**
 * index.html with a `<meta name="ringside-connect-src">` naming the `wss:` origins of the CSP
 * header it is served with. The page checks it before the phone opens its socket: a page that
 * loaded before the first provisioning reloads once instead of tripping the policy (which Chromium
 * logs as an error). It only describes the header; it is not a policy and widens nothing.
 */
export function withConnectMeta(html: string, origins: readonly string[]): string {
  const content = origins.join(' ').replace(/[^A-Za-z0-9.:/[\] -]/g, '')
  return html.replace(
    /<head>/i,
    (head) => `${head}<meta name="${CONNECT_META}" content="${content}">`
  )
}
