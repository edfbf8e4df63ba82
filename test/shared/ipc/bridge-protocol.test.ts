import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  errorEnvelope,
  helloFrame,
  isRequestId,
  parseClientFrame,
  parseHostFrame,
  requestFrame
} from '../../../src/shared/ipc/bridge-protocol'

describe('isRequestId', () => {
  it.each([0, 1, Number.MAX_SAFE_INTEGER, 'a', 'x'.repeat(64)])('accepts %j', (id) => {
    expect(isRequestId(id)).toBe(true)
  })
  it.each([-1, 1.5, Number.NaN, 2 ** 53, '', 'x'.repeat(65), null, undefined, [1], { id: 1 }])(
    'refuses %j',
    (id) => {
      expect(isRequestId(id)).toBe(false)
    }
  )
})

describe('parseClientFrame (host side)', () => {
  it.each([
    ['{', 'The frame is not JSON.'],
    ['[]', 'The frame is not an object.'],
    ['null', 'The frame is not an object.'],
    ['"x"', 'The frame is not an object.'],
    ['{"type":"hello"}', 'The hello has no secret.'],
    ['{"type":"hello","secret":7}', 'The hello has no secret.'],
    ['{"id":-1}', 'The request has no valid id.'],
    ['{"id":1.5}', 'The request has no valid id.'],
    ['{"channel":"app:version"}', 'The request has no valid id.']
  ])('%s is bad: %s', (text, message) => {
    expect(parseClientFrame(text)).toEqual({ kind: 'bad', id: null, message })
  })

  it('reads a hello and a request', () => {
    expect(parseClientFrame(helloFrame('s3cret'))).toEqual({ kind: 'hello', secret: 's3cret' })
    expect(parseClientFrame(requestFrame(3, 'calls:hold', ['s-1', 'p-1']))).toEqual({
      kind: 'request',
      id: 3,
      channel: 'calls:hold',
      args: ['s-1', 'p-1']
    })
    // Channel and args are dispatch's to check.
    expect(parseClientFrame('{"id":"x","channel":42}')).toEqual({
      kind: 'request',
      id: 'x',
      channel: 42,
      args: undefined
    })
  })

  it('never throws', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.json()), (text) => {
        expect(['hello', 'request', 'bad']).toContain(parseClientFrame(text).kind)
      })
    )
  })
})

describe('parseHostFrame (renderer side)', () => {
  it('reads a welcome, a reply and an event', () => {
    expect(parseHostFrame('{"type":"welcome","protocol":1}')).toEqual({ kind: 'welcome' })
    expect(parseHostFrame('{"id":2,"envelope":{"ok":true,"value":"9"}}')).toEqual({
      kind: 'reply',
      id: 2,
      envelope: { ok: true, value: '9' }
    })
    expect(parseHostFrame('{"event":"state:patch","payload":{"patches":[]}}')).toEqual({
      kind: 'event',
      event: 'state:patch',
      payload: { patches: [] }
    })
  })

  it('leaves the envelope and the payload for their own codecs', () => {
    expect(parseHostFrame('{"id":2}')).toEqual({ kind: 'reply', id: 2, envelope: undefined })
    expect(parseHostFrame('{"event":"notify:popup","payload":7}')).toEqual({
      kind: 'event',
      event: 'notify:popup',
      payload: 7
    })
  })

  it.each([
    ['binary data', new Uint8Array([123, 125])],
    ['a number', 42],
    ['not JSON', '{'],
    ['JSON null', 'null'],
    ['a JSON array', '[{"type":"welcome"}]'],
    ['a JSON string', '"welcome"'],
    ['an unknown event', '{"event":"app:quit","payload":{}}'],
    ['an event name from the prototype', '{"event":"constructor"}'],
    ["the host's answer to an unreadable frame", '{"id":null,"envelope":{"ok":false}}'],
    ['a reply with a negative id', '{"id":-1,"envelope":{}}'],
    ['an empty object', '{}']
  ])('ignores %s', (_what, data) => {
    expect(parseHostFrame(data)).toBeUndefined()
  })

  it('reads every frame the host writes', () => {
    const frames = [
      { type: 'welcome', protocol: 1 },
      { id: 7, envelope: errorEnvelope('busy', 'Too many requests at once; try again.') },
      { event: 'state:status', payload: {} }
    ]
    expect(frames.map((f) => parseHostFrame(JSON.stringify(f))?.kind)).toEqual([
      'welcome',
      'reply',
      'event'
    ])
  })

  it('never throws', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.string({ unit: 'binary' }), fc.json()), (data) => {
        const out = parseHostFrame(data)
        expect(out === undefined || ['welcome', 'reply', 'event'].includes(out.kind)).toBe(true)
      })
    )
  })
})

describe('errorEnvelope', () => {
  it('is a failed envelope with a code and a message', () => {
    expect(errorEnvelope('bad-frame', 'Frames are JSON text.')).toEqual({
      ok: false,
      error: { code: 'bad-frame', message: 'Frames are JSON text.' }
    })
  })
})
