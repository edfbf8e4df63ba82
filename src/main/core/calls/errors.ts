/**
 * Turns a failed REST request into an error an agent understands. RingCentral's own texts are for
 * developers ("TAS-102 Incorrect State", "Resource for parameter [partyId] is not found"), so the
 * message is rebuilt from the status, the error body (docs/platform.md#error-bodies) and what the
 * core's state knew about the call; the server's text goes to `detail` for diagnostics.
 */
import { issuesText, type ApiErrorBody, type RestFailure } from '../rest'
import type { CallControlError } from './result'
import { cleanText } from '../../../shared/util/text'
import { NAME_MAX, type CallAction, type CallSituation } from './situation'

export type RestAction = Exclude<CallAction, 'sip-pickup'> | 'devices' | 'session' | 'provision'

export interface FailureContext {
  readonly action: RestAction
  /** The state's view when the agent clicked, and again when the failure came back. */
  readonly before?: CallSituation
  readonly after?: CallSituation
  /** The device the call was meant for (answer, pickup). */
  readonly deviceName?: string
  /**
   * Who has a parked call now, read from the `Gone` leg's `peerId` after a refused pickup. The
   * state's owner of a parked call is who parked it, so a pickup names only this one.
   */
  readonly takenBy?: string
}

/** What the agent could not do, for permission messages. */
const DOING: Readonly<Record<RestAction, string>> = {
  pickup: 'control calls',
  answer: 'control calls',
  hold: 'control calls',
  unhold: 'control calls',
  session: 'read calls',
  devices: 'read your phones',
  provision: "set up Ringside's phone"
}

/**
 * RingCentral answered 2xx with a body that does not decode. For an action that means it most
 * likely happened: the agent is told so, and the events that follow correct the board.
 */
const UNREADABLE: Readonly<Record<RestAction, string>> = {
  pickup:
    "The call was picked up, but RingCentral's reply could not be read; the call list will catch up.",
  answer:
    "The call was answered, but RingCentral's reply could not be read; the call list will catch up.",
  hold: "The call was put on hold, but RingCentral's reply could not be read; the call list will catch up.",
  unhold:
    "The call was resumed, but RingCentral's reply could not be read; the call list will catch up.",
  session: 'RingCentral sent a call Ringside cannot read.',
  devices: 'RingCentral sent a device list Ringside cannot read.',
  provision: 'RingCentral sent SIP credentials Ringside cannot read.'
}

export function explain(f: RestFailure, ctx: FailureContext): CallControlError {
  switch (f.kind) {
    case 'signed-out':
      return {
        code: 'signed-out',
        message: 'Sign in to RingCentral again to control calls.',
        detail: f.message
      }
    case 'network':
      return {
        code: 'offline',
        message: 'Ringside cannot reach RingCentral. Check the network and try again.',
        detail: f.message
      }
    case 'timeout':
      return {
        code: 'timeout',
        message: 'RingCentral did not answer in time. Check the call list before trying again.'
      }
    case 'invalid':
      return { code: 'unknown', message: UNREADABLE[ctx.action], detail: issuesText(f.issues) }
    case 'http':
      return fromHttp(f.status, f.body, f.retryAfterMs, ctx)
  }
}

function fromHttp(
  status: number,
  body: ApiErrorBody | undefined,
  retryAfterMs: number | undefined,
  ctx: FailureContext
): CallControlError {
  const item = body?.errors?.[0]
  const text = body?.message ?? item?.message ?? ''
  const detail =
    [item?.errorCode ?? body?.errorCode, text].filter((x) => x).join(' ') || `HTTP ${status}`
  if (status === 429) {
    const ms = retryAfterMs ?? 60_000
    return {
      code: 'rate-limited',
      retryAfterMs: ms,
      message: `RingCentral is busy; try again in ${wait(ms)}.`,
      detail
    }
  }
  // A refresh that failed under the request (OAuth body) or a token RingCentral no longer accepts.
  if (status === 401 || body?.error === 'invalid_grant') {
    return {
      code: 'signed-out',
      message: 'You are signed out of RingCentral. Sign in again.',
      detail
    }
  }
  if (status === 403) {
    const permission = body?.permissionName ?? item?.permissionName
    if (permission !== undefined) {
      return {
        code: 'no-permission',
        message: `Ringside is not allowed to ${DOING[ctx.action]}: the app lacks the ${permission} permission.`,
        detail
      }
    }
    if ((item?.errorCode ?? body?.errorCode) === 'CMN-404') {
      return { code: 'not-allowed', message: 'That call belongs to another extension.', detail }
    }
    return { code: 'no-permission', message: 'RingCentral does not allow you to do that.', detail }
  }
  if (status === 404) {
    if (ctx.action === 'devices')
      return { code: 'unknown', message: 'RingCentral could not list your phones.', detail }
    return { code: 'not-found', message: 'That call has ended.', detail }
  }
  if (status === 400 && (body?.parameterName ?? item?.parameterName) === 'deviceId') {
    const which =
      ctx.deviceName === undefined
        ? 'The chosen phone'
        : `Your phone “${cleanText(ctx.deviceName, NAME_MAX)}”`
    return {
      code: 'no-device',
      message: `${which} cannot take calls for you. Choose another phone in Settings.`,
      detail
    }
  }
  if (status === 409) return conflict(text, ctx, detail)
  if (status >= 500) {
    return {
      code: 'server-error',
      message: `RingCentral could not do that right now (${status}). Try again.`,
      detail
    }
  }
  return { code: 'unknown', message: 'RingCentral refused the request.', detail }
}

/**
 * 409 "wrong call state". No real 409 body is public (docs/platform.md#call-control-errors), so the
 * text is only a hint (the emulator's wording: "already answered by X", "has already ended", "is
 * parked at *801"); the action and the state's view decide when the text says nothing useful.
 */
function conflict(text: string, ctx: FailureContext, detail: string): CallControlError {
  const taken = ctx.action === 'pickup' ? 'picked up' : 'answered'
  const named = /already answered by ([^;.]+)/i.exec(text)?.[1]
  // For a parked call the state's owner is who parked it: naming them would name the wrong person.
  const owner =
    named ??
    (ctx.action === 'pickup' ? ctx.takenBy : (ctx.after?.ownerName ?? ctx.before?.ownerName))
  const takenBy = (): CallControlError => ({
    code: 'already-answered',
    message:
      cleanText(owner, NAME_MAX) === ''
        ? `Someone else already ${taken} that call.`
        : `The call was already ${taken} by ${cleanText(owner, NAME_MAX)}.`,
    detail
  })
  if (named !== undefined) return takenBy()
  // A parked leg that "moved to another call leg" was picked up by someone else.
  if (/moved to another call leg/i.test(text)) {
    return ctx.action === 'pickup' || ctx.action === 'answer'
      ? takenBy()
      : { code: 'ended', message: 'That call moved to another line.', detail }
  }
  if (/already ended|disconnected/i.test(text))
    return { code: 'ended', message: 'That call has ended.', detail }
  const orbit = /parked at (\*\d+)/i.exec(text)?.[1]
  if (orbit !== undefined)
    return { code: 'wrong-state', message: `That call is parked at ${orbit}.`, detail }
  if (/still ringing|being set up/i.test(text)) {
    return { code: 'wrong-state', message: 'That call has not been answered yet.', detail }
  }
  if (ctx.action === 'hold' && /on hold/i.test(text)) {
    return { code: 'wrong-state', message: 'That call is already on hold.', detail }
  }
  if (ctx.action === 'unhold')
    return { code: 'wrong-state', message: 'That call is not on hold.', detail }
  if (ctx.action === 'pickup') {
    // Generic "Incorrect State" on a parked call: almost always someone was faster.
    return owner === undefined
      ? {
          code: 'wrong-state',
          message: 'That call is no longer parked; someone may have picked it up.',
          detail
        }
      : takenBy()
  }
  if (ctx.action === 'answer') {
    return owner === undefined
      ? { code: 'wrong-state', message: 'That call is no longer ringing for you.', detail }
      : takenBy()
  }
  return {
    code: 'wrong-state',
    message: 'RingCentral says the call cannot do that right now.',
    detail
  }
}

/** "5 s", "2 min": rounded up, so the agent never retries too early. */
function wait(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000))
  return s < 90 ? `${s} s` : `${Math.ceil(s / 60)} min`
}
