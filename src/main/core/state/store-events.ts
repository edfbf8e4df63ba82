/** The store's semantic events: what the agent cares about, one per view item that comes or goes. */
import type { HeldCallItem, ParkedCallItem, RingingItem } from '../../../shared/state/view-types'

export type SemanticEvent =
  | { readonly type: 'line-ringing'; readonly call: RingingItem }
  | { readonly type: 'line-stopped-ringing'; readonly call: RingingItem }
  | { readonly type: 'held-call-appeared'; readonly call: HeldCallItem }
  | { readonly type: 'held-call-gone'; readonly call: HeldCallItem }
  | { readonly type: 'parked'; readonly call: ParkedCallItem }
  | { readonly type: 'unparked'; readonly call: ParkedCallItem }
