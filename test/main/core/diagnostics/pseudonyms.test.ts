import { describe, expect, it } from 'vitest'
import {
  createEventLog,
  createPseudonyms,
  redact,
  REDACTED,
  supportBundle
} from '../../../../src/main/core/diagnostics'
import { decodeNotification, decodeNotificationText } from '../../../../src/shared/events'

const CALLER = '+14155550123'
const CALLER_NAME = 'Dana Whitfield'
const CALL_ID = 'q3k9x0v1b2n3m4l5k6j7'
const FROM_TAG = '10.13.22.28-5070-8f1c2a1e0b4d4c'
const URI = `sip:${CALLER}@sip.ringcentral.com`
const TOKEN = 'U0pDMTFQMDFQQVMwMnxBQUFfNnNVN2FjY2Vzcy10b2tlbi12YWx1ZQ'

const presence = {
  uuid: '1',
  event: '/restapi/v1.0/account/1/extension/201/presence?detailedTelephonyState=true&sipData=true',
  timestamp: '2026-11-21T09:30:00.000Z',
  body: {
    extensionId: '201',
    message: `call me back on ${CALLER}`,
    activeCalls: [
      {
        id: CALL_ID,
        telephonySessionId: 's-1',
        from: CALLER,
        fromName: CALLER_NAME,
        to: '101',
        callInfo: {
          primary: { type: 'QueueName', value: 'Support Queue' },
          additional: { type: 'CallerIdNumber', value: CALLER }
        },
        sipData: { toTag: 'blf', fromTag: FROM_TAG, remoteUri: URI, localUri: '-' }
      },
      { id: 's-2', telephonySessionId: 's-2', from: '+16505550110' }
    ]
  }
}

const telephony = {
  uuid: '2',
  event: '/restapi/v1.0/account/1/telephony/sessions?sipData=true',
  timestamp: '2026-11-21T09:30:01.000Z',
  body: {
    telephonySessionId: 's-1',
    sequence: 3,
    parties: [
      {
        id: 'p-1',
        status: { code: 'Answered' },
        from: { phoneNumber: CALLER, name: CALLER_NAME },
        sipData: { callId: CALL_ID, fromTag: FROM_TAG, toTag: 'abc123def' }
      }
    ]
  }
}

// A frame that does not decode: its raw text is kept, cut short, with the number in it.
const rawInvalid = `{"uuid":"3","event":"/restapi/v1.0/account/1/telephony/sessions","body":{"parties":[{"from":{"phoneNumber":"16505550199","name":"Rohan Mehta"},"sipData":{"callId":"${CALL_ID}"`

function bundleWith(key?: Buffer): string {
  const log = createEventLog()
  log.record({ raw: presence, result: decodeNotification(presence), receivedAt: 'a' })
  log.record({ raw: telephony, result: decodeNotification(telephony), receivedAt: 'b' })
  log.record({ raw: rawInvalid, result: decodeNotificationText(rawInvalid), receivedAt: 'c' })
  const meta = { note: `token ${TOKEN}`, access_token: TOKEN, error: new TypeError(CALLER) }
  return supportBundle(
    log.entries(),
    meta,
    key === undefined ? {} : { pseudonyms: createPseudonyms(key) }
  )
}

describe('support bundle pseudonyms', () => {
  it('leaves no number, name, Call-ID, tag or SIP URI in clear, even in a raw frame cut short', () => {
    const out = bundleWith()
    for (const clear of [
      CALLER,
      CALLER.slice(1),
      CALLER_NAME,
      'Rohan Mehta',
      '16505550199',
      '+16505550110',
      'Support Queue',
      CALL_ID,
      FROM_TAG,
      'abc123def',
      URI
    ]) {
      expect(out).not.toContain(clear)
    }
    expect(out).toMatch(/"fromName":"name:[0-9a-f]{12}"/)
    expect(out).toMatch(/"callId":"sip-call-id:[0-9a-f]{12}"/)
    expect(out).toMatch(/"remoteUri":"sip-uri:[0-9a-f]{12}"/)
    expect(out).toMatch(/"toTag":"sip-tag:[0-9a-f]{12}"/)
  })

  it('gives one value one pseudonym throughout a bundle, and another in the next bundle', () => {
    const lines = bundleWith()
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
    const text = JSON.stringify(lines)
    const callerCodes = new Set(
      [...text.matchAll(/"(?:from|phoneNumber)":"(phone:[0-9a-f]{12})"/g)].map((m) => m[1])
    )
    // The caller's number in presence and in telephony, and the second call's own number.
    expect(callerCodes.size).toBe(2)
    const code = createPseudonyms(Buffer.alloc(32, 1)).of('phone', CALLER)
    const a = bundleWith(Buffer.alloc(32, 1))
    // Presence `from`, call-info `value` and `message`, telephony `phoneNumber`, the error message.
    expect(a.split(code).length - 1).toBe(6)
    expect(a).toContain(`call me back on ${code}`)
    expect(bundleWith(Buffer.alloc(32, 2))).not.toContain(code)
    // The Call-ID of a connected presence call, the telephony party's and the raw frame's agree.
    const callId = createPseudonyms(Buffer.alloc(32, 1)).of('sip-call-id', CALL_ID)
    expect(a.split(callId).length - 1).toBe(3)
  })

  it('never writes its key into the bundle', () => {
    const key = Buffer.from('k'.repeat(32))
    const out = bundleWith(key)
    for (const form of [key.toString('hex'), key.toString('base64'), key.toString('utf8')]) {
      expect(out).not.toContain(form)
    }
  })

  it('keeps what means something in clear: blf, placeholders, codes, ids, extension numbers', () => {
    const out = bundleWith()
    expect(out).toContain('"toTag":"blf"')
    expect(out).toContain('"localUri":"-"')
    expect(out).toContain('"code":"Answered"')
    expect(out).toContain('"telephonySessionId":"s-1"')
    expect(out).toContain('"id":"s-2"')
    expect(out).toContain('"type":"QueueName"')
    expect(out).toContain('"name":"TypeError"')
  })

  it('still removes tokens outright instead of hashing them', () => {
    const out = bundleWith()
    expect(out).not.toContain(TOKEN)
    expect(out).toContain(`"access_token":"${REDACTED}"`)
    const p = createPseudonyms()
    expect(redact({ name: 'Zoë', password: 'Sup3rS1pP4ssw0rd' }, { pseudonyms: p })).toEqual({
      name: p.of('name', 'Zoë'),
      password: REDACTED
    })
  })

  it('hashes one number written two ways to one pseudonym', () => {
    const p = createPseudonyms()
    expect(p.of('phone', '+1 (415) 555-0123')).toBe(p.of('phone', CALLER))
    expect(p.of('name', ' Dana  Whitfield')).toBe(p.of('name', CALLER_NAME))
    expect(p.of('phone', CALLER)).not.toBe(p.of('name', CALLER))
  })
})
