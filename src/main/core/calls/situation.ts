/**
 * Authorisation against MAIN-PROCESS state (docs/security.md#rogue-renderer): the renderer only
 * names a call; whether the agent may act on it is decided here from what the core's state says
 * about that call, before anything is sent to RingCentral.
 */
import { cleanText } from '../../../shared/util/text'
import type { CallControlError } from './result'

/**
 * Names come from RingCentral data that callers control (caller ID, display names). A refusal is
 * also logged and may go to a tray balloon, so a name in it is cleaned and kept this short.
 */
export const NAME_MAX = 60

/** Where a call stands from the agent's point of view, as the core's state knows it. */
export type CallSituationKind =
  /** Parked in an orbit or park location: REST pickup applies. */
  | 'parked'
  /** Ringing: on the agent (answer) or on a monitored line (SIP take-over). */
  | 'ringing'
  /** On hold on someone else's line: SIP take-over. */
  | 'held'
  /** The agent's own connected call. */
  | 'mine-active'
  /** The agent's own call, on hold. */
  | 'mine-held'
  /** Not in the state (ended, never seen, or a made-up id). */
  | 'unknown'

/** SIP dialog identity of a leg (detailed presence / telephony `sipData`), for a take-over. */
export interface SipDialogTags {
  readonly callId?: string
  readonly toTag: string
  readonly fromTag: string
}

export interface CallSituation {
  readonly kind: CallSituationKind
  /**
   * Who has the call now when that is someone other than the agent: who it rings for, who holds it,
   * who answered or picked it up. Used only to explain refusals to the agent.
   */
  readonly ownerName?: string
  /** The line's extension number: a SIP pickup dials it. */
  readonly lineNumber?: string
  /** The leg's SIP tags, when the state has them (needed by `pickUpOverSip`). */
  readonly sipData?: SipDialogTags
  /**
   * The session's legacy `sessionId` and `serverId` (telephony events): with both, a ringing call
   * is picked up with RingCentral's `inbound-pickup` instead of the BLF `Replaces`.
   */
  readonly sessionId?: string
  readonly serverId?: string
}

/** Injected by the core: answers from its own state, synchronously, never from renderer input. */
export type CallLookup = (telephonySessionId: string, partyId: string) => CallSituation

export type CallAction = 'pickup' | 'answer' | 'hold' | 'unhold' | 'sip-pickup'

const ALLOWED: Readonly<Record<CallAction, ReadonlyArray<CallSituationKind>>> = {
  pickup: ['parked'],
  answer: ['ringing'],
  hold: ['mine-active'],
  unhold: ['mine-held'],
  'sip-pickup': ['ringing', 'held']
}

const UNKNOWN =
  'Ringside no longer sees that call; it may have ended or been taken by someone else.'

/** `undefined` when the action may go ahead; otherwise the `not-allowed` error to return. */
export function authorize(action: CallAction, s: CallSituation): CallControlError | undefined {
  if (ALLOWED[action].includes(s.kind)) return undefined
  return { code: 'not-allowed', message: refusal(action, s) }
}

function refusal(action: CallAction, s: CallSituation): string {
  const owner = cleanText(s.ownerName, NAME_MAX)
  const forOwner = owner === '' ? '' : ` for ${owner}`
  if (s.kind === 'unknown') return UNKNOWN
  if (action === 'hold') {
    return s.kind === 'mine-held'
      ? 'That call is already on hold.'
      : 'You can only hold a call you are on.'
  }
  if (action === 'unhold') {
    return s.kind === 'mine-active'
      ? 'That call is not on hold.'
      : 'You can only resume a call you put on hold.'
  }
  if (s.kind === 'mine-active' || s.kind === 'mine-held') return 'That call is already yours.'
  if (action === 'pickup') {
    const what = s.kind === 'ringing' ? `ringing${forOwner}` : `on hold${forOwner}`
    return `That call is ${what}, not parked; only parked calls can be picked up this way.`
  }
  if (action === 'answer') {
    return s.kind === 'parked'
      ? 'That call is parked; pick it up instead of answering it.'
      : `That call is on hold${forOwner}; it is not ringing.`
  }
  return 'That call is parked; pick it up instead of taking it over.'
}
