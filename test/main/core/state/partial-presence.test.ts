/**
 * Partial presence bodies, as the platform sends them: `telephonyStatus` and `activeCalls` are
 * "returned if telephony status is changed" (docs/platform.md#presence-bodies), so a body without
 * them changes only the fields it carries. Full bodies are generated, then optional fields dropped
 * at random; whatever the drops and the delivery order, every field ends as the newest body that
 * carried it says, and a body without `activeCalls` never clears the calls a line shows.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { deriveViews, initialState, reduce, type CoreState } from '../../../../src/main/core/state'
import { pget } from '../../../../src/main/core/state/pmap'
import type { Notification } from '../../../../src/shared/events'
import { activeCall, at, DIRECTORY, notify, presence } from './builders'

const LINE = '201'
const OPTIONAL = [
  'telephonyStatus',
  'presenceStatus',
  'userStatus',
  'dndStatus',
  'pickUpCallsOnHold',
  'totalActiveCalls',
  'activeCalls'
] as const
type Key = (typeof OPTIONAL)[number]

const fullBody = fc.record({
  telephonyStatus: fc.constantFrom('Ringing', 'CallConnected', 'OnHold', 'NoCall'),
  presenceStatus: fc.constantFrom('Offline', 'Busy', 'Available'),
  userStatus: fc.constantFrom('Offline', 'Busy', 'Available'),
  dndStatus: fc.constantFrom('TakeAllCalls', 'DoNotAcceptAnyCalls'),
  pickUpCallsOnHold: fc.boolean(),
  calls: fc.uniqueArray(fc.constantFrom('s-1', 's-2', 's-3'), { maxLength: 3 }),
  callStatus: fc.constantFrom('Ringing', 'CallConnected', 'OnHold')
})

/** Bodies in sequence order, each with a random subset of its optional fields dropped. */
const partialStream = fc
  .array(fc.tuple(fullBody, fc.subarray([...OPTIONAL])), { minLength: 1, maxLength: 8 })
  .map((rows) =>
    rows.map(([b, dropped], i) => {
      const seq = i + 1
      const full: Record<Key, unknown> = {
        telephonyStatus: b.telephonyStatus,
        presenceStatus: b.presenceStatus,
        userStatus: b.userStatus,
        dndStatus: b.dndStatus,
        pickUpCallsOnHold: b.pickUpCallsOnHold,
        totalActiveCalls: b.calls.length,
        activeCalls: b.calls.map((s) =>
          activeCall({ session: s, status: b.callStatus, party: `p-${s}`, start: at(seq) })
        )
      }
      const body = Object.fromEntries(
        OPTIONAL.filter((k) => !dropped.includes(k)).map((k) => [k, full[k]])
      )
      return { seq, body }
    })
  )

const start = (): CoreState =>
  reduce(initialState(), { type: 'directory', directory: DIRECTORY }).state

const feed = (events: readonly Notification[]): CoreState =>
  events.reduce((s, n) => reduce(s, notify(n)).state, start())

describe('partial presence bodies', () => {
  it('every field ends as the newest body carrying it says, in any delivery order', () => {
    fc.assert(
      fc.property(
        partialStream.chain((bodies) =>
          fc.tuple(
            fc.constant(bodies),
            fc.shuffledSubarray(bodies, { minLength: bodies.length, maxLength: bodies.length })
          )
        ),
        ([bodies, delivered]) => {
          const state = feed(delivered.map((b) => presence(LINE, b.seq, b.body)))
          const record = pget(state.presence, LINE)!
          for (const k of OPTIONAL) {
            const newest = [...bodies].reverse().find((b) => k in b.body)
            // Decoded values are compared on what the app reads: the wire value.
            expect(JSON.stringify(record.fields[k])).toBe(
              newest === undefined ? undefined : JSON.stringify(newest.body[k])
            )
          }
        }
      ),
      { numRuns: 300 }
    )
  })

  it('a body without activeCalls never clears the calls a line shows', () => {
    fc.assert(
      fc.property(partialStream, fullBody, (bodies, late) => {
        const events = bodies.map((b) => presence(LINE, b.seq, b.body))
        const before = feed(events)
        const shown = (s: CoreState): number =>
          deriveViews(s).lines.find((l) => l.id === LINE)?.activeCalls ?? 0
        // A newer body that changes everything but the calls.
        const after = reduce(
          before,
          notify(
            presence(LINE, bodies.length + 1, {
              presenceStatus: late.presenceStatus,
              userStatus: late.userStatus,
              dndStatus: late.dndStatus,
              pickUpCallsOnHold: late.pickUpCallsOnHold
            })
          )
        ).state
        expect(shown(after)).toBe(shown(before))
        expect(pget(after.presence, LINE)!.fields.activeCalls).toEqual(
          pget(before.presence, LINE)!.fields.activeCalls
        )
      }),
      { numRuns: 300 }
    )
  })
})
