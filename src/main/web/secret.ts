/**
 * The per-launch secret that proves a bridge client was opened from the URL Ringside printed.
 * Any local process or web page can reach a loopback port; only the one holding this value may
 * drive the core (the same reason VS Code and Jupyter put a token on their loopback servers).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/** 256 random bits as base64url (43 characters): far beyond guessing, safe in a URL fragment. */
export function createSecret(): string {
  return randomBytes(32).toString('base64url')
}

/**
 * Constant-time comparison. Both sides are hashed first so the comparison has a fixed length and
 * neither the secret's length nor a common prefix leaks through timing.
 */
export function secretMatches(presented: string, expected: string): boolean {
  const a = createHash('sha256').update(presented, 'utf8').digest()
  const b = createHash('sha256').update(expected, 'utf8').digest()
  return timingSafeEqual(a, b)
}
