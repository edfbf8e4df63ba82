import type { CallItem } from '../../../../shared/state/view-types'
import type { CardAction } from './actions'

/** One card of the incoming-call pane: its list item's key and test id, and the card's props. */
export interface PaneCard {
  readonly key: string
  readonly testId: string
  readonly call: CallItem
  readonly lineNames: readonly string[]
  readonly stateLabel: string
  readonly sinceKey: string
  readonly holdKey: string | undefined
  readonly actions: readonly CardAction[]
  readonly ringing: boolean
  /** Where the call is ("on another device"), for the agent's own calls. */
  readonly placement?: string
  /** Why the pickup button is disabled, when it is. */
  readonly blocked?: string | null
}
