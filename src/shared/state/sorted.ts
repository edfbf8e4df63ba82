/**
 * Keeping a view's array sorted under a few changes without re-sorting it: each view has a total
 * order (VIEW_ORDER ends on the unique id), so binary search finds an item's exact slot. A flush
 * that touches k items of an n-item view costs k·log n comparisons and one copy of the array
 * (pointers only), instead of the n·log n of a sort. Pure, no Node imports: the renderer uses it.
 */
import { VIEW_ORDER, type ItemOf, type ViewName } from './patches'

/** The index of `item` if present, else where it would be inserted. */
function slotOf<K extends ViewName>(view: K, items: readonly ItemOf<K>[], item: ItemOf<K>): number {
  const order: (a: ItemOf<K>, b: ItemOf<K>) => number = VIEW_ORDER[view]
  let lo = 0
  let hi = items.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (order(items[mid]!, item) < 0) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Past this share of the view changed at once, one sort beats many splices. */
const RESORT_SHARE = 0.25

/**
 * A new sorted array: `sorted` without the `removed` items (found by their own sort key, so pass
 * the items as they were in `sorted`), with the `added` items in their slots. `sorted` is left as
 * it was, so a snapshot holding it stays valid.
 */
export function resplice<K extends ViewName>(
  view: K,
  sorted: readonly ItemOf<K>[],
  removed: readonly ItemOf<K>[],
  added: readonly ItemOf<K>[]
): readonly ItemOf<K>[] {
  if (removed.length === 0 && added.length === 0) return sorted
  if (removed.length + added.length > RESORT_SHARE * sorted.length + 8) {
    const gone = new Set(removed)
    const out = sorted.filter((item) => !gone.has(item))
    out.push(...added)
    const order: (a: ItemOf<K>, b: ItemOf<K>) => number = VIEW_ORDER[view]
    return out.sort(order)
  }
  const out = sorted.slice()
  for (const item of removed) {
    const at = slotOf(view, out, item)
    if (out[at] === item) out.splice(at, 1)
  }
  for (const item of added) out.splice(slotOf(view, out, item), 0, item)
  return out
}
