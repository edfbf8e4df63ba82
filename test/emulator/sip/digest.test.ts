/**
 * Digest as the web phone computes it (docs/platform.md#sip-digest), checked against an
 * independent computation, and every way a check can fail.
 */
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  challenge,
  digestResponse,
  NonceBook,
  parseAuthorization,
  verifyDigest
} from '../../../src/emulator/sip/digest'

const md5 = (s: string): string => createHash('md5').update(s).digest('hex')
const DOMAIN = 'sip.ringcentral.com'
const CREDS = { authorizationId: '802398804016', domain: DOMAIN, password: '0XeL9qcf' }

/** What the web phone's generateAuthorization writes (dist/utils.mjs). */
function webPhoneAuthorization(
  nonce: string,
  method: string,
  over: Record<string, string> = {}
): string {
  const ha1 = md5(`${CREDS.authorizationId}:${DOMAIN}:${CREDS.password}`)
  const response = md5(`${ha1}:${nonce}:${md5(`${method}:sip:${DOMAIN}`)}`)
  const obj: Record<string, string> = {
    'Digest algorithm': 'MD5',
    username: CREDS.authorizationId,
    realm: DOMAIN,
    nonce,
    uri: `sip:${DOMAIN}`,
    response,
    ...over
  }
  return Object.entries(obj)
    .map(([k, v]) => `${k}="${v}"`)
    .join(', ')
}

const passwords = (id: string): string | undefined =>
  id === CREDS.authorizationId ? CREDS.password : undefined

describe('digest', () => {
  it('computes the web phone response (no qop, realm and uri = the domain)', () => {
    const ha1 = md5(`802398804016:${DOMAIN}:0XeL9qcf`)
    expect(digestResponse(CREDS, 'REGISTER', 'n1')).toBe(
      md5(`${ha1}:n1:${md5(`REGISTER:sip:${DOMAIN}`)}`)
    )
  })

  it('puts the nonce after another parameter, as the web phone INVITE regex needs', () => {
    const value = challenge(DOMAIN, 'abc')
    expect(value).toMatch(/, nonce="(.+?)"/)
    expect(/\bnonce="([^"]+)"/.exec(value)?.[1]).toBe('abc')
  })

  it('parses what the web phone sends, and refuses what is not Digest', () => {
    const p = parseAuthorization(webPhoneAuthorization('n', 'INVITE'))
    expect(p?.get('algorithm')).toBe('MD5')
    expect(p?.get('username')).toBe(CREDS.authorizationId)
    expect(parseAuthorization('Basic abc')).toBeUndefined()
    expect(parseAuthorization('Digest ,,,')).toBeUndefined()
  })

  const cases: ReadonlyArray<readonly [string, (nonce: string) => string | undefined, string]> = [
    ['no header', () => undefined, 'no credentials'],
    ['another scheme', () => 'Bearer x', 'not a Digest authorization'],
    [
      'wrong realm',
      (n) => webPhoneAuthorization(n, 'REGISTER', { realm: 'evil' }),
      'wrong realm or uri'
    ],
    [
      'wrong uri',
      (n) => webPhoneAuthorization(n, 'REGISTER', { uri: 'sip:x' }),
      'wrong realm or uri'
    ],
    [
      'unknown nonce',
      () => webPhoneAuthorization('never-issued', 'REGISTER'),
      'stale or unknown nonce'
    ],
    [
      'unknown id',
      (n) => webPhoneAuthorization(n, 'REGISTER', { username: '1' }),
      'unknown authorization id'
    ],
    ['wrong method', (n) => webPhoneAuthorization(n, 'INVITE'), 'wrong response'],
    [
      'wrong response',
      (n) => webPhoneAuthorization(n, 'REGISTER', { response: '0'.repeat(32) }),
      'wrong response'
    ]
  ]
  it.each(cases)('refuses %s', (_name, make, reason) => {
    const nonces = new NonceBook()
    const check = verifyDigest(make(nonces.issue()), 'REGISTER', DOMAIN, nonces, passwords)
    expect(check).toEqual({ ok: false, reason })
  })

  it('accepts the right response once per nonce, and not after the nonce expired', () => {
    let now = 1_000
    const nonces = new NonceBook(() => now)
    const nonce = nonces.issue()
    const value = webPhoneAuthorization(nonce, 'REGISTER')
    expect(verifyDigest(value, 'REGISTER', DOMAIN, nonces, passwords)).toEqual({
      ok: true,
      authorizationId: CREDS.authorizationId
    })
    expect(verifyDigest(value, 'REGISTER', DOMAIN, nonces, passwords).ok).toBe(false)
    const late = nonces.issue()
    now += 31_000
    expect(
      verifyDigest(webPhoneAuthorization(late, 'REGISTER'), 'REGISTER', DOMAIN, nonces, passwords)
    ).toEqual({
      ok: false,
      reason: 'stale or unknown nonce'
    })
  })
})
