/**
 * The publish stage: the store derives the views from the reduced state, diffs them against the
 * last view snapshot into patches and semantic events, and hands those to its subscribers (its
 * `publish`, in state/store.ts). `publishOncePerTurn` is when: once per I/O turn rather than once
 * per notification. Under a burst that is the difference between keeping up and falling seconds
 * behind (npm run bench:ui at 500 events/s).
 *
 * One exception, `ringGuard`: an action that makes a call stop ringing while that call started
 * ringing since the last publish is preceded by a publish of the state before it, with the call
 * ringing. Otherwise a call that rang and stopped within one turn (a caller who hangs up at once,
 * a core that is behind and reads a socket's backlog in one turn, the WSG flushing what it held
 * during a recovery) would be in no published view: no patch, no pop-up, never on the screen.
 * Published, its ringing item and its removal travel as patches, and the renderer still counts
 * it if both land in one frame (docs/performance.md#brief-rings).
 */
import { callsOf } from '../state/calls'
import { indexLegs, type LegIndex } from '../state/legs'
import { pget, type PMap } from '../state/pmap'
import type { PublishGuard } from '../state/store'
import type { CoreState, Directory, ReduceResult, SessionRecord } from '../state/types'

export const publishOncePerTurn = (publish: () => void): void => void setImmediate(publish)

/**
 * The calls ringing on `ext`, by their view key, derived exactly as the views derive them
 * (state/calls.ts `callsOf`): a ring is recognised whichever feed says it, a party that is
 * Proceeding inbound, a new Ringing entry in a presence's `activeCalls` (on a line whose
 * `telephonyStatus` was Ringing already, for a second call), or a live leg a full call list
 * leaves out. The leg index is only built when the line's presence has no call list or a full one.
 */
function ringingOn(state: CoreState, ext: string): ReadonlySet<string> {
  let byExt = ringingMemo.get(state)
  if (byExt === undefined) ringingMemo.set(state, (byExt = new Map()))
  const known = byExt.get(ext)
  if (known !== undefined) return known
  const out = new Set<string>()
  const legs = lazyLegs(state.sessions)
  for (const c of callsOf(ext, pget(state.presence, ext), state.sessions, legs, state.directory)) {
    if (c.state === 'ringing') out.add(c.key)
  }
  byExt.set(ext, out)
  return out
}

/**
 * States are immutable, so what rings on a line in one is computed once: one action's state after
 * is the next one's state before, and the guard asks about both (a line with 150 calls derived
 * twice per event made the guard as costly as the views themselves).
 */
const ringingMemo = new WeakMap<CoreState, Map<string, ReadonlySet<string>>>()

function lazyLegs(sessions: PMap<SessionRecord>): LegIndex {
  return {
    get byExtension() {
      return indexLegs(sessions).byExtension
    },
    get sorted() {
      return indexLegs(sessions).sorted
    },
    get parked() {
      return indexLegs(sessions).parked
    }
  }
}

const shownLines = new WeakMap<Directory, ReadonlySet<string>>()

/** The owner's line and the monitored lines: the ones whose ringing the views show. */
function shown(state: CoreState, ext: string | undefined): ext is string {
  if (ext === undefined) return false
  const { directory } = state
  let set = shownLines.get(directory)
  if (set === undefined) {
    set = new Set(directory.monitored)
    shownLines.set(directory, set)
  }
  return set.has(ext) || ext === (directory.ownerId ?? state.envelopeOwnerId)
}

/** The shown lines a session has a party on, before or after a change. */
function sessionLines(prev: CoreState, next: CoreState, id: string): Set<string> {
  const out = new Set<string>()
  for (const state of [prev, next]) {
    for (const p of pget(state.sessions, id)?.parties.values() ?? []) {
      if (shown(next, p.fields.extensionId)) out.add(p.fields.extensionId)
    }
  }
  return out
}

const tileRings = (state: CoreState, ext: string): boolean =>
  pget(state.presence, ext)?.fields.telephonyStatus === 'Ringing'

/** What rang since the last publish: calls by line, and lines whose tile went Ringing. */
class Fresh {
  /** line → keys of calls that started ringing on it. */
  readonly calls = new Map<string, Set<string>>()
  /** call key → the lines it started ringing on (a session change touches only its own key). */
  readonly lines = new Map<string, Set<string>>()
  readonly tiles = new Set<string>()

  get empty(): boolean {
    return this.calls.size === 0 && this.tiles.size === 0
  }

  add(ext: string, key: string): void {
    let keys = this.calls.get(ext)
    if (keys === undefined) this.calls.set(ext, (keys = new Set()))
    keys.add(key)
    let exts = this.lines.get(key)
    if (exts === undefined) this.lines.set(key, (exts = new Set()))
    exts.add(ext)
  }

  /** True when a call that rang on `ext` since the last publish no longer rings in `state`. */
  stopped(state: CoreState, ext: string, only?: string): boolean {
    const keys = this.calls.get(ext)
    if (keys === undefined || (only !== undefined && !keys.has(only))) return false
    const now = ringingOn(state, ext)
    if (only !== undefined) return !now.has(only)
    for (const key of keys) if (!now.has(key)) return true
    return false
  }

  clear(): void {
    this.calls.clear()
    this.lines.clear()
    this.tiles.clear()
  }
}

/** Whether `result` ends a ring that started since the last publish. */
function endsFresh(fresh: Fresh, result: ReduceResult): boolean {
  const { state } = result
  for (const change of result.changes) {
    if (change.kind === 'presence') {
      const ext = change.extensionId
      if (fresh.tiles.has(ext) && !tileRings(state, ext)) return true
      if (fresh.stopped(state, ext)) return true
    } else if (change.kind === 'session' || change.kind === 'session-removed') {
      const id = change.telephonySessionId
      for (const ext of fresh.lines.get(id) ?? []) if (fresh.stopped(state, ext, id)) return true
    } else {
      // A directory, a readback, a list change: anything may go, so what rang is published first.
      return true
    }
  }
  return false
}

/** Notes what `result` made ring on a shown line. */
function noteRings(fresh: Fresh, prev: CoreState, result: ReduceResult): void {
  const next = result.state
  for (const change of result.changes) {
    if (change.kind === 'presence') {
      const ext = change.extensionId
      if (!shown(next, ext)) continue
      if (tileRings(next, ext) && !tileRings(prev, ext)) fresh.tiles.add(ext)
      const before = ringingOn(prev, ext)
      for (const key of ringingOn(next, ext)) if (!before.has(key)) fresh.add(ext, key)
    } else if (change.kind === 'session') {
      const id = change.telephonySessionId
      for (const ext of sessionLines(prev, next, id)) {
        if (ringingOn(next, ext).has(id) && !ringingOn(prev, ext).has(id)) fresh.add(ext, id)
      }
    }
  }
}

/**
 * The store's `publishBefore` for the core: true when an action makes a call (or a line's tile)
 * stop ringing that started ringing since the last publish, so the state before it, with the
 * call ringing, is published first. A burst of new calls, however many on one line, stays one
 * publish per turn; each call that rings and stops inside one turn costs at most one publish more.
 */
export function ringGuard(): PublishGuard {
  const fresh = new Fresh()
  return {
    touches: (result) => !fresh.empty && endsFresh(fresh, result),
    note: (prev, result) => noteRings(fresh, prev, result),
    published: () => fresh.clear()
  }
}
