import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  createEventLog,
  redact,
  redactText,
  REDACTED,
  supportBundle
} from '../../../../src/main/core/diagnostics'
import { decodeNotification, decodeNotificationText } from '../../../../src/shared/events'

/** Planted secrets, shaped like the real ones (RingCentral tokens are long base64 strings). */
const ACCESS = 'U0pDMTFQMDFQQVMwMnxBQUFfNnNVN2FjY2Vzcy10b2tlbi12YWx1ZQ'
const REFRESH = 'U0pDMTFQMDFQQVMwMnxBQUJfcmVmcmVzaC10b2tlbi12YWx1ZTEyMw'
const WS = 'V1NfVE9LRU5fd3MtYWNjZXNzLXRva2VuLXZhbHVlLTk4NzY1NDMyMQ'
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMDAiLCJleHAiOjE3MDB9.c2lnbmF0dXJlLXNpZ25hdHVyZQ'
const CODE = 'U0pDMTFQMDFQQVMwMHxBQURfYXV0aC1jb2RlLXZhbHVl'
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'
const CLIENT_SECRET = 'cl1entS3cretV4lue'
const SIP_PASSWORD = 'Sup3rS1pP4ssw0rd'
const AUTH_ID = '802398475001'
const DIGEST = '6629fae49393a05397450978507c4ef1'
const HELD = 'HeldOnlyByTheApp-9f8e7d6c'
const SECRETS = [
  ACCESS,
  REFRESH,
  WS,
  JWT,
  CODE,
  VERIFIER,
  CLIENT_SECRET,
  SIP_PASSWORD,
  AUTH_ID,
  DIGEST,
  HELD
]

const sipTrace =
  'REGISTER sip:sip.ringcentral.com SIP/2.0\r\n' +
  `Authorization: Digest username="16505550100", realm="sip.ringcentral.com", response="${DIGEST}"\r\n` +
  'Content-Length: 0\r\n'

const meta = {
  app: 'ringside 0.1.0',
  tokens: { access_token: ACCESS, refresh_token: REFRESH, token_type: 'bearer', expires_in: 3600 },
  camel: { accessToken: ACCESS, refreshToken: REFRESH, wsToken: WS },
  wstoken: { ws_access_token: WS, uri: 'wss://ws-api.ringcentral.com/ws', expires_in: 600 },
  wsUrl: `wss://ws-api.ringcentral.com/ws?access_token=${WS}&other=1`,
  headers: { Authorization: `Bearer ${ACCESS}`, 'content-type': 'application/json' },
  headerText: `POST /restapi/v1.0/subscription\nauthorization: Bearer ${ACCESS}\nX-Trace: 1`,
  basic: `Authorization: Basic ${Buffer.from(`client:${CLIENT_SECRET}`).toString('base64')}`,
  error: new Error(`401 Unauthorized for token ${ACCESS} (refresh_token=${REFRESH})`),
  oauth: {
    redirect: `http://127.0.0.1:5555/callback?code=${CODE}&state=abc`,
    form: `grant_type=authorization_code&code=${CODE}&code_verifier=${VERIFIER}&client_secret=${CLIENT_SECRET}`,
    code_verifier: VERIFIER,
    client_secret: CLIENT_SECRET,
    code: CODE
  },
  jwtLogin: { assertion: JWT, note: `logged in with ${JWT} at noon` },
  sipInfo: [
    {
      username: '16505550100',
      password: SIP_PASSWORD,
      authorizationId: AUTH_ID,
      domain: 'sip.ringcentral.com'
    }
  ],
  sipText: `password=${SIP_PASSWORD}; authorizationId=${AUTH_ID}`,
  sipTrace,
  deep: [[{ nested: new Map([['refresh-token', REFRESH]]), set: new Set([`Bearer ${ACCESS}`]) }]],
  held: `the app holds ${HELD}`,
  [`key-with-${JWT}`]: 'token inside a key'
}

const telephony = {
  uuid: '9',
  event: '/restapi/v1.0/account/1/extension/201/telephony/sessions?statusCode=Answered',
  timestamp: '2026-11-21T09:30:00.000Z',
  body: {
    telephonySessionId: 's-1',
    sequence: 1,
    parties: [{ id: 'p-1', status: { code: 'Answered' } }],
    // Decoded values keep unknown keys: a token in one must still be caught.
    debug: { authorization: `Bearer ${ACCESS}`, link: `https://x/?access_token=${ACCESS}` }
  }
}

function bundle(): string {
  const log = createEventLog()
  log.record({ raw: telephony, result: decodeNotification(telephony), receivedAt: 'now' })
  const rawInvalid = `{"uuid":"7","event":"/restapi/v1.0/account/1/extension/1/presence","access_token":"${ACCESS}","body":{"note":"${JWT}","sip":"password: ${SIP_PASSWORD}","code":"${CODE}"}`
  log.record({ raw: rawInvalid, result: decodeNotificationText(rawInvalid), receivedAt: 'now' })
  return supportBundle(log.entries(), meta, { secrets: [HELD] })
}

describe('support bundle redaction', () => {
  it('leaves no planted secret anywhere in the output', () => {
    const out = bundle()
    for (const secret of SECRETS) expect(out).not.toContain(secret)
    // Not even a recognisable prefix of a token survives.
    for (const secret of [ACCESS, REFRESH, WS, JWT, CODE])
      expect(out).not.toContain(secret.slice(0, 16))
    expect(out).toContain(REDACTED)
  })

  it('is JSON Lines: a meta line, then one line per event, all parseable', () => {
    const lines = bundle().trimEnd().split('\n')
    const parsed = lines.map((l) => JSON.parse(l) as { type: string })
    expect(parsed.map((p) => p.type)).toEqual(['meta', 'event', 'event'])
  })

  it('keeps what support needs: status codes, filters, ids, domains', () => {
    const out = bundle()
    expect(out).toContain('"code":"Answered"')
    expect(out).toContain('statusCode=Answered')
    expect(out).toContain('sip.ringcentral.com')
    expect(out).toContain('"token_type":"bearer"')
    expect(out).toContain('"telephonySessionId":"s-1"')
    expect(out).toContain('16505550100')
  })
})

describe('redact', () => {
  it('handles cycles, depth, prototypes and non-JSON values', () => {
    const cyclic: Record<string, unknown> = { a: 1 }
    cyclic['self'] = cyclic
    const shared = { x: 1 }
    let deep: unknown = 'bottom'
    for (let i = 0; i < 50; i++) deep = { d: deep }
    const input = JSON.parse('{"__proto__": {"polluted": true}, "ok": 1}') as unknown
    expect(redact(cyclic)).toEqual({ a: 1, self: '[Circular]' })
    expect(redact([shared, shared])).toEqual([{ x: 1 }, { x: 1 }])
    expect(JSON.stringify(redact(deep))).toContain('[Too deep]')
    const out = redact(input) as Record<string, unknown>
    expect(Object.keys(out)).toEqual(['__proto__', 'ok'])
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
    expect(redact({ n: 10n, f: () => 1, password: 1234, token: null })).toEqual({
      n: '10',
      password: REDACTED,
      token: null
    })
  })

  it('never lets a token planted at a random place under a secret key or in a URL survive', () => {
    const token = fc.stringMatching(/^[A-Za-z0-9_-]{24,48}$/)
    const carrier = fc.constantFrom(
      (t: string) => ({ access_token: t }),
      (t: string) => ({ RefreshToken: t }),
      (t: string) => ({ 'ws-token': t }),
      (t: string) => ({ Authorization: `Bearer ${t}` }),
      (t: string) => ({ url: `wss://h/ws?x=1&access_token=${t}` }),
      (t: string) => ({ text: `retry with code=${t} now` }),
      (t: string) => ({ line: `Authorization: Bearer ${t}` }),
      (t: string) => ({ raw: `{"refresh_token":"${t}"}` }),
      (t: string) => ({ password: t }),
      (t: string) => ({ sip: { authorizationId: t } })
    )
    const path = fc.array(fc.constantFrom('a', 'b', 'items', 'data'), { maxLength: 5 })
    fc.assert(
      fc.property(token, carrier, path, fc.boolean(), (t, carry, keys, asArray) => {
        let value: unknown = carry(t)
        for (const k of keys) value = asArray ? [{ [k]: value }] : { [k]: value }
        expect(JSON.stringify(redact(value))).not.toContain(t)
      }),
      { numRuns: 500 }
    )
  })

  it('redacts free text: JWTs, bearer tokens, digest credentials', () => {
    expect(redactText(`x ${JWT} y`)).toBe(`x ${REDACTED} y`)
    expect(redactText(`Bearer ${ACCESS}`)).toBe(`Bearer ${REDACTED}`)
    expect(redactText(sipTrace)).not.toContain(DIGEST)
    expect(redactText('status Answered, serverId 10.13.22.28.TAM')).toBe(
      'status Answered, serverId 10.13.22.28.TAM'
    )
  })
})
