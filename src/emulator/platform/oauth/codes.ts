import { createHash } from 'node:crypto'
import type { Clock, Ids } from '../clock'
import type { AppPermission } from '../permissions'

export interface PkceChallenge {
  readonly value: string
  readonly method: 'S256' | 'plain'
}

/** An authorization code: single use, bound to client, redirect_uri and PKCE challenge. */
export interface AuthCode {
  readonly code: string
  readonly clientId: string
  readonly redirectUri: string
  readonly challenge: PkceChallenge | undefined
  readonly extensionId: string
  readonly scopes: ReadonlyArray<AppPermission>
  readonly expiresAt: number
}

/** An authorization request waiting on the consent page. */
export interface PendingConsent {
  readonly id: string
  readonly clientId: string
  readonly redirectUri: string
  readonly state: string | undefined
  readonly challenge: PkceChallenge | undefined
  readonly loginHint: string | undefined
  readonly expiresAt: number
}

export type ConsumeOutcome =
  | { readonly ok: true; readonly code: AuthCode }
  | { readonly ok: false; readonly reason: 'unknown' | 'replayed' | 'expired' }

const CONSENT_TTL_MS = 10 * 60 * 1000

export class AuthCodeStore {
  private readonly codes = new Map<string, AuthCode>()
  private readonly used = new Set<string>()
  private readonly pending = new Map<string, PendingConsent>()

  constructor(
    private readonly clock: Clock,
    private readonly ids: Ids
  ) {}

  issue(input: Omit<AuthCode, 'code' | 'expiresAt'>, ttlSeconds: number): AuthCode {
    const code: AuthCode = {
      ...input,
      code: this.ids.token('EMU-AC-', 24),
      expiresAt: this.clock.now() + ttlSeconds * 1000
    }
    this.codes.set(code.code, code)
    return code
  }

  /**
   * Burns the code whatever happens next (a failed exchange also consumes it), so a replay is
   * always distinguishable as `replayed`.
   */
  consume(value: string): ConsumeOutcome {
    if (this.used.has(value)) return { ok: false, reason: 'replayed' }
    const code = this.codes.get(value)
    if (code === undefined) return { ok: false, reason: 'unknown' }
    this.codes.delete(value)
    this.used.add(value)
    if (code.expiresAt <= this.clock.now()) return { ok: false, reason: 'expired' }
    return { ok: true, code }
  }

  addPending(input: Omit<PendingConsent, 'id' | 'expiresAt'>): PendingConsent {
    const entry: PendingConsent = {
      ...input,
      id: this.ids.token('', 18),
      expiresAt: this.clock.now() + CONSENT_TTL_MS
    }
    this.pending.set(entry.id, entry)
    return entry
  }

  /** Single use as well: a consent form cannot be submitted twice. */
  takePending(id: string): PendingConsent | undefined {
    const entry = this.pending.get(id)
    this.pending.delete(id)
    return entry !== undefined && entry.expiresAt > this.clock.now() ? entry : undefined
  }
}

/** RFC 7636 §4.6: S256 = BASE64URL(SHA256(ASCII(verifier))), plain = verifier. */
export function verifyPkce(challenge: PkceChallenge, verifier: string): boolean {
  const computed =
    challenge.method === 'S256'
      ? createHash('sha256').update(verifier, 'ascii').digest('base64url')
      : verifier
  return computed === challenge.value
}

/** RFC 7636 §4.1: 43–128 chars of [A-Za-z0-9-._~]; an S256 challenge is exactly 43 base64url chars. */
export function wellFormedChallenge(challenge: PkceChallenge): boolean {
  return challenge.method === 'S256'
    ? /^[A-Za-z0-9_-]{43}$/.test(challenge.value)
    : /^[A-Za-z0-9._~-]{43,128}$/.test(challenge.value)
}
