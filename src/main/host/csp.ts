/**
 * The renderer's Content-Security-Policy with Ringside's phone in it: the page may connect to the
 * app, the loopback bridge, and `wss://` of the provisioned SIP proxies, and to nothing else
 * (docs/phone.md#content-security-policy). One function, used wherever the page is served, so the
 * policy the phone needs is written once. The static policy lives in src/renderer/index.html's
 * meta tag; this widens only its `connect-src`, by exactly the proxies the core provisioned.
 */
import { ProxyAddress } from '../../shared/phone/provision'

/** The meta tag's `connect-src` as src/renderer/index.html writes it. */
export const BASE_CONNECT_SRC = "connect-src 'self' ws://127.0.0.1:*"

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

/**
 * index.html with the provisioned proxies added to its CSP's `connect-src`. Unchanged when there
 * are none, or when the page does not carry the expected policy (a build that changed it must
 * fail closed: the phone then cannot connect, rather than the policy being guessed at).
 */
export function withPhoneCsp(html: string, proxies: readonly string[]): string {
  const sources = phoneSources(proxies)
  if (sources.length === 0 || !html.includes(BASE_CONNECT_SRC)) return html
  return html.replace(BASE_CONNECT_SRC, `${BASE_CONNECT_SRC} ${sources.join(' ')}`)
}
