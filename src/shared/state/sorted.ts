/**
 * Keeping a view's array sorted under a few changes without re-sorting it: each view has a total
 * order (VIEW_ORDER ends on the unique id), so binary search finds an item's exact slot. A flush
 * that touches k items of an n-item view costs k·log n comparisons and one copy of the array
 * (pointers only), instead of the n·log n of a sort. Pure, no Node imports: the renderer uses it.
 */
import { VIEW_ORDER, type ItemOf, type ViewName } from './patches'

/** The first index of `items` (sorted) whose item `before` does not place before the sought one. */
export function firstNotBefore<T>(items: readonly T[], before: (item: T) => boolean): number {
  let lo = 0
  let hi = items.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (before(items[mid]!)) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Two lists sorted by `order` as one sorted list; on a tie, `a`'s item comes first. */
export function mergeSorted<T>(
  a: readonly T[],
  b: readonly T[],
  order: (x: T, y: T) => number
): T[] {
  if (a.length === 0) return [...b]
  if (b.length === 0) return [...a]
  const out: T[] = []
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) out.push(order(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!)
  while (i < a.length) out.push(a[i++]!)
  while (j < b.length) out.push(b[j++]!)
  return out
}

/** The index of `item` if present, else where it would be inserted. */
function slotOf<K extends ViewName>(view: K, items: readonly ItemOf<K>[], item: ItemOf<K>): number {
  const order: (a: ItemOf<K>, b: ItemOf<K>) => number = VIEW_ORDER[view]
  return firstNotBefore(items, (x) => order(x, item) < 0)
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
