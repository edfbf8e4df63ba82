import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { deriveViews, initialState, reduce, type CoreState } from '../../../../src/main/core/state'
import { decodeNotification, type Notification } from '../../../../src/shared/events'
import { canonical, DIRECTORY, notify } from './builders'
import { deliveries, materialise, stream } from './arbitraries'

const start = (): CoreState =>
  reduce(initialState(), { type: 'directory', directory: DIRECTORY }).state
const feed = (events: readonly Notification[], from: CoreState = start()): CoreState =>
  events.reduce((s, n) => reduce(s, notify(n)).state, from)

describe('ordering properties (duplicate and out-of-order events)', () => {
  it('any permutation with duplicates ends in the state of the sorted, deduplicated list', () => {
    fc.assert(
      fc.property(
        stream.chain((specs) => {
          const events = materialise(specs)
          return fc.tuple(fc.constant(events), deliveries(events))
        }),
        ([sorted, delivered]) => {
          const expected = feed(sorted)
          const actual = feed(delivered)
          expect(canonical(actual)).toEqual(canonical(expected))
          expect(deriveViews(actual)).toEqual(deriveViews(expected))
          expect(actual.stats.duplicates).toBe(delivered.length - sorted.length)
        }
      ),
      { numRuns: 300 }
    )
  })

  it('a stale event (a replay with a fresh uuid) never changes the state', () => {
    fc.assert(
      fc.property(
        stream.filter((s) => s.length > 0),
        fc.nat(),
        (specs, pick) => {
          const state = feed(materialise(specs))
          const spec = specs[pick % specs.length]!
          const replay = spec.build(`replay-${pick}`)
          const after = reduce(state, notify(replay)).state
          expect(canonical(after)).toEqual(canonical(state))
          expect(deriveViews(after)).toEqual(deriveViews(state))
        }
      ),
      { numRuns: 200 }
    )
  })
})

describe('robustness (malformed frames)', () => {
  const valid = {
    uuid: '1',
    event:
      '/restapi/v1.0/account/1/extension/100/presence/line/presence?detailedTelephonyState=true&sipData=true',
    timestamp: '2026-11-21T09:30:00.000Z',
    ownerId: '100'
  }
  const telephonyEvent = '/restapi/v1.0/account/1/extension/201/telephony/sessions'

  const anyEnum = fc.oneof(
    fc.string(),
    fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 'Ringing')
  )

  it('unknown enum values and odd bodies never throw in the reducer or the views', () => {
    const presenceBody = fc.record({
      extensionId: fc.oneof(fc.constantFrom('201', '100', '__proto__'), fc.string()),
      sequence: fc.option(fc.integer(), { nil: undefined }),
      telephonyStatus: anyEnum,
      presenceStatus: anyEnum,
      dndStatus: anyEnum,
      activeCalls: fc.array(
        fc.record({
          id: fc.string(),
          telephonyStatus: anyEnum,
          direction: anyEnum,
          telephonySessionId: fc.oneof(fc.constantFrom('s-a', 'constructor'), fc.string()),
          partyId: fc.string(),
          callInfo: fc.record({ primary: fc.record({ type: anyEnum, value: fc.string() }) })
        }),
        { maxLength: 3 }
      )
    })
    const telephonyBody = fc.record({
      telephonySessionId: fc.oneof(fc.constantFrom('s-a', '__proto__'), fc.string()),
      sequence: fc.integer(),
      parties: fc.array(
        fc.record({
          id: fc.oneof(fc.constant('__proto__'), fc.string()),
          extensionId: fc.constantFrom('201', '100'),
          direction: anyEnum,
          status: fc.record({ code: anyEnum, reason: anyEnum, parkData: fc.string() })
        }),
        { maxLength: 3 }
      )
    })
    const frame = fc.oneof(
      presenceBody.map((body) => ({ ...valid, body })),
      telephonyBody.map((body) => ({ ...valid, event: telephonyEvent, body })),
      fc.anything().map((body) => ({ ...valid, body })),
      fc.anything()
    )
    fc.assert(
      fc.property(fc.array(frame, { maxLength: 12 }), (frames) => {
        let state = start()
        frames.forEach((f, i) => {
          const r = decodeNotification(
            typeof f === 'object' && f !== null ? { ...f, uuid: String(i) } : f
          )
          if (r.ok) state = reduce(state, notify(r.value)).state
        })
        const views = deriveViews(state)
        expect(() => JSON.stringify(views)).not.toThrow()
        expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
      }),
      { numRuns: 500 }
    )
  })
})
