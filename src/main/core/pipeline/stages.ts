/**
 * The stages a notification passes through between the socket and the store, each a function a
 * reader can jump to; pipeline.ts wires them, in one place. A decoded notification is reduced
 * before it is logged because its log entry carries what the reducer did with it (applied,
 * duplicate, stale, ignored).
 */
import { decodeNotification, type DecodeResult, type Notification } from '../../../shared/events'
import type { EventLog } from '../diagnostics'
import type { Clock } from '../ports'
import type { Outcome, Store } from '../state'

/** One frame's envelope as the socket delivered it, decoded, with the time it arrived. */
export interface DecodedFrame {
  /** JSON text or the parsed value, kept for the log (an invalid frame is logged as received). */
  readonly raw: unknown
  readonly result: DecodeResult
  readonly receivedAt: string
}

/** Decode: never throws. An invalid envelope or body is a result with path errors, not an error. */
export function decodeFrame(raw: unknown, clock: Clock): DecodedFrame {
  const result = decodeNotification(raw)
  return { raw, result, receivedAt: new Date(clock.now()).toISOString() }
}

/** Reduce: the notification becomes one store action; dedupe and sequence order happen there. */
export function reduceIntoStore(store: Store, notification: Notification): Outcome {
  return store.dispatch({ type: 'notification', notification }).outcome
}

/**
 * Log: every frame goes into the diagnostics event log, valid or not. An invalid one has no
 * outcome: it never reached the state.
 */
export function recordInLog(log: EventLog, frame: DecodedFrame, outcome?: Outcome): void {
  log.record(outcome === undefined ? frame : { ...frame, outcome })
}

/** The list-change events: they only say THAT a list changed; its content is read over REST. */
export type ListChange = 'line-list' | 'favorites'

export function listChangeOf(notification: Notification): ListChange | undefined {
  const { kind } = notification
  return kind === 'line-list' || kind === 'favorites' ? kind : undefined
}
