/**
 * The compiled decode remembers state between notifications: each struct remembers the order of
 * the last value's keys, the event paths of the last few notifications are compared before the
 * path cache, and an envelope with the platform's usual keys is assembled by a literal. None of
 * that may change an answer: over STREAMS of notifications (so the remembered state carries from
 * one to the next) with keys in any order, extra keys past the remembered positions, more distinct
 * paths than are remembered and envelopes of every key layout, every result equals io-ts's.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  decodeNotification,
  decodeNotificationByIoTs,
  type DecodeResult,
  Id,
  Int,
  Str,
  struct,
  Timestamp
} from '../../../src/shared/events'
import { compile } from '../../../src/shared/events/compile'
import { BAIL, INVALID } from '../../../src/shared/events/fast'
import { detailedPresenceSipBody, telephonySessionBody } from './arbitraries'
import { createRng } from '../../../src/emulator/callcentre/random'

const A = '/restapi/v1.0/account/37439510'
/** More distinct paths than the decode remembers (4), of equal and of different lengths. */
const PRESENCE_PATHS = ['297277020', '297277021', '297277022', '297277023', '297277024'].map(
  (ext) => `${A}/extension/${ext}/presence?detailedTelephonyState=true&sipData=true`
)
const TELEPHONY_PATHS = ['31', '32', '3'].map(
  (ext) => `${A}/extension/2972770${ext}/telephony/sessions?sipData=true`
)

/** The emulator's seeded mulberry32 (callcentre/random.ts): the same seed, the same texts. */
const random = (seed: number): (() => number) => createRng(seed).next

/**
 * A copy of `v` with the keys of some objects shuffled or two of them swapped, and some given extra keys (up to
 * 80, past the 64 positions a struct remembers), at every depth.
 */
function reorder(v: unknown, rnd: () => number): unknown {
  if (Array.isArray(v)) return v.map((x) => reorder(x, rnd))
  if (typeof v !== 'object' || v === null) return v
  const entries = Object.entries(v).map(([k, x]) => [k, reorder(x, rnd)] as const)
  const how = rnd()
  if (how < 0.3) {
    // Two neighbours swapped: the required keys usually keep their places, so a misread field
    // would not be caught by the count of required keys.
    const i = Math.floor(rnd() * (entries.length - 1))
    if (entries.length > 1) [entries[i], entries[i + 1]] = [entries[i + 1]!, entries[i]!]
  } else if (how < 0.6) {
    for (let i = entries.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1))
      ;[entries[i], entries[j]] = [entries[j]!, entries[i]!]
    }
  }
  const extra = rnd() < 0.2 ? Math.floor(rnd() * 80) : 0
  for (let i = 0; i < extra; i++)
    entries.splice(Math.floor(rnd() * entries.length), 0, [`x${i}`, i])
  return Object.fromEntries(entries)
}

/** Envelope layouts: the usual order, optional keys absent, another order, inherited keys. */
const LAYOUTS = [
  'usual',
  'no-owner',
  'no-subscription',
  'reversed',
  'inherited',
  'inherited-tail'
] as const
function envelopeOf(layout: (typeof LAYOUTS)[number], event: string, body: unknown): unknown {
  const usual = {
    uuid: '6401130007461871000',
    event,
    timestamp: '2026-11-21T09:30:00.000Z',
    subscriptionId: 'dfbca25e-4e2b-4c60-aa8d-47a83716fe23',
    ownerId: '297277020',
    body
  }
  switch (layout) {
    case 'usual':
      return usual
    case 'no-owner':
      return { ...usual, ownerId: undefined }
    case 'no-subscription': {
      const { subscriptionId: _, ...rest } = usual
      return rest
    }
    case 'reversed':
      return Object.fromEntries(Object.entries(usual).reverse())
    case 'inherited': {
      // An enumerable key on the prototype: for…in sees it, the spread and Object.assign do not.
      const { ownerId: _, ...rest } = usual
      return Object.assign(Object.create({ ownerId: '1' }) as object, rest)
    }
    case 'inherited-tail': {
      // The usual keys in the usual order to for…in, the last two inherited: not the spread's keys.
      const { ownerId, body: b, ...rest } = usual
      return Object.assign(Object.create({ ownerId, body: b }) as object, rest)
    }
  }
}

const notification = fc
  .record({
    telephony: fc.boolean(),
    presence: detailedPresenceSipBody,
    session: telephonySessionBody,
    path: fc.nat({ max: 99 }),
    layout: fc.constantFrom(...LAYOUTS),
    seed: fc.integer()
  })
  .map(({ telephony, presence, session, path, layout, seed }) => {
    const paths = telephony ? TELEPHONY_PATHS : PRESENCE_PATHS
    // A fresh string each time, as JSON.parse gives: equal texts are not the same string object.
    const event = [...paths[path % paths.length]!].join('')
    return {
      layout,
      input: envelopeOf(layout, event, reorder(telephony ? session : presence, random(seed)))
    }
  })

function expectSame(fast: DecodeResult, reference: DecodeResult): void {
  expect(fast).toStrictEqual(reference)
  if (fast.ok && reference.ok) {
    expect(JSON.stringify(fast.value)).toBe(JSON.stringify(reference.value))
  }
}

describe('the compiled decode over streams agrees with io-ts', () => {
  it('whatever the key orders, extra keys, event paths and envelope layouts', () => {
    const layouts = new Set<string>()
    let ok = 0
    fc.assert(
      fc.property(fc.array(notification, { minLength: 1, maxLength: 12 }), (stream) => {
        for (const { layout, input } of stream) {
          layouts.add(layout)
          const reference = decodeNotificationByIoTs(input)
          expectSame(decodeNotification(input), reference)
          if (reference.ok) ok++
        }
      }),
      { numRuns: 300 }
    )
    expect([...layouts].sort()).toEqual([...LAYOUTS].sort())
    expect(ok).toBeGreaterThan(500)
  })

  it('the same body in alternating key orders decodes the same each time', () => {
    const body = { extensionId: '297277020', telephonyStatus: 'Ringing', sequence: 1 }
    const reordered = { sequence: 1, telephonyStatus: 'Ringing', extensionId: 297277020 }
    for (let i = 0; i < 6; i++) {
      const input = envelopeOf('usual', PRESENCE_PATHS[i % 5]!, i % 2 === 0 ? body : reordered)
      const r = decodeNotification(input)
      expectSame(r, decodeNotificationByIoTs(input))
      expect(r.ok && (r.value.body as { extensionId: unknown }).extensionId).toBe('297277020')
    }
  })

  it('one struct fed values with their keys in every order, field by field as io-ts decodes them', () => {
    // Each field's valid value is one another field would take differently: a numeric id an
    // integer field keeps as a number, a `+0000` timestamp a string field keeps unconverted.
    const S = struct('S', { id: Str }, { a: Str, b: Id, c: Timestamp, d: Int })
    const check = compile(S)!.check
    const entry = fc.constantFrom<[string, unknown]>(
      ['id', 'p-1'],
      ['a', 'x'],
      ['b', 297277020],
      ['c', '2026-11-21T09:30:00.000+0000'],
      ['d', 7],
      ['extra', 1]
    )
    const value = fc
      .uniqueArray(entry, { selector: ([k]) => k, minLength: 1, maxLength: 6 })
      .map((entries) => Object.fromEntries(entries))
    let decoded = 0
    fc.assert(
      fc.property(fc.array(value, { minLength: 2, maxLength: 20 }), (stream) => {
        for (const u of stream) {
          const r = check(u)
          const io = S.decode(u)
          if (r === BAIL) continue
          if (r === INVALID) expect(io._tag).toBe('Left')
          else {
            decoded++
            expect(io).toStrictEqual({ _tag: 'Right', right: r })
            expect(Object.keys(r as object)).toEqual(Object.keys(u))
          }
        }
      }),
      { numRuns: 300 }
    )
    expect(decoded).toBeGreaterThan(1000)
  })
})
