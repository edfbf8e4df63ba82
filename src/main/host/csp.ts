/**
 * The renderer's CSP with Ringside's phone in it: the page may connect to itself and to `wss://` of
 * the provisioned SIP proxies, and to nothing else (docs/phone.md#content-security-policy). Both
 * shells send the one policy src/main/host/renderer-csp.ts builds; this is the one function that
 * turns what the core provisioned into the origins that policy admits.
 */
import { ProxyAddress } from '../../shared/phone/provision'
import { rendererCsp } from './renderer-csp'

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

/** The renderer's policy admitting exactly the provisioned proxies (none before provisioning). */
export function phoneCsp(proxies: readonly string[]): string {
  return rendererCsp(phoneSources(proxies))
}
