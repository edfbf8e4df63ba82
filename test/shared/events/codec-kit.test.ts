import fc from 'fast-check'
import * as t from 'io-ts'
import { describe, expect, expectTypeOf, it } from 'vitest'
import {
  type ActiveCallSip,
  Bool,
  enumOf,
  type EnumValue,
  Id,
  Int,
  isUnknownEnumValue,
  type Notification,
  reportErrors,
  runDecode,
  Str,
  struct,
  type TelephonySessionBody,
  Timestamp,
  type UnknownEnumValue
} from '../../../src/shared/events'

describe('Id', () => {
  it.each([
    ['297277020', '297277020'],
    [297277020, '297277020'],
    [0, '0']
  ])('%j decodes to %j', (input, output) => {
    expect(runDecode(Id, input).value).toBe(output)
  })
  it.each([1.5, -3, 2 ** 60, true, null, {}])('%j is not an id', (input) => {
    expect(runDecode(Id, input).errors.length).toBe(1)
  })
})

describe('Timestamp', () => {
  it.each([
    ['2019-07-09T16:17:38.286Z', '2019-07-09T16:17:38.286Z'],
    ['2021-07-02T11:40:28.805+0000', '2021-07-02T11:40:28.805Z'],
    ['2021-07-02T13:40:28.805+02:00', '2021-07-02T11:40:28.805Z'],
    ['2021-07-02T11:40:28Z', '2021-07-02T11:40:28.000Z']
  ])('%s becomes %s', (input, output) => {
    expect(runDecode(Timestamp, input).value).toBe(output)
  })
  it.each(['2021-07-02', '2021-13-45T99:99:99Z', 'now', 1625226028805])(
    '%j is rejected',
    (input) => {
      expect(runDecode(Timestamp, input).errors.length).toBe(1)
    }
  )
  // The canonical layout is checked character by character, not by a regex: any single character
  // changed anywhere in it must be judged as the layout's regex would judge it.
  it('keeps a 24-character text as it is exactly when it has the canonical layout', () => {
    const LAYOUT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/
    const canonical = '2019-07-09T16:17:38.286Z'
    const near = fc
      .record({
        at: fc.nat({ max: canonical.length - 1 }),
        char: fc.constantFrom(...'0123456789/-:.TZz+ a\u0660')
      })
      .map(({ at, char }) => canonical.slice(0, at) + char + canonical.slice(at + 1))
    fc.assert(
      fc.property(near, (s) => {
        const value = runDecode(Timestamp, s).value
        expect(value === s).toBe(LAYOUT.test(s))
      }),
      { numRuns: 500 }
    )
  })
})

describe('enumOf', () => {
  const Color = enumOf('Color', { Red: null, Green: null })
  it('types known members as themselves', () => {
    expect(runDecode(Color, 'Red')).toEqual({ value: 'Red', errors: [], warnings: [] })
  })
  it('keeps an unknown member and warns, instead of failing', () => {
    const r = runDecode(struct('Paint', { color: Color }), { color: 'Blue' })
    expect(r.value).toEqual({ color: { unknown: 'Blue' } })
    expect(r.warnings).toEqual([
      { path: 'color', message: 'unknown Color value "Blue" kept as unknown (known: Red, Green)' }
    ])
  })
  it('rejects a non-string', () => {
    expect(reportErrors(runDecode(Color, 3).errors)).toEqual([
      { path: '(root)', message: 'expected Color, got 3' }
    ])
  })
  it('describes values JSON cannot hold instead of throwing on them', () => {
    const got = (u: unknown): string[] =>
      reportErrors(runDecode(Color, u).errors).map((i) => i.message)
    expect(got(10n ** 30n)).toEqual(['expected Color, got 1000000000000000000000000000000n'])
    expect(got(Symbol('s'))).toEqual(['expected Color, got a symbol'])
    expect(got(() => 'Red')).toEqual(['expected Color, got a function'])
  })
  it('encodes unknown members back to their wire text', () => {
    expect(Color.encode({ unknown: 'Blue' })).toBe('Blue')
    expect(isUnknownEnumValue({ unknown: 'Blue' })).toBe(true)
  })
})

describe('struct', () => {
  const S = struct('S', { a: Str, n: Int }, { b: Bool, id: Id })
  it('keeps unknown fields and returns an untouched input as-is', () => {
    const input = { a: 'x', n: 1, extra: { deep: true } }
    expect(runDecode(S, input).value).toBe(input)
  })
  it('copies only when a value was normalised', () => {
    const input = { a: 'x', n: 1, id: 7, extra: 1 }
    const out = runDecode(S, input).value
    expect(out).toEqual({ a: 'x', n: 1, id: '7', extra: 1 })
    expect(input.id).toBe(7)
  })
  it('treats undefined optional fields as absent but rejects null', () => {
    expect(runDecode(S, { a: 'x', n: 1, b: undefined }).errors).toEqual([])
    expect(reportErrors(runDecode(S, { a: 'x', n: 1, b: null }).errors)).toEqual([
      { path: 'b', message: 'expected boolean, got null' }
    ])
  })
  it('reports every bad field, not only the first', () => {
    expect(reportErrors(runDecode(S, { n: 'one' }).errors).map((i) => i.path)).toEqual(['a', 'n'])
  })
  it('encodes to the wire form', () => {
    const E = struct('E', { c: enumOf('C', { A: null }) })
    expect(E.encode({ c: { unknown: 'Z' } })).toEqual({ c: 'Z' })
  })
  it('is a real io-ts type whose `is` agrees with decoding', () => {
    expect(S.is({ a: 'x', n: 1 })).toBe(true)
    expect(S.is({ a: 'x', n: 1.5 })).toBe(false)
    expect(t.array(S).is([{ a: 'x', n: 2, b: false }])).toBe(true)
  })
})

describe('types', () => {
  it('derive from the codecs, with unknown enum members explicit', () => {
    expectTypeOf<TelephonySessionBody['parties'][number]['status']['code']>().toEqualTypeOf<
      EnumValue<
        | 'Setup'
        | 'Proceeding'
        | 'Answered'
        | 'Disconnected'
        | 'Gone'
        | 'Parked'
        | 'Hold'
        | 'VoiceMail'
        | 'FaxReceive'
        | 'Tds'
        | 'VoiceMailScreening'
      >
    >()
    expectTypeOf<UnknownEnumValue>().toExtend<
      TelephonySessionBody['parties'][number]['status']['code']
    >()
    expectTypeOf<ActiveCallSip['sipData']>().toEqualTypeOf<
      | {
          toTag: string
          fromTag: string
          remoteUri?: string
          localUri?: string
          callId?: string
          rcSessionId?: string
        }
      | undefined
    >()
    expectTypeOf<TelephonySessionBody['sequence']>().toEqualTypeOf<number>()
    expectTypeOf<TelephonySessionBody['sessionId']>().toEqualTypeOf<string | undefined>()
  })
  it('narrow a notification by kind', () => {
    expectTypeOf<
      Extract<Notification, { kind: 'telephony-sessions' }>['body']
    >().toEqualTypeOf<TelephonySessionBody>()
    expectTypeOf<Notification['kind']>().toEqualTypeOf<
      | 'extension-presence'
      | 'detailed-presence'
      | 'detailed-presence-sip'
      | 'account-presence'
      | 'telephony-sessions'
      | 'line-list'
      | 'favorites'
    >()
  })
})
