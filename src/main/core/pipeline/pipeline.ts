/**
 * The notification pipeline: the one path a notification takes from the socket to the views,
 * wired here and nowhere else.
 *
 *   ConnectionSupervisor ─ SupervisorHandlers.notificationFrame ─▶ receiveFrame (the entry)
 *     ▶ decodeFrame ▶ reduceIntoStore ▶ recordInLog                          (stages.ts)
 *     ▶ listChangeOf ─▶ signal onListChanged
 *     ▶ watchSequenceGaps ─▶ signal onGap                                     (gaps.ts)
 *     ▶ publish, once per I/O turn: views ▶ patches + semantic events   (publish.ts, Store)
 *     ▶ onPatches / onEvent (the exits) ▶ Core.subscribe / Core.onEvent ▶ the shells
 *
 * What a stage has to tell the layer above (a gap seen, a list changed) is a signal the owner
 * subscribes to once it exists (the AccountRunner of the signed-in account), never a callback into
 * something created later. The pipeline outlives every account; the runner comes and goes.
 */
import type { DecodeResult } from '../../../shared/events'
import { createListenerSet } from '../../../shared/util/listeners'
import type { EventLog } from '../diagnostics'
import type { Clock } from '../ports'
import type { SemanticListener, StateListener, Store } from '../state'
import { watchSequenceGaps } from './gaps'
import { decodeFrame, type ListChange, listChangeOf, recordInLog, reduceIntoStore } from './stages'

export interface NotificationPipeline {
  /** The entry: one envelope from the socket (the supervisor's `notificationFrame`). Never throws. */
  readonly receiveFrame: (raw: unknown) => DecodeResult
  /** Signal: a presence sequence hole stayed open past the grace, so the state must be refetched. */
  readonly onGap: (listener: () => void) => () => void
  /** Signal: a list-change event; the monitored lines or favorites must be refetched. */
  readonly onListChanged: (listener: (list: ListChange) => void) => () => void
  /** The exit: patches plus the new view snapshot, after each publish that changed the views. */
  readonly onPatches: (listener: StateListener) => () => void
  /** The exit for pop-ups and the headless runner: one semantic event per change of a call. */
  readonly onEvent: (listener: SemanticListener) => () => void
  /** Forget sequence history: a readback replaced the state, or the account signed out. */
  readonly resetSequences: () => void
  readonly dispose: () => void
}

export interface PipelineDeps {
  readonly store: Store
  readonly log: EventLog
  readonly clock: Clock
  /** How long a sequence hole may stay open before it counts as a loss (out-of-order delivery). */
  readonly gapGraceMs?: number
  /** Where a throwing signal listener's error goes; it never reaches the socket. */
  readonly onListenerError?: (error: unknown) => void
}

export function createNotificationPipeline(deps: PipelineDeps): NotificationPipeline {
  const { store, log, clock } = deps
  const listChanged = createListenerSet<[ListChange]>(deps.onListenerError)
  const gaps = watchSequenceGaps({
    clock,
    ...(deps.gapGraceMs === undefined ? {} : { graceMs: deps.gapGraceMs }),
    ...(deps.onListenerError ? { onListenerError: deps.onListenerError } : {})
  })

  const receiveFrame = (raw: unknown): DecodeResult => {
    const frame = decodeFrame(raw, clock)
    const { result } = frame
    if (!result.ok) {
      // Logged with its path errors and never reduced; an unknown kind is counted the same way.
      recordInLog(log, frame)
      return result
    }
    const outcome = reduceIntoStore(store, result.value)
    recordInLog(log, frame, outcome)
    const list = listChangeOf(result.value)
    if (list) listChanged.emit(list)
    gaps.see(result.value, outcome)
    return result
  }

  return {
    receiveFrame,
    onGap: gaps.onGap,
    onListChanged: (listener) => listChanged.add(listener),
    onPatches: (listener) => store.subscribe(listener),
    onEvent: (listener) => store.onEvent(listener),
    resetSequences: gaps.reset,
    dispose: gaps.dispose
  }
}
