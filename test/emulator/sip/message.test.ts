/**
 * The SIP reader and writer, as tables: what parses, what is refused with a reason, and that the
 * writer keeps header casing and order (the web phone reads `Via` and `CSeq` by exact name).
 */
import { describe, expect, it } from 'vitest'
import {
  cseqOf,
  header,
  headersNamed,
  parseMessage,
  responseTo,
  serialise,
  tagOf,
  uriOf,
  userOf,
  type SipRequest
} from '../../../src/emulator/sip/message'

const CRLF = '\r\n'
const msg = (...lines: string[]): string => lines.join(CRLF)

const INVITE = msg(
  'INVITE sip:102@sip.ringcentral.com SIP/2.0',
  'Call-Id: abc123',
  'From: <sip:16505550100*101@sip.ringcentral.com>;tag=ph0ne',
  'To: <sip:102@sip.ringcentral.com>',
  'Via: SIP/2.0/WSS x.invalid;branch=z9hG4bK-1',
  'CSeq: 8812 INVITE',
  'Replaces: c1;to-tag=a;from-tag=b',
  'Replaces: c2;to-tag=a;from-tag=b',
  'Content-Type: application/sdp',
  '',
  'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\n'
)

describe('parseMessage', () => {
  const refused: ReadonlyArray<readonly [string, string, string]> = [
    ['no blank line', 'INVITE sip:a@b SIP/2.0\r\nCall-Id: x', 'no blank line'],
    ['bad start line', msg('HELLO', '', ''), 'bad start line'],
    ['lower-case method', msg('invite sip:a@b SIP/2.0', '', ''), 'bad start line'],
    ['wrong version', msg('INVITE sip:a@b SIP/3.0', '', ''), 'bad start line'],
    ['status out of range', msg('SIP/2.0 700 Nope', '', ''), 'bad start line'],
    [
      'header without colon',
      msg('INVITE sip:a@b SIP/2.0', 'Call-Id abc', '', ''),
      'bad header line'
    ],
    [
      'header name with space',
      msg('INVITE sip:a@b SIP/2.0', 'Call Id: abc', '', ''),
      'bad header line'
    ],
    ['too large', 'x'.repeat(70_000), 'message too large'],
    [
      'too many headers',
      msg('INVITE sip:a@b SIP/2.0', ...Array.from({ length: 81 }, (_, i) => `X-${i}: v`), '', ''),
      'too many headers'
    ]
  ]
  it.each(refused)('refuses %s', (_name, text, reason) => {
    const parsed = parseMessage(text)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.reason).toContain(reason)
  })

  it('reads a request: method, uri, headers in order, repeated headers, body', () => {
    const parsed = parseMessage(INVITE)
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    const m = parsed.message as SipRequest
    expect(m).toMatchObject({
      kind: 'request',
      method: 'INVITE',
      uri: 'sip:102@sip.ringcentral.com'
    })
    expect(header(m, 'call-id')).toBe('abc123')
    expect(headersNamed(m, 'REPLACES')).toEqual([
      'c1;to-tag=a;from-tag=b',
      'c2;to-tag=a;from-tag=b'
    ])
    expect(cseqOf(m)).toEqual({ seq: 8812, method: 'INVITE' })
    expect(m.body).toBe('v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\n')
  })

  it('reads a response and its reason phrase', () => {
    const parsed = parseMessage(
      msg('SIP/2.0 481 Call/Transaction Does Not Exist', 'CSeq: 1 INVITE', '', '')
    )
    expect(parsed).toMatchObject({ ok: true, message: { kind: 'response', status: 481 } })
  })
})

describe('responseTo and serialise', () => {
  it('echoes Via, From, To, Call-Id, CSeq with the request spelling, adds the To-tag once', () => {
    const req = (parseMessage(INVITE) as { message: SipRequest }).message
    const text = serialise(
      responseTo(req, 183, { toTag: 'emu1', headers: [['p-rc-api-ids', 'x']] })
    )
    expect(text.split(CRLF)).toEqual([
      'SIP/2.0 183 Session Progress',
      'Via: SIP/2.0/WSS x.invalid;branch=z9hG4bK-1',
      'From: <sip:16505550100*101@sip.ringcentral.com>;tag=ph0ne',
      'To: <sip:102@sip.ringcentral.com>;tag=emu1',
      'Call-Id: abc123',
      'CSeq: 8812 INVITE',
      'p-rc-api-ids: x',
      'Content-Length: 0',
      '',
      ''
    ])
    const tagged = {
      ...req,
      headers: req.headers.map(([n, v]) => [n, n === 'To' ? `${v};tag=old` : v] as const)
    }
    expect(header(responseTo(tagged, 200, { toTag: 'new' }), 'To')).toBe(
      '<sip:102@sip.ringcentral.com>;tag=old'
    )
  })

  it('counts Content-Length in bytes and round-trips', () => {
    const m = {
      kind: 'request',
      method: 'INFO',
      uri: 'sip:a@b',
      headers: [['Call-Id', 'é']],
      body: 'héllo'
    } as const
    const text = serialise(m)
    expect(text).toContain('Content-Length: 6')
    expect(parseMessage(text)).toMatchObject({
      ok: true,
      message: { method: 'INFO', body: 'héllo' }
    })
  })
})

describe('address helpers', () => {
  const tags: ReadonlyArray<readonly [string, string | undefined]> = [
    ['<sip:a@b>;tag=x1', 'x1'],
    ['"N" <sip:a@b;transport=wss>;tag=x2;foo=bar', 'x2'],
    ['<sip:a@b;tag=inside>', undefined],
    ['<sip:a@b>', undefined],
    ['sip:a@b;tag=bare', 'bare']
  ]
  it.each(tags)('tagOf(%s) = %s', (value, tag) => expect(tagOf(value)).toBe(tag))
  it('uriOf and userOf', () => {
    expect(uriOf('"N" <sip:101@sip.ringcentral.com;transport=wss>;tag=1')).toBe(
      'sip:101@sip.ringcentral.com;transport=wss'
    )
    expect(uriOf('sip:x@y;expires=60')).toBe('sip:x@y')
    expect(userOf('sip:16505550100*101@sip.ringcentral.com')).toBe('16505550100*101')
    expect(userOf('tel:+1')).toBeUndefined()
  })
})
