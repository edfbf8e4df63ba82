import type { CallItem, LineItem } from '../../../../shared/state/view-types'

/** Everything one board tile renders: primitives and immutable items only (v-memo compares them). */
export interface Tile {
  readonly line: LineItem
  /** Position in the filtered list. */
  readonly index: number
  /** 1-based column (aria-colindex). */
  readonly col: number
  readonly call: CallItem | null
  readonly takeable: boolean
  /** Why the call cannot be taken now (the pane's `pickupBlock` rule), or null. */
  readonly blocked: string | null
  readonly pending: boolean
  readonly tabbable: boolean
}
