import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/**
 * PKCE (RFC 7636) and `state` (RFC 8252 §8.9) helpers. `@ringcentral/sdk` generates the verifier
 * itself in `loginUrl({ usePKCE: true })` with the same recipe; the browser flow uses
 * `challengeS256` to check that the URL the SDK built really carries S256 of the verifier it will
 * send (https://www.rfc-editor.org/rfc/rfc7636#section-4.2).
 */

/** RFC 7636 §4.1: 32 random octets, base64url without padding: 43 chars from the unreserved set. */
export function createVerifier(random: (size: number) => Buffer = randomBytes): string {
  return random(32).toString('base64url')
}

/** RFC 7636 §4.2: `BASE64URL(SHA256(ASCII(code_verifier)))`. */
export function challengeS256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url')
}

/** RFC 7636 §4.1 charset and length for a verifier. */
export function isValidVerifier(verifier: string): boolean {
  return /^[A-Za-z0-9\-._~]{43,128}$/.test(verifier)
}

/**
 * A fresh, single-use `state`: 32 random bytes (256 bits, above the 128-bit floor of
 * docs/security.md#state), base64url so it survives the round trip through the browser untouched.
 */
export function createState(random: (size: number) => Buffer = randomBytes): string {
  return random(32).toString('base64url')
}

/**
 * Compares a received `state` with the expected one in constant time. Both sides are hashed first so
 * lengths are equal (`timingSafeEqual` needs that) and the length of the secret does not leak.
 */
export function statesEqual(expected: string, received: string | null | undefined): boolean {
  if (typeof received !== 'string' || expected.length === 0) {
    return false
  }
  const a = createHash('sha256').update(expected, 'utf8').digest()
  const b = createHash('sha256').update(received, 'utf8').digest()
  return timingSafeEqual(a, b)
}
