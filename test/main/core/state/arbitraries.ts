/**
 * fast-check generators of REALISTIC event streams: per extension, presence bodies with increasing
 * sequences (partial bodies, as "returned if changed" allows); per session, one-party telephony
 * notifications with an increasing per-session sequence. Each event has its own uuid. The
 * generated list is in order per key; the properties permute and duplicate it.
 */
import fc from 'fast-check'
import type { Notification } from '../../../../src/shared/events'
import { activeCall, at, OWNER, presence, telephony, type PartySpec } from './builders'

const EXTS = ['201', '202', '203', OWNER] as const
const SESSIONS = ['s-a', 's-b', 's-c'] as const
/** Fixed party → extension, as on the platform (a party never changes extension). */
const PARTIES: Readonly<Record<string, string | undefined>> = {
  'p-1': undefined,
  'p-2': '201',
  'p-3': '202',
  'p-4': OWNER
}
const CODES = [
  'Setup',
  'Proceeding',
  'Answered',
  'Hold',
  'Parked',
  'Disconnected',
  'Gone',
  'VoiceMail',
  'Tds',
  'Beamed'
]
const CALL_STATUS = ['Ringing', 'CallConnected', 'OnHold', 'ParkedCall', 'NoCall', 'Teleporting']

const callSpec = fc.record({
  session: fc.constantFrom(...SESSIONS),
  status: fc.constantFrom(...CALL_STATUS),
  queue: fc.option(fc.constant('Support Queue'), { nil: undefined })
})

const presenceFields = fc.record(
  {
    telephonyStatus: fc.constantFrom(...CALL_STATUS),
    presenceStatus: fc.constantFrom('Offline', 'Busy', 'Available', 'Napping'),
    userStatus: fc.constantFrom('Offline', 'Busy', 'Available'),
    dndStatus: fc.constantFrom(
      'TakeAllCalls',
      'DoNotAcceptAnyCalls',
      'DoNotAcceptDepartmentCalls',
      'Unknown'
    ),
    pickUpCallsOnHold: fc.boolean(),
    totalActiveCalls: fc.integer({ min: 0, max: 4 }),
    activeCalls: fc.array(callSpec, { maxLength: 3 })
  },
  { requiredKeys: [] }
)

const partyUpdate = fc.record({
  id: fc.constantFrom(...Object.keys(PARTIES)),
  code: fc.constantFrom(...CODES),
  queue: fc.option(fc.constant('Support Queue'), { nil: undefined }),
  parkData: fc.option(fc.constantFrom('*801', '*802'), { nil: undefined }),
  device: fc.option(fc.constantFrom('800001', '800002'), { nil: undefined })
})

/** Increasing sequences with gaps, as a subscription that does not see every change would get. */
const sequences = (n: number): fc.Arbitrary<number[]> =>
  fc.array(fc.integer({ min: 1, max: 3 }), { minLength: n, maxLength: n }).map((steps) => {
    let seq = 0
    return steps.map((d) => (seq += d))
  })

export interface EventSpec {
  readonly key: string
  readonly build: (uuid: string) => Notification
}

const presenceStream = (ext: string): fc.Arbitrary<EventSpec[]> =>
  fc.array(presenceFields, { maxLength: 5 }).chain((bodies) =>
    sequences(bodies.length).map((seqs) =>
      bodies.map((b, i): EventSpec => {
        const seq = seqs[i]!
        const fields = {
          ...b,
          ...(b.activeCalls === undefined
            ? {}
            : {
                activeCalls: b.activeCalls.map((c) =>
                  activeCall({ ...c, party: `p-${ext}-${c.session}`, start: at(seq) })
                )
              })
        }
        return {
          key: `presence:${ext}:${seq}`,
          build: (uuid) => presence(ext, seq, fields, { uuid })
        }
      })
    )
  )

const sessionStream = (session: string): fc.Arbitrary<EventSpec[]> =>
  fc.array(partyUpdate, { maxLength: 8 }).chain((updates) =>
    sequences(updates.length).map((seqs) =>
      updates.map((u, i): EventSpec => {
        const seq = seqs[i]!
        const ext = PARTIES[u.id]
        const spec: PartySpec = { ...u, ...(ext === undefined ? {} : { ext }), id: u.id }
        return {
          key: `session:${session}:${seq}`,
          build: (uuid) => telephony(session, seq, [spec], { uuid })
        }
      })
    )
  )

/** All streams, concatenated in order (the "sorted" list). */
export const stream: fc.Arbitrary<EventSpec[]> = fc
  .tuple(...EXTS.map(presenceStream), ...SESSIONS.map(sessionStream))
  .map((parts) => parts.flat())

/** Builds the notifications once, each with a uuid of its own. */
export const materialise = (specs: readonly EventSpec[]): Notification[] =>
  specs.map((s, i) => s.build(`uuid-${i}-${s.key}`))

/** A permutation of `events` with some events delivered twice or three times. */
export const deliveries = (events: readonly Notification[]): fc.Arbitrary<Notification[]> =>
  fc
    .tuple(
      fc.shuffledSubarray([...events], { minLength: events.length, maxLength: events.length }),
      fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: Math.max(1, events.length) })
    )
    .map(([shuffled, dups]) => {
      const out = [...shuffled]
      if (events.length === 0) return out
      for (const [which, where] of dups) {
        out.splice(where % (out.length + 1), 0, events[which % events.length]!)
      }
      return out
    })
