/**
 * What every call-control action resolves to. Actions never throw: the IPC layer forwards the result
 * as is, and the renderer shows `message` to the agent. `code` is for logic (retry buttons, device
 * settings), `detail` for diagnostics only (server text, decode problems), never for the agent.
 */

export type CallErrorCode =
  /** Someone else answered or picked the call up first. */
  | 'already-answered'
  /** The call ended (the caller hung up, or it moved to another leg). */
  | 'ended'
  /** RingCentral does not know the call or party (any more). */
  | 'not-found'
  /** The call is in a state where this action does not apply (already on hold, still ringing…). */
  | 'wrong-state'
  /** The app or the user lacks a RingCentral permission; `message` names it. */
  | 'no-permission'
  | 'rate-limited'
  /** No usable device to put the call on (none online, or the chosen one is not the agent's). */
  | 'no-device'
  /** Main-process state says the call may not be taken or controlled: nothing was sent. */
  | 'not-allowed'
  /** The action needs Ringside's own phone (SIP), which is not attached. */
  | 'not-available'
  | 'signed-out'
  /** RingCentral could not be reached. */
  | 'offline'
  /** No answer in time; the action may or may not have happened. */
  | 'timeout'
  /** RingCentral failed (5xx). */
  | 'server-error'
  | 'unknown'

export type CallControlError =
  | {
      readonly code: Exclude<CallErrorCode, 'rate-limited'>
      readonly message: string
      readonly detail?: string
    }
  | {
      readonly code: 'rate-limited'
      readonly message: string
      /** How long RingCentral asked to wait (`Retry-After`), in milliseconds. */
      readonly retryAfterMs: number
      readonly detail?: string
    }

export type CallResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: CallControlError }

export const success = <T>(value: T): CallResult<T> => ({ ok: true, value })

export const failure = <T = never>(
  code: Exclude<CallErrorCode, 'rate-limited'>,
  message: string,
  detail?: string
): CallResult<T> => ({
  ok: false,
  error: detail === undefined ? { code, message } : { code, message, detail }
})

export const failWith = <T = never>(error: CallControlError): CallResult<T> => ({
  ok: false,
  error
})
