import { createHmac, timingSafeEqual } from 'node:crypto'
import * as t from 'io-ts'
import { isRight } from 'fp-ts/lib/Either.js'

/**
 * Demo JWT credentials for the `jwt-bearer` grant. Real RingCentral JWTs are issued in the
 * developer console; the emulator signs its own (HS256, per-run secret) with the claims the token
 * endpoint needs: who (`sub` = extension id) and for which app (`iss` = client id).
 */
export const JwtClaims = t.intersection(
  [
    t.type({ sub: t.string, iss: t.string, exp: t.number, iat: t.number }),
    t.partial({ aud: t.string, jti: t.string, account_id: t.string })
  ],
  'JwtClaims'
)
export type JwtClaims = t.TypeOf<typeof JwtClaims>

export type JwtVerdict =
  | { readonly ok: true; readonly claims: JwtClaims }
  | { readonly ok: false; readonly reason: 'malformed' | 'signature' | 'expired' }

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url')

function sign(input: string, secret: Buffer): string {
  return createHmac('sha256', secret).update(input).digest('base64url')
}

export function signJwt(claims: JwtClaims, secret: Buffer): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url')
  const input = `${HEADER}.${payload}`
  return `${input}.${sign(input, secret)}`
}

export function verifyJwt(token: string, secret: Buffer, nowMs: number): JwtVerdict {
  const parts = token.split('.')
  if (parts.length !== 3) return { ok: false, reason: 'malformed' }
  const [header, payload, signature] = parts as [string, string, string]
  const expected = Buffer.from(sign(`${header}.${payload}`, secret))
  const actual = Buffer.from(signature)
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
    return { ok: false, reason: 'signature' }
  }
  let decoded: unknown
  try {
    const head: unknown = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'))
    if (typeof head !== 'object' || head === null || !('alg' in head) || head.alg !== 'HS256') {
      return { ok: false, reason: 'malformed' }
    }
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
  } catch {
    return { ok: false, reason: 'malformed' }
  }
  const claims = JwtClaims.decode(decoded)
  if (!isRight(claims)) return { ok: false, reason: 'malformed' }
  if (claims.right.exp * 1000 <= nowMs) return { ok: false, reason: 'expired' }
  return { ok: true, claims: claims.right }
}
