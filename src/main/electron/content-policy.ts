/**
 * The renderer's CSP as the Electron shell serves it, with the one thing that changes at runtime:
 * the `wss:` origins of the web phone's SIP proxies, known only once the phone is provisioned.
 * `allowProxyOrigins` is that one call; the next page load (app-protocol.ts reads `csp()` per
 * response) carries it.
 */
import { rendererCsp, wssOrigin } from '../host/renderer-csp'

export interface ContentPolicy {
  /** The CSP header value now. */
  csp(): string
  /**
   * Replaces the proxy origins the page may connect to. Each must be a plain `wss://host[:port]`
   * origin; otherwise nothing changes and it throws, so a bad value never widens the policy.
   */
  allowProxyOrigins(origins: readonly string[]): void
  /** The proxy origins allowed now. */
  proxyOrigins(): readonly string[]
}

export function createContentPolicy(): ContentPolicy {
  let proxies: readonly string[] = []
  return {
    csp: () => rendererCsp(proxies),
    allowProxyOrigins(origins) {
      const checked = origins.map(wssOrigin)
      if (checked.some((origin) => origin === undefined)) {
        throw new Error('a proxy origin must be a plain wss: origin')
      }
      proxies = [...new Set(checked as string[])]
    },
    proxyOrigins: () => proxies
  }
}
