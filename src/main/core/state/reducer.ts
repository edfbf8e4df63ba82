/**
 * The core reducer: `reduce(state, action) → { state, outcome, changes }`. Pure and deterministic:
 * no clock (times come from the events and the readback), no I/O, no mutation of its input. Old
 * states stay valid because every table is a persistent map (pmap.ts).
 *
 * Duplicates are dropped by envelope `uuid` within a bounded window (limits.ts). Everything else is
 * merged by sequence (types.ts), so for any permutation of a set of events, with duplicates, the
 * final state equals the one from the sorted, deduplicated list, as long as nothing fell out of the
 * bounded windows in between.
 */
import type { Notification } from '../../../shared/events'
import { emptyGenerations, genHas, genSet } from './generations'
import { DEDUPE_WINDOW } from './limits'
import { emptyPMap, pfromEntries, pget, pvalues } from './pmap'
import { applyPresence, readbackPresence } from './presence'
import { applyTelephony, readbackSessions } from './session-table'
import { replaceHidden, seenPresence } from './hidden'
import type {
  Action,
  CoreState,
  Directory,
  DirectoryUpdate,
  PresenceRecord,
  ReduceResult,
  Readback
} from './types'

export const DEFAULT_PERMISSIONS = { ringing: true, held: true, parked: true } as const

export const initialState = (): CoreState => ({
  directory: {
    ownerId: null,
    extensions: new Map(),
    monitored: [],
    favorites: [],
    permissions: DEFAULT_PERMISSIONS,
    lineListSeq: null
  },
  envelopeOwnerId: null,
  presence: emptyPMap(),
  sessions: emptyPMap(),
  hidden: emptyPMap(),
  window: { dedupe: emptyGenerations(), ended: emptyGenerations(), tombstones: emptyGenerations() },
  stats: {
    applied: 0,
    duplicates: 0,
    stale: 0,
    unsequenced: 0,
    ignored: 0,
    prunedSessions: 0,
    evictedSessions: 0
  }
})

export function reduce(state: CoreState, action: Action): ReduceResult {
  switch (action.type) {
    case 'notification':
      return reduceNotification(state, action.notification)
    case 'readback':
      return reduceReadback(state, action.readback)
    case 'presence-refused': {
      const out = replaceHidden(state, 'subscription', action.lines)
      return { state: out.state, outcome: 'applied', changes: out.changes }
    }
    case 'directory':
      return {
        state: { ...state, directory: updateDirectory(state.directory, action.directory) },
        outcome: 'applied',
        changes: [{ kind: 'directory' }]
      }
    case 'account-cleared':
      // The whole account goes, presence included: a readback only replaces the presence it
      // lists, so an empty one left the old account's parked calls (seen through presence) on the
      // board, and into the next account's. The windows stay, so the tombstones of the calls
      // that ended keep a late event from bringing one back; so do the diagnostics counters.
      return {
        state: { ...initialState(), window: state.window, stats: state.stats },
        outcome: 'applied',
        changes: [{ kind: 'directory' }, { kind: 'readback' }]
      }
  }
}

function reduceNotification(state: CoreState, n: Notification): ReduceResult {
  if (genHas(state.window.dedupe, n.uuid)) {
    const stats = { ...state.stats, duplicates: state.stats.duplicates + 1 }
    return { state: { ...state, stats }, outcome: 'duplicate', changes: [] }
  }
  const dedupe = genSet(state.window.dedupe, n.uuid, true, DEDUPE_WINDOW).generations
  const owner = state.envelopeOwnerId ?? n.ownerId ?? null
  const seen: CoreState = { ...state, envelopeOwnerId: owner, window: { ...state.window, dedupe } }
  switch (n.kind) {
    case 'extension-presence':
    case 'detailed-presence':
    case 'detailed-presence-sip':
    case 'account-presence': {
      const out = applyPresence(seen, n)
      const ext = out.changes.length > 0 ? n.body.extensionId : undefined
      return ext === undefined ? out : { ...out, state: seenPresence(out.state, ext) }
    }
    case 'telephony-sessions':
      return applyTelephony(seen, n)
    case 'line-list': {
      // The body IS the new list; apply it unless an older list event arrived late.
      const dir = seen.directory
      const seq = n.body.sequence ?? null
      if (seq !== null && dir.lineListSeq !== null && seq <= dir.lineListSeq) {
        return ignored(seen, 'stale')
      }
      // The list names the agent's own lines too (docs/platform.md#line-records): not a colleague.
      const self = dir.ownerId ?? owner
      const monitored = dedupeIds(n.body.extension.map((e) => e.id)).filter((id) => id !== self)
      const directory: Directory = { ...dir, monitored, lineListSeq: seq ?? dir.lineListSeq }
      return {
        state: { ...seen, directory, stats: bump(seen, 'applied') },
        outcome: 'applied',
        changes: [{ kind: 'directory' }]
      }
    }
    case 'favorites':
      return {
        state: { ...seen, stats: bump(seen, 'applied') },
        outcome: 'applied',
        changes: [{ kind: 'favorites-changed' }]
      }
  }
}

type Counter = 'applied' | 'stale' | 'ignored'
const bump = (s: CoreState, key: Counter): CoreState['stats'] => ({
  ...s.stats,
  [key]: s.stats[key] + 1
})

const ignored = (s: CoreState, why: 'stale' | 'ignored'): ReduceResult => ({
  state: { ...s, stats: bump(s, why) },
  outcome: why,
  changes: []
})

const dedupeIds = (ids: readonly string[]): string[] => [...new Set(ids)]

function updateDirectory(dir: Directory, u: DirectoryUpdate): Directory {
  const ownerId = u.ownerId ?? dir.ownerId
  // The agent's own lines are not colleagues (docs/platform.md#line-records).
  const notSelf = (ids: readonly string[]): string[] => ids.filter((id) => id !== ownerId)
  return {
    ownerId,
    extensions:
      u.extensions === undefined ? dir.extensions : new Map(u.extensions.map((e) => [e.id, e])),
    monitored: notSelf(u.monitored === undefined ? dir.monitored : dedupeIds(u.monitored)),
    favorites: u.favorites === undefined ? dir.favorites : dedupeIds(u.favorites),
    permissions: { ...dir.permissions, ...u.permissions },
    lineListSeq: dir.lineListSeq
  }
}

/**
 * A resync replaces, atomically (one action), the presence of every extension in the readback and
 * the whole session set. Presence of extensions it does not list is kept. The dedupe window is
 * kept too: a replayed uuid is still a duplicate.
 */
function reduceReadback(state: CoreState, readback: Readback): ReduceResult {
  const replaced = new Map<string, PresenceRecord>()
  const live = new Set(readback.sessions.map((s) => s.id))
  for (const p of readback.presence) {
    replaced.set(
      p.extensionId,
      readbackPresence(pget(state.presence, p.extensionId), p, readback.at, live)
    )
  }
  const presence = pfromEntries([
    ...[...pvalues(state.presence)]
      .filter((r) => !replaced.has(r.extensionId))
      .map((r) => [r.extensionId, r] as const),
    ...replaced
  ])
  const next = readbackSessions({ ...state, presence }, readback)
  const marked = replaceHidden(next, 'readback', readback.hidden ?? [], replaced.keys())
  return { state: marked.state, outcome: 'applied', changes: [{ kind: 'readback' }] }
}
