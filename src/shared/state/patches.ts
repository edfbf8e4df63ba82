/**
 * The state as the renderer sees it: a JSON snapshot of the views, then keyed patches. A patch
 * upserts or removes ONE item of one view by id; each view is kept sorted by a total order on its
 * items (VIEW_ORDER, ids break ties), so a renderer that applies the patches in order and re-sorts
 * ends with exactly the snapshot main has. Only changed items travel, which keeps IPC small.
 *
 * Pure, no Node imports: the renderer may import this module to apply patches.
 */
import type {
  HeldCallItem,
  LineItem,
  MyCallItem,
  ParkedCallItem,
  RingingItem,
  SessionItem
} from './view-types'

export interface StateSnapshot {
  readonly lines: readonly LineItem[]
  readonly ringingLines: readonly RingingItem[]
  readonly heldCalls: readonly HeldCallItem[]
  readonly parkedCalls: readonly ParkedCallItem[]
  readonly myCalls: readonly MyCallItem[]
  readonly accountSessions: readonly SessionItem[]
}

export type ViewName = keyof StateSnapshot
export type ItemOf<K extends ViewName> = StateSnapshot[K][number]

export const VIEW_NAMES: readonly ViewName[] = [
  'lines',
  'ringingLines',
  'heldCalls',
  'parkedCalls',
  'myCalls',
  'accountSessions'
]

export type StatePatch = {
  [K in ViewName]:
    | { readonly op: 'upsert'; readonly view: K; readonly item: ItemOf<K> }
    | { readonly op: 'remove'; readonly view: K; readonly id: string }
}[ViewName]

export const emptySnapshot: StateSnapshot = {
  lines: [],
  ringingLines: [],
  heldCalls: [],
  parkedCalls: [],
  myCalls: [],
  accountSessions: []
}

/** Code-unit order of two strings, as a comparator (not locale order: ids, keys). */
export const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
/** Earliest first; unknown times last. */
const byTime = (a: string | null, b: string | null): number =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : byText(a, b)

type Order<T> = (a: T, b: T) => number
const timeThenId =
  <T extends { readonly id: string }>(time: (x: T) => string | null): Order<T> =>
  (a, b) =>
    byTime(time(a), time(b)) || byText(a.id, b.id)

/** The order of each view. Every comparator ends on the unique id, so the order is total. */
export const VIEW_ORDER: { readonly [K in ViewName]: Order<ItemOf<K>> } = {
  lines: (a, b) => a.position - b.position || byText(a.id, b.id),
  ringingLines: timeThenId((x) => x.startTime),
  heldCalls: timeThenId((x) => x.startTime),
  parkedCalls: timeThenId((x) => x.since),
  myCalls: timeThenId((x) => x.startTime),
  accountSessions: timeThenId((x) => x.startedAt)
}

export function sortView<K extends ViewName>(view: K, items: Array<ItemOf<K>>): Array<ItemOf<K>> {
  const order: Order<ItemOf<K>> = VIEW_ORDER[view]
  return items.sort(order)
}

/** Structural equality of JSON values (view items are plain JSON by construction). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false
    return a.every((x, i) => jsonEqual(x, b[i]))
  }
  if (Array.isArray(b)) return false
  const ka = Object.keys(a)
  if (ka.length !== Object.keys(b).length) return false
  const ra = a as Record<string, unknown>
  const rb = b as Record<string, unknown>
  return ka.every((k) => Object.hasOwn(rb, k) && jsonEqual(ra[k], rb[k]))
}

/**
 * Both lists are sorted by the view's total order, so one merge walk finds every difference
 * without building maps; identical item references (cached items) cost one comparison. An item
 * whose sort key changed shows up as both removed and upserted: the upsert wins.
 */
function diffView<K extends ViewName>(
  view: K,
  prev: readonly ItemOf<K>[],
  next: readonly ItemOf<K>[],
  out: StatePatch[]
): void {
  if (prev === next) return
  const order: Order<ItemOf<K>> = VIEW_ORDER[view]
  const upserts: StatePatch[] = []
  const removed: string[] = []
  let i = 0
  let j = 0
  while (i < prev.length || j < next.length) {
    const a = prev[i]
    const b = next[j]
    if (a !== undefined && a === b) {
      i++
      j++
    } else if (b === undefined || (a !== undefined && order(a, b) < 0)) {
      removed.push(a!.id)
      i++
    } else if (a === undefined || order(a, b) > 0 || a.id !== b.id) {
      upserts.push({ op: 'upsert', view, item: b } as StatePatch)
      j++
    } else {
      if (!jsonEqual(a, b)) upserts.push({ op: 'upsert', view, item: b } as StatePatch)
      i++
      j++
    }
  }
  out.push(...upserts)
  if (removed.length === 0) return
  const kept = new Set(upserts.map((p) => (p.op === 'upsert' ? p.item.id : '')))
  for (const id of removed) if (!kept.has(id)) out.push({ op: 'remove', view, id } as StatePatch)
}

/** The patches that turn `prev` into `next`: changed or new items, then removed ones, per view. */
export function diffViews(prev: StateSnapshot, next: StateSnapshot): StatePatch[] {
  const out: StatePatch[] = []
  for (const view of VIEW_NAMES) diffView(view, prev[view], next[view], out)
  return out
}

function applyToView<K extends ViewName>(
  view: K,
  items: readonly ItemOf<K>[],
  patches: readonly StatePatch[]
): readonly ItemOf<K>[] {
  const mine = patches.filter((p) => p.view === view)
  if (mine.length === 0) return items
  const byId = new Map(items.map((item) => [item.id, item] as const))
  for (const p of mine) {
    if (p.op === 'upsert') byId.set(p.item.id, p.item as ItemOf<K>)
    else byId.delete(p.id)
  }
  return sortView(view, [...byId.values()])
}

/** Applies patches in order; views without patches keep their identity (cheap change detection). */
export function applyPatches(
  snapshot: StateSnapshot,
  patches: readonly StatePatch[]
): StateSnapshot {
  if (patches.length === 0) return snapshot
  return {
    lines: applyToView('lines', snapshot.lines, patches),
    ringingLines: applyToView('ringingLines', snapshot.ringingLines, patches),
    heldCalls: applyToView('heldCalls', snapshot.heldCalls, patches),
    parkedCalls: applyToView('parkedCalls', snapshot.parkedCalls, patches),
    myCalls: applyToView('myCalls', snapshot.myCalls, patches),
    accountSessions: applyToView('accountSessions', snapshot.accountSessions, patches)
  }
}
