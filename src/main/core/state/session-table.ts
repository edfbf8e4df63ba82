/**
 * The session table's lifecycle: when a session ends it stays in the table, hidden by the views,
 * until ENDED_WINDOW later endings have passed; then it is pruned and leaves a tombstone with its
 * highest sequence, so a delayed event for it is recognised as stale instead of resurrecting a
 * phantom call (docs/platform.md#outage-beyond-recovery). Keeping ended sessions a while is what
 * lets out-of-order parties still merge: party B's Proceeding may arrive after party A's
 * Disconnected made the session look ended.
 */
import type { Notification } from '../../../shared/events'
import { genGet, genHas, genSet, emptyGenerations, type Generations } from './generations'
import { ENDED_WINDOW, SESSION_CAPACITY, SESSION_EVICTION_BATCH, TOMBSTONE_WINDOW } from './limits'
import { pdeleteAll, pforEach, pfromEntries, pget, pset, pvalues, type PMap } from './pmap'
import { mergeSession, sessionFromReadback } from './sessions'
import type { Change, CoreState, ReduceResult, SessionRecord, Readback, Window } from './types'

type TelephonyNotification = Extract<Notification, { kind: 'telephony-sessions' }>

interface Table {
  readonly sessions: PMap<SessionRecord>
  readonly window: Window
  readonly removed: string[]
  readonly pruned: number
  readonly evicted: number
}

function tombstone(t: Generations<number>, sessions: Iterable<SessionRecord>): Generations<number> {
  let g = t
  for (const s of sessions) {
    const seq = Math.max(s.maxSeq ?? -1, genGet(g, s.id) ?? -1)
    g = genSet(g, s.id, seq, TOMBSTONE_WINDOW).generations
  }
  return g
}

/** Records that `id` ended; on rotation prunes the sessions of the dropped generation. */
function noteEnded(table: Table, id: string): Table {
  const { generations, dropped } = genSet(table.window.ended, id, true, ENDED_WINDOW)
  if (dropped === undefined) return { ...table, window: { ...table.window, ended: generations } }
  const prune: SessionRecord[] = []
  pforEach(dropped, (_, key) => {
    const s = pget(table.sessions, key)
    // Still ended and not re-recorded as ended more recently: its window has passed.
    if (s?.ended === true && !genHas(generations, key)) prune.push(s)
  })
  return {
    sessions: pdeleteAll(
      table.sessions,
      prune.map((s) => s.id)
    ),
    window: {
      ...table.window,
      ended: generations,
      tombstones: tombstone(table.window.tombstones, prune)
    },
    removed: [...table.removed, ...prune.map((s) => s.id)],
    pruned: table.pruned + prune.length,
    evicted: table.evicted
  }
}

/**
 * Past SESSION_CAPACITY, evicts the least recently updated sessions in one batch (amortised O(1)
 * per insert). Order is by last event time, then id, so the choice is deterministic. The sort
 * keys are plain strings so the engine's native string sort does the work.
 */
function evictIfFull(table: Table): Table {
  if (table.sessions.size <= SESSION_CAPACITY) return table
  const keys: string[] = []
  pforEach(table.sessions, (s) => keys.push(`${s.lastEventAt}\u0000${s.id}`))
  keys.sort()
  const victims: SessionRecord[] = []
  for (const key of keys.slice(0, SESSION_EVICTION_BATCH)) {
    const s = pget(table.sessions, key.slice(key.indexOf('\u0000') + 1))
    if (s !== undefined) victims.push(s)
  }
  return {
    sessions: pdeleteAll(
      table.sessions,
      victims.map((s) => s.id)
    ),
    window: { ...table.window, tombstones: tombstone(table.window.tombstones, victims) },
    removed: [...table.removed, ...victims.map((s) => s.id)],
    pruned: table.pruned,
    evicted: table.evicted + victims.length
  }
}

export function applyTelephony(state: CoreState, n: TelephonyNotification): ReduceResult {
  const body = n.body
  const id = body.telephonySessionId
  const prev = pget(state.sessions, id)
  const tomb = genGet(state.window.tombstones, id)
  if (prev === undefined && tomb !== undefined && body.sequence <= tomb) {
    const stats = { ...state.stats, stale: state.stats.stale + 1 }
    return { state: { ...state, stats }, outcome: 'stale', changes: [] }
  }
  const { record, fresh } = mergeSession(prev, body, body.eventTime ?? n.timestamp)
  const stats = {
    ...state.stats,
    applied: state.stats.applied + (fresh ? 1 : 0),
    stale: state.stats.stale + (fresh ? 0 : 1)
  }
  if (record === prev) return { state: { ...state, stats }, outcome: 'stale', changes: [] }
  let table: Table = {
    sessions: pset(state.sessions, id, record),
    window: state.window,
    removed: [],
    pruned: 0,
    evicted: 0
  }
  if (record.ended && prev?.ended !== true) table = noteEnded(table, id)
  table = evictIfFull(table)
  const changes: Change[] = [{ kind: 'session', telephonySessionId: id }]
  for (const r of table.removed) changes.push({ kind: 'session-removed', telephonySessionId: r })
  return {
    state: {
      ...state,
      sessions: table.sessions,
      window: table.window,
      stats: {
        ...stats,
        prunedSessions: stats.prunedSessions + table.pruned,
        evictedSessions: stats.evictedSessions + table.evicted
      }
    },
    outcome: fresh ? 'applied' : 'stale',
    changes
  }
}

/**
 * Replaces the whole session set. Sessions that are not in the readback are gone (they ended while
 * we were not listening): they get tombstones so their in-flight events cannot bring them back.
 */
export function readbackSessions(state: CoreState, readback: Readback): CoreState {
  const next = readback.sessions.map((s) =>
    sessionFromReadback(
      pget(state.sessions, s.id),
      s.id,
      s.origin,
      s.parties,
      s.sequence ?? null,
      readback.at
    )
  )
  const keep = new Set(next.map((s) => s.id))
  const gone = [...pvalues(state.sessions)].filter((s) => !keep.has(s.id))
  let ended: Generations<true> = emptyGenerations()
  for (const s of next) if (s.ended) ended = genSet(ended, s.id, true, ENDED_WINDOW).generations
  return {
    ...state,
    sessions: pfromEntries(next.map((s) => [s.id, s] as const)),
    window: { ...state.window, ended, tombstones: tombstone(state.window.tombstones, gone) }
  }
}
