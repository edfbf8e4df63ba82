/**
 * The rows a fixed-row-height list shows, by arithmetic alone: every row has the same height, so
 * where an item starts is the count of rows before it times that height, and nothing is ever
 * measured in the page. The Sessions grid uses it (components/sessions/SessionsGrid.vue); why it
 * measures nothing is in docs/performance.md#the-sessions-sweep-that-stopped-drawing.
 */

/** `starts[i]` is the rows before item `i`; `starts[n]` is every row. */
export function rowStarts(rowsOf: readonly number[]): number[] {
  const starts = new Array<number>(rowsOf.length + 1)
  let row = 0
  for (let i = 0; i < rowsOf.length; i++) {
    starts[i] = row
    row += rowsOf[i]!
  }
  starts[rowsOf.length] = row
  return starts
}

/** The item whose rows include `row` (the last item for a row past the end; 0 when empty). */
export function itemAtRow(starts: readonly number[], row: number): number {
  const n = starts.length - 1
  if (n <= 0) return 0
  let lo = 0
  let hi = n - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (starts[mid]! <= row) lo = mid
    else hi = mid - 1
  }
  return lo
}

export interface RowWindow {
  /** The first item rendered. */
  readonly first: number
  /** One past the last item rendered. */
  readonly end: number
  /** Pixels of the rows above `first` and below `end`, which spacers stand for. */
  readonly above: number
  readonly below: number
}

/**
 * The items with a row between `scrollTop` and `scrollTop + viewHeight`, and `overscan` rows
 * more on each side, so a scroll of a few rows shows rows that were already drawn.
 */
export function rowWindow(
  starts: readonly number[],
  rowHeight: number,
  scrollTop: number,
  viewHeight: number,
  overscan: number
): RowWindow {
  const n = starts.length - 1
  const total = starts[n] ?? 0
  if (n <= 0 || total === 0) return { first: 0, end: 0, above: 0, below: 0 }
  const topRow = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan)
  const bottomRow = Math.min(total - 1, Math.ceil((scrollTop + viewHeight) / rowHeight) + overscan)
  const first = itemAtRow(starts, topRow)
  const end = itemAtRow(starts, Math.max(topRow, bottomRow)) + 1
  return {
    first,
    end,
    above: starts[first]! * rowHeight,
    below: (total - starts[end]!) * rowHeight
  }
}

/** An item of the list, by its id. */
interface Keyed {
  readonly id: string
}

/**
 * Where to scroll so the item at the top stays where it was when items come or go above it
 * (newest first: new calls arrive above what the supervisor reads). Null when the top item is
 * gone, did not move, or the list was read from its top.
 */
export function anchoredScrollTop(
  before: { readonly items: readonly Keyed[]; readonly starts: readonly number[] },
  after: { readonly items: readonly Keyed[]; readonly starts: readonly number[] },
  rowHeight: number,
  scrollTop: number
): number | null {
  if (scrollTop <= 0 || before.items.length === 0) return null
  const at = itemAtRow(before.starts, Math.floor(scrollTop / rowHeight))
  const id = before.items[at]!.id
  // A scan, not an index: this runs once per change while scrolled, and allocates nothing.
  const now = after.items.findIndex((item) => item.id === id)
  if (now < 0) return null
  const moved = (after.starts[now]! - before.starts[at]!) * rowHeight
  return moved === 0 ? null : scrollTop + moved
}
