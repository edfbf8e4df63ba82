import { isIP } from 'node:net'
import { AuthError } from './errors'

/** RingCentral's production platform (SDK.server.production). The sandbox is deprecated. */
export const PRODUCTION_SERVER = 'https://platform.ringcentral.com'

/**
 * Validates a server address chosen by the agent and returns its origin (`https://host[:port]`).
 *
 * Tokens, the client secret and the JWT travel to this address, so it must be https. Plain http is
 * accepted only for this computer (the emulator on 127.0.0.1), where nothing crosses a network.
 * Paths, queries, fragments and userinfo are refused rather than silently dropped: the SDK appends
 * `/restapi/...` to the server string, so anything extra would change every request.
 */
export function parseServerUrl(input: string): string {
  let url: URL
  try {
    url = new URL(input.trim())
  } catch {
    throw new AuthError('invalid-server')
  }
  const extra =
    url.username !== '' ||
    url.password !== '' ||
    url.search !== '' ||
    url.hash !== '' ||
    (url.pathname !== '/' && url.pathname !== '')
  if (extra) {
    throw new AuthError('invalid-server')
  }
  if (url.protocol === 'https:') {
    return url.origin
  }
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) {
    return url.origin
  }
  throw new AuthError('invalid-server')
}

/** 127.0.0.0/8, ::1 or `localhost` (which RFC 6761 §6.3 reserves for the loopback). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  if (host === 'localhost') {
    return true
  }
  if (isIP(host) === 4) {
    return host.startsWith('127.')
  }
  return isIP(host) === 6 && host === '::1'
}
