/**
 * SIP digest authentication as ringcentral-web-phone 2.x computes it (docs/platform.md#sip-digest):
 * MD5, no qop and no cnonce, realm and digest-uri always the SIP domain:
 * `response = md5(md5(authorizationId:domain:password) : nonce : md5(METHOD:sip:domain))`.
 * Nonces are random, single use and short-lived, so a captured response cannot be replayed.
 */
import { createHash, randomBytes } from 'node:crypto'

const md5 = (s: string): string => createHash('md5').update(s).digest('hex')

export interface DigestCredentials {
  readonly authorizationId: string
  readonly domain: string
  readonly password: string
}

export function digestResponse(c: DigestCredentials, method: string, nonce: string): string {
  const ha1 = md5(`${c.authorizationId}:${c.domain}:${c.password}`)
  const ha2 = md5(`${method}:sip:${c.domain}`)
  return md5(`${ha1}:${nonce}:${ha2}`)
}

/**
 * The challenge value. The nonce is NOT the first parameter: the web phone reads the INVITE's
 * nonce with `/, nonce="(.+?)"/`.
 */
export const challenge = (domain: string, nonce: string): string =>
  `Digest algorithm=MD5, realm="${domain}", nonce="${nonce}"`

/**
 * Parameters of an `Authorization`/`Proxy-Authorization` value. The web phone writes
 * `Digest algorithm="MD5", username="…", …`: the scheme is glued to the first key.
 */
export function parseAuthorization(value: string): Map<string, string> | undefined {
  const match = /^\s*Digest\s+(.*)$/i.exec(value)
  if (match === null) return undefined
  const out = new Map<string, string>()
  const param = /\s*([A-Za-z-]+)\s*=\s*(?:"([^"]*)"|([^,\s]*))\s*(?:,|$)/gy
  const rest = match[1]!
  let m: RegExpExecArray | null
  while (param.lastIndex < rest.length && (m = param.exec(rest)) !== null) {
    out.set(m[1]!.toLowerCase(), m[2] ?? m[3] ?? '')
  }
  return param.lastIndex === 0 && rest.length > 0 ? undefined : out
}

export type DigestCheck =
  | { readonly ok: true; readonly authorizationId: string }
  | { readonly ok: false; readonly reason: string }

const NONCE_TTL_MS = 30_000
const MAX_NONCES = 10_000

export class NonceBook {
  private readonly issued = new Map<string, number>()

  constructor(private readonly now: () => number = Date.now) {}

  issue(): string {
    if (this.issued.size >= MAX_NONCES) this.sweep()
    const nonce = randomBytes(16).toString('hex')
    this.issued.set(nonce, this.now() + NONCE_TTL_MS)
    return nonce
  }

  /** True once per issued, unexpired nonce. */
  take(nonce: string): boolean {
    const expires = this.issued.get(nonce)
    this.issued.delete(nonce)
    return expires !== undefined && expires >= this.now()
  }

  private sweep(): void {
    const now = this.now()
    for (const [n, expires] of this.issued) if (expires < now) this.issued.delete(n)
    // Still full: the oldest go first (Map keeps insertion order).
    for (const n of this.issued.keys()) {
      if (this.issued.size < MAX_NONCES) break
      this.issued.delete(n)
    }
  }
}

/**
 * Checks an authorization value for `method`: a known nonce, realm and uri as the web phone sends
 * them, and the response computed with the password `passwordOf(authorizationId)` returns.
 */
export function verifyDigest(
  value: string | undefined,
  method: string,
  domain: string,
  nonces: NonceBook,
  passwordOf: (authorizationId: string) => string | undefined
): DigestCheck {
  if (value === undefined) return { ok: false, reason: 'no credentials' }
  const p = parseAuthorization(value)
  if (p === undefined) return { ok: false, reason: 'not a Digest authorization' }
  const username = p.get('username') ?? ''
  const nonce = p.get('nonce') ?? ''
  if (p.get('realm') !== domain || p.get('uri') !== `sip:${domain}`) {
    return { ok: false, reason: 'wrong realm or uri' }
  }
  if (!nonces.take(nonce)) return { ok: false, reason: 'stale or unknown nonce' }
  const password = passwordOf(username)
  if (password === undefined) return { ok: false, reason: 'unknown authorization id' }
  const expected = digestResponse({ authorizationId: username, domain, password }, method, nonce)
  return p.get('response') === expected
    ? { ok: true, authorizationId: username }
    : { ok: false, reason: 'wrong response' }
}
