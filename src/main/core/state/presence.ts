/**
 * Presence: one record per extension, merged field by field by the per-extension `sequence`.
 * The subscription a body came through (own, line, favorite, account) does not matter: the body
 * names the extension, and the sequence space is that extension's.
 */
import type { PresenceNotification } from '../../../shared/events'
import { lwwFrom, maxOf, maxTime, mergeFields } from './lww'
import { pget, pset } from './pmap'
import type {
  CoreState,
  PresenceFields,
  PresenceRecord,
  ReduceResult,
  ReadbackPresence
} from './types'

export const PRESENCE_KEYS: readonly (keyof PresenceFields)[] = [
  'telephonyStatus',
  'aggregatedTelephonyStatus',
  'presenceStatus',
  'userStatus',
  'dndStatus',
  'dndStatusPersonal',
  'meetingStatus',
  'allowSeeMyPresence',
  'acceptCallQueueCalls',
  'ringOnMonitoredCall',
  'pickUpCallsOnHold',
  'message',
  'totalActiveCalls',
  'activeCalls'
]

const emptyRecord = (extensionId: string, at: string): PresenceRecord => ({
  extensionId,
  fields: {},
  seqs: {},
  maxSeq: null,
  updatedAt: at,
  extensionNumber: null
})

/** The body types differ only in which optional fields they may carry. */
const asFields = (body: PresenceNotification['body']): Partial<PresenceFields> =>
  body as Partial<PresenceFields>

export function applyPresence(state: CoreState, n: PresenceNotification): ReduceResult {
  const { extensionId, sequence } = n.body
  const prev = pget(state.presence, extensionId) ?? emptyRecord(extensionId, n.timestamp)
  const seq = sequence ?? null
  const merged = mergeFields(prev, asFields(n.body), PRESENCE_KEYS, seq, prev.maxSeq)
  const stale = seq !== null && prev.maxSeq !== null && seq <= prev.maxSeq
  const next: PresenceRecord = {
    ...prev,
    ...merged,
    maxSeq: maxOf(prev.maxSeq, seq),
    updatedAt: maxTime(prev.updatedAt, n.timestamp)
  }
  const changed =
    merged !== prev || next.maxSeq !== prev.maxSeq || next.updatedAt !== prev.updatedAt
  const stats = {
    ...state.stats,
    applied: state.stats.applied + (stale ? 0 : 1),
    stale: state.stats.stale + (stale ? 1 : 0),
    unsequenced: state.stats.unsequenced + (seq === null ? 1 : 0)
  }
  if (!changed) return { state: { ...state, stats }, outcome: 'stale', changes: [] }
  return {
    state: { ...state, presence: pset(state.presence, extensionId, next), stats },
    outcome: stale ? 'stale' : 'applied',
    // A stale body can still fill a field newer ones left out, so it is reported as a change.
    changes: [{ kind: 'presence', extensionId }]
  }
}

/**
 * REST presence of a park location, a queue and other non-user extensions is
 * `presenceStatus: Offline` and nothing else (docs/platform.md#presence-over-rest): it says nothing
 * about calls, and its Offline is the shape's, not news. So for such a call-blind answer the
 * record keeps what the notifications said: its presence status, and the calls whose sessions the
 * readback found live (the rest ended with their sessions). With no call left, or none ever
 * heard, its telephony status is left unknown rather than `NoCall`: a call parked there while the
 * socket was down is invisible to REST (docs/platform.md#parked-calls-after-an-outage), and the
 * board says so until the next event tells (views.ts).
 */
function callsKept(
  prev: PresenceRecord | undefined,
  p: ReadbackPresence,
  live: ReadonlySet<string>
): Partial<PresenceFields> {
  const body = asFields(p)
  if (body.telephonyStatus !== undefined || body.activeCalls !== undefined) return body
  const before = prev?.fields
  const kept = (before?.activeCalls ?? []).filter(
    (c) => c.telephonySessionId !== undefined && live.has(c.telephonySessionId)
  )
  const telephonyStatus = kept.length > 0 ? before?.telephonyStatus : undefined
  return {
    ...body,
    ...(before?.presenceStatus === undefined ? {} : { presenceStatus: before.presenceStatus }),
    activeCalls: kept,
    ...(telephonyStatus === undefined ? {} : { telephonyStatus })
  }
}

/**
 * A readback REPLACES the record (fields it lacks are cleared, but for the calls of a call-blind
 * answer, `callsKept`) and resets the baseline to its sequence; without one (REST presence has
 * none, docs/platform.md#presence-sequence), the highest sequence already seen stays the
 * baseline, because events at or below it are certainly older than the readback.
 */
export function readbackPresence(
  prev: PresenceRecord | undefined,
  p: ReadbackPresence,
  at: string,
  liveSessions: ReadonlySet<string>
): PresenceRecord {
  const baseline = p.sequence ?? prev?.maxSeq ?? null
  return {
    extensionId: p.extensionId,
    ...lwwFrom(callsKept(prev, p, liveSessions), PRESENCE_KEYS, baseline),
    maxSeq: baseline,
    updatedAt: at,
    extensionNumber: p.extension?.extensionNumber ?? prev?.extensionNumber ?? null
  }
}
