/** Which buttons a call shows, by what the call is doing. */
import type { CallState } from '../../../../shared/state/view-types'
import type { CallAction } from '../../stores/calls'

export interface CardAction {
  readonly action: CallAction
  readonly label: string
  readonly pendingLabel: string
  readonly primary?: boolean
}

export const PICK_UP: CardAction = {
  action: 'pickUp',
  label: 'Pick up',
  pendingLabel: 'Picking up',
  primary: true
}
const ANSWER: CardAction = {
  action: 'answer',
  label: 'Answer',
  pendingLabel: 'Answering',
  primary: true
}
const HOLD: CardAction = { action: 'hold', label: 'Hold', pendingLabel: 'Holding' }
const UNHOLD: CardAction = {
  action: 'unhold',
  label: 'Resume',
  pendingLabel: 'Resuming',
  primary: true
}

/** The agent's own call: answer it while it rings, hold it while connected, resume it held. */
export function myCallActions(state: CallState): readonly CardAction[] {
  if (state === 'ringing') return [ANSWER]
  if (state === 'connected') return [HOLD]
  if (state === 'held') return [UNHOLD]
  return []
}

/**
 * Why a pickup cannot work, said BEFORE the click (the button is disabled with this reason), or
 * null when it may go ahead. Parked calls go over REST and need no phone. `lineName` names the
 * colleague whose line holds the call, so the reason reads in the agent's words.
 */
export function pickupBlock(
  phoneRegistered: boolean,
  allowed: boolean,
  kind: 'ringing' | 'held' | 'parked',
  lineName?: string
): string | null {
  if (!allowed) {
    const line = lineName === undefined || lineName === '' ? 'This' : `${lineName}'s`
    return kind === 'held'
      ? `${line} line does not let you pick up held calls (your RingCentral user may not pick up calls on hold).`
      : `${line} line does not let you pick up its calls.`
  }
  if (kind !== 'parked' && !phoneRegistered) return "Ringside's phone is not registered."
  return null
}
