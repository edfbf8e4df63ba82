/**
 * Which `redirect_uri` an app registration accepts. RingCentral compares it with the app's
 * registered redirect URIs exactly and refuses anything else with `OAU-109 Redirect URIs do not
 * match` (https://developers.ringcentral.com/guide/basics/errors,
 * https://community.ringcentral.com/articles/117292): a loopback URI on another port is another
 * URI. RFC 8252 §7.3 asks servers to accept any port for a loopback IP literal; the emulator can do
 * that too, for the demo's own registration, which no real registration can count on
 * (docs/emulator.md#clients).
 */
export type RedirectPolicy =
  /** Only a registered URI, character for character (the platform's rule; the default). */
  | 'exact'
  /**
   * A registered URI, or a loopback `http` URI with a registered URI's host and path on any port
   * (RFC 8252 §7.3); with none registered, any loopback `http` URI.
   */
  | 'loopback-any-port'

export interface RedirectRegistration {
  readonly redirectUris: ReadonlyArray<string>
  readonly redirectPolicy: RedirectPolicy
}

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', '[::1]', 'localhost'])

/** Whether `uri` may receive the authorization code for this registration. */
export function redirectAllowed(client: RedirectRegistration, uri: string): boolean {
  if (client.redirectPolicy === 'exact') {
    return client.redirectUris.includes(uri)
  }
  return anyLoopbackPort(client.redirectUris, uri)
}

function anyLoopbackPort(registered: ReadonlyArray<string>, uri: string): boolean {
  const url = parse(uri)
  if (url === undefined || url.hash !== '') return false
  const isLoopback = url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)
  if (registered.length === 0) return isLoopback
  return registered.some((candidate) => {
    if (candidate === uri) return true
    const reg = parse(candidate)
    return (
      isLoopback &&
      reg !== undefined &&
      reg.protocol === 'http:' &&
      reg.hostname === url.hostname &&
      reg.pathname === url.pathname
    )
  })
}

function parse(uri: string): URL | undefined {
  try {
    return new URL(uri)
  } catch {
    return undefined
  }
}
