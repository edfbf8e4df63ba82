/**
 * The store: holds the current state, runs the reducer, derives the views, and tells subscribers
 * what changed as typed patches plus the new snapshot. It also emits one semantic event per change
 * the agent cares about (a line starts or stops ringing, a held call appears or goes, a call is
 * parked or unparked): the headless runner prints them and the notifier turns them into pop-ups.
 *
 * Semantic events follow view items, so each fires once per item: a queue call ringing three
 * monitored lines is three `line-ringing` events with the same `telephonySessionId`; a notifier that
 * wants one pop-up per call keys on that id.
 */
import { diffViews, type StatePatch, type StateSnapshot } from '../../../shared/state/patches'
import { createListenerSet } from '../../../shared/util/listeners'
import { REBASE_CAPACITY } from './limits'
import { initialState, reduce } from './reducer'
import type { Action, CoreState, Readback, ReduceResult } from './types'
import { deriveViews } from './views'
import { createViewTracker, type ViewTracker } from './incremental'
import type { SemanticEvent } from './store-events'

export type { SemanticEvent } from './store-events'

export type StateListener = (patches: readonly StatePatch[], snapshot: StateSnapshot) => void
export type SemanticListener = (event: SemanticEvent) => void

/** A point in the action history that a REST readback will be applied at (see `Store.rebase`). */
export interface RebaseMark {
  readonly id: number
}

export interface Store {
  dispatch(action: Action): ReduceResult
  /**
   * Starts a resync: remembers the state now and records every action dispatched from here on.
   * The state keeps moving meanwhile, so the board stays live while the REST replies are fetched.
   */
  mark(): RebaseMark
  /**
   * Applies a readback read after `mark()` as of that mark, then replays what was dispatched since.
   * A REST reply is older than a notification that arrived after it was read, so applying the
   * readback to the current state would undo newer changes and tombstone calls that started
   * meanwhile. Returns false, changing nothing, when the mark is no longer current (a newer mark,
   * `release`, or more than REBASE_CAPACITY actions since).
   */
  rebase(mark: RebaseMark, readback: Readback): boolean
  /** Ends a mark without a readback (the resync failed). */
  release(mark: RebaseMark): void
  getState(): CoreState
  getSnapshot(): StateSnapshot
  /** Called after every dispatch that changed the views. Returns the unsubscribe function. */
  subscribe(listener: StateListener): () => void
  onEvent(listener: SemanticListener): () => void
}

export interface StoreOptions {
  readonly initial?: CoreState
  /** A throwing listener must not break dispatch or starve the other listeners. */
  readonly onListenerError?: (error: unknown) => void
  /**
   * Coalesces view work: when given, dispatch only reduces, and views, patches and events are
   * computed once per scheduled publish (the core uses `publishOncePerTurn`, so a burst of
   * notifications read in one I/O turn costs one view derivation, not one per notification).
   * Without it, every dispatch publishes at once. `getSnapshot()` always publishes first, so it is
   * never stale.
   */
  readonly schedule?: (publish: () => void) => void
  /**
   * With `schedule`: before an action for which `touches` is true is applied, the state before it
   * is published with whatever is pending (the core: a call that started ringing in this turn
   * stops, pipeline/publish.ts `ringGuard`). `published` is told after every publish.
   */
  readonly publishBefore?: PublishGuard
  /**
   * How views are kept: `incremental` (the default) updates the items that what changed can touch
   * (incremental.ts); `whole` derives every view and diffs them, the oracle and the benchmarks'
   * baseline.
   */
  readonly views?: 'incremental' | 'whole'
}

/** When a scheduled store publishes early (StoreOptions.publishBefore). */
export interface PublishGuard {
  /** True: publish the state before this result first. */
  touches(result: ReduceResult): boolean
  /** Told of every result with changes, after `touches`. */
  note(prev: CoreState, result: ReduceResult): void
  /** Told after every publish. */
  published(): void
}

type Watched = 'ringingLines' | 'heldCalls' | 'parkedCalls'
const WATCHED: ReadonlyArray<readonly [Watched, SemanticEvent['type'], SemanticEvent['type']]> = [
  ['ringingLines', 'line-ringing', 'line-stopped-ringing'],
  ['heldCalls', 'held-call-appeared', 'held-call-gone'],
  ['parkedCalls', 'parked', 'unparked']
]

/** New ids become "appeared" events, vanished ids "gone" events; updates of an item are silent. */
export function semanticEvents(prev: StateSnapshot, next: StateSnapshot): SemanticEvent[] {
  const out: SemanticEvent[] = []
  for (const [view, appeared, gone] of WATCHED) {
    if (prev[view] === next[view]) continue
    const before = new Map<string, StateSnapshot[Watched][number]>(prev[view].map((i) => [i.id, i]))
    const after = new Set(next[view].map((i) => i.id))
    for (const item of next[view]) {
      if (!before.has(item.id)) out.push({ type: appeared, call: item } as SemanticEvent)
    }
    for (const item of prev[view]) {
      if (!after.has(item.id)) out.push({ type: gone, call: item } as SemanticEvent)
    }
  }
  return out
}

/** What a resync's mark keeps: the state at the mark and every action dispatched since. */
interface Recording {
  readonly mark: RebaseMark
  readonly base: CoreState
  readonly actions: Action[]
}

/** The one current recording, if any: a new mark replaces it, too many actions drop it. */
function createRecorder(): {
  start(base: CoreState): RebaseMark
  record(action: Action): void
  /** The recording if `mark` is still current. */
  at(mark: RebaseMark): Recording | undefined
  release(mark: RebaseMark): void
} {
  let recording: Recording | undefined
  let marks = 0
  return {
    start(base) {
      const mark = { id: ++marks }
      recording = { mark, base, actions: [] }
      return mark
    },
    record(action) {
      if (!recording) return
      recording.actions.push(action)
      if (recording.actions.length > REBASE_CAPACITY) recording = undefined
    },
    at: (mark) => (recording?.mark === mark ? recording : undefined),
    release(mark) {
      if (recording?.mark === mark) recording = undefined
    }
  }
}

/**
 * The notification pipeline's publish stage: views, then patches and semantic events, at once or
 * once per `options.schedule`.
 */
function createPublisher(
  getState: () => CoreState,
  options: StoreOptions
): Pick<Store, 'subscribe' | 'onEvent'> & {
  /** The state changed: publish now (without a schedule), or schedule one publish. */
  changed(): void
  /** Publishes what is pending as of `state` (a state before the current one). */
  publishAt(state: CoreState): void
  /** Publishes what is pending, then returns the (now current) snapshot. */
  snapshot(): StateSnapshot
} {
  const views = options.views === 'whole' ? wholeViews(getState()) : incrementalViews(getState())
  let snapshot = views.snapshot
  // Each listener runs even when an earlier one throws; the error goes to `onListenerError`.
  const listeners = createListenerSet<Parameters<StateListener>>(options.onListenerError)
  const eventListeners = createListenerSet<Parameters<SemanticListener>>(options.onListenerError)
  let dirty = false
  let scheduled = false
  const publish = (state = getState()): void => {
    scheduled = false
    if (!dirty) return
    dirty = false
    options.publishBefore?.published()
    const step = views.update(state)
    snapshot = step.snapshot
    if (step.patches.length > 0) listeners.emit(step.patches, snapshot)
    for (const event of step.events) eventListeners.emit(event)
  }
  return {
    publishAt: (state) => publish(state),
    changed() {
      dirty = true
      if (!options.schedule) publish()
      else if (!scheduled) {
        scheduled = true
        options.schedule(publish)
      }
    },
    snapshot() {
      publish()
      return snapshot
    },
    subscribe: (listener) => listeners.add(listener),
    onEvent: (listener) => eventListeners.add(listener)
  }
}

/** The whole derivation: every view derived, then diffed against the last snapshot. */
function wholeViews(initial: CoreState): ViewTracker {
  let snapshot = deriveViews(initial)
  return {
    get snapshot() {
      return snapshot
    },
    update(state) {
      const next = deriveViews(state)
      const step = {
        patches: diffViews(snapshot, next),
        events: semanticEvents(snapshot, next),
        snapshot: next
      }
      snapshot = next
      return step
    }
  }
}

function incrementalViews(initial: CoreState): ViewTracker {
  const tracker = createViewTracker()
  tracker.update(initial)
  return tracker
}

export function createStore(options: StoreOptions = {}): Store {
  let state = options.initial ?? initialState()
  const recorder = createRecorder()
  const publisher = createPublisher(() => state, options)
  return {
    dispatch(action) {
      const prev = state
      const result = reduce(state, action)
      const guard = options.publishBefore
      if (result.changes.length > 0 && guard) {
        // A publish already scheduled then finds only this action's changes.
        if (guard.touches(result)) publisher.publishAt(prev)
        guard.note(prev, result)
      }
      state = result.state
      recorder.record(action)
      if (result.changes.length > 0) publisher.changed()
      return result
    },
    mark: () => recorder.start(state),
    rebase(mark, readback) {
      const recording = recorder.at(mark)
      if (recording === undefined) return false
      let next = reduce(recording.base, { type: 'readback', readback }).state
      for (const action of recording.actions) next = reduce(next, action).state
      recorder.release(mark)
      state = next
      publisher.changed()
      return true
    },
    release: (mark) => recorder.release(mark),
    getState: () => state,
    getSnapshot: () => publisher.snapshot(),
    subscribe: publisher.subscribe,
    onEvent: publisher.onEvent
  }
}
