import { describe, expect, it } from 'vitest'
import {
  COUNTER_KEY_LIMIT,
  createEventLog,
  RAW_TEXT_LIMIT,
  RingBuffer
} from '../../../../src/main/core/diagnostics'
import { decodeNotificationText } from '../../../../src/shared/events'

const AT = '2026-11-21T09:30:00.000Z'
const frame = (event: string, body: unknown, uuid = '1'): string =>
  JSON.stringify({ uuid, event, timestamp: AT, ownerId: '100', body })
const LINE =
  '/restapi/v1.0/account/1/extension/100/presence/line/presence?detailedTelephonyState=true'
const record = (log: ReturnType<typeof createEventLog>, text: string, outcome?: string): void => {
  log.record({
    raw: text,
    result: decodeNotificationText(text),
    receivedAt: AT,
    ...(outcome ? { outcome } : {})
  })
}

describe('RingBuffer', () => {
  it('keeps the newest items, oldest first', () => {
    const b = new RingBuffer<number>(3)
    for (let i = 1; i <= 5; i++) b.push(i)
    expect(b.toArray()).toEqual([3, 4, 5])
    expect(b.size).toBe(3)
    expect(b.push(6)).toBe(3)
    b.clear()
    expect(b.toArray()).toEqual([])
    expect(() => new RingBuffer(0)).toThrow(RangeError)
  })
})

describe('event log', () => {
  it('keeps decoded values for valid events and raw text with path errors for invalid ones', () => {
    const log = createEventLog()
    record(
      log,
      frame(LINE, { extensionId: '201', sequence: 1, telephonyStatus: 'Ringing' }),
      'applied'
    )
    record(log, frame(LINE, { extensionId: '201', sequence: 'two' }, '2'))
    const [good, bad] = log.entries()
    expect(good).toMatchObject({
      ok: true,
      kind: 'detailed-presence',
      raw: null,
      uuid: '1',
      outcome: 'applied'
    })
    expect(good!.value?.body).toMatchObject({ telephonyStatus: 'Ringing' })
    expect(bad).toMatchObject({
      ok: false,
      kind: 'detailed-presence',
      value: null,
      uuid: '2',
      event: LINE
    })
    expect(bad!.raw).toContain('"sequence":"two"')
    expect(bad!.errors.map((e) => e.path)).toEqual(['body.sequence'])
  })

  it('counts per kind, invalid envelopes, unknown kinds and warnings, with bounded keys', () => {
    const log = createEventLog()
    record(log, frame(LINE, { extensionId: '201', telephonyStatus: 'Teleporting' }))
    record(log, '{not json')
    for (let i = 0; i < COUNTER_KEY_LIMIT + 10; i++) {
      record(log, frame(`/restapi/v1.0/account/1/unknown-${i}?x=1`, {}))
    }
    const c = log.counters()
    expect(c.byKind['detailed-presence']).toEqual({ ok: 1, invalid: 0 })
    expect(c.byKind['telephony-sessions']).toEqual({ ok: 0, invalid: 0 })
    expect(c.invalidEnvelopes).toBe(1)
    expect(c.unknownKinds).toBe(COUNTER_KEY_LIMIT + 10)
    expect(Object.keys(c.unknownEvents)).toHaveLength(COUNTER_KEY_LIMIT + 1)
    expect(c.unknownEvents['(other)']).toBe(10)
    expect(c.warnings).toBe(1)
    expect(c.warningsByPath).toEqual({ 'body.telephonyStatus': 1 })
    expect(c.total).toBe(COUNTER_KEY_LIMIT + 12)
  })

  it('stays bounded: capacity entries, raw text capped', () => {
    const log = createEventLog(10)
    const huge = frame(LINE, { extensionId: 201.5, padding: 'x'.repeat(5 * RAW_TEXT_LIMIT) })
    for (let i = 0; i < 25; i++) record(log, huge)
    const entries = log.entries()
    expect(entries).toHaveLength(10)
    expect(entries[0]!.seq).toBe(15)
    expect(entries[0]!.raw).toHaveLength(RAW_TEXT_LIMIT)
    expect(entries[0]!.rawTruncated).toBe(true)
    log.clear()
    expect(log.entries()).toEqual([])
    expect(log.counters().total).toBe(0)
  })

  it('records a parsed value that is not an object, and a __proto__ event path, safely', () => {
    const log = createEventLog()
    log.record({ raw: 42, result: decodeNotificationText('42'), receivedAt: AT })
    record(log, frame('__proto__', {}))
    expect(log.entries()[0]!.raw).toBe('42')
    expect(Object.getPrototypeOf(log.counters().unknownEvents)).toBe(Object.prototype)
    expect(Object.keys(log.counters().unknownEvents)).toEqual(['__proto__'])
  })
})
