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
