/**
 * A copy of main's view snapshot that follows patches at the cost of what they change: each view
 * keeps an index by id, so a patch finds the item it replaces without a scan, and the sorted
 * arrays are re-spliced (sorted.ts) instead of rebuilt and re-sorted. The result equals
 * `applyPatches` (patches.ts) on the same input; views without patches keep their identity.
 * Pure, no Node imports: the renderer's bridge uses it.
 */
import {
  VIEW_NAMES,
  type ItemOf,
  type StatePatch,
  type StateSnapshot,
  type ViewName
} from './patches'
import { resplice } from './sorted'

type Index = { [K in ViewName]: Map<string, ItemOf<K>> }

function indexOf(snapshot: StateSnapshot): Index {
  const byId = <K extends ViewName>(view: K): Map<string, ItemOf<K>> =>
    new Map((snapshot[view] as readonly ItemOf<K>[]).map((item) => [item.id, item]))
  return {
    lines: byId('lines'),
    ringingLines: byId('ringingLines'),
    heldCalls: byId('heldCalls'),
    parkedCalls: byId('parkedCalls'),
    myCalls: byId('myCalls'),
    accountSessions: byId('accountSessions')
  }
}

export interface SnapshotMirror {
  readonly snapshot: StateSnapshot
  /** Applies `patches` in order; returns the new snapshot. */
  apply(patches: readonly StatePatch[]): StateSnapshot
  /** Starts over from a whole snapshot (the first one, or after a reconnect). */
  reset(snapshot: StateSnapshot): void
}

function applyView<K extends ViewName>(
  view: K,
  index: Map<string, ItemOf<K>>,
  sorted: readonly ItemOf<K>[],
  patches: readonly StatePatch[]
): readonly ItemOf<K>[] {
  // The item each touched id had before this batch, and the one it ends with (last patch wins).
  const before = new Map<string, ItemOf<K> | undefined>()
  for (const p of patches) {
    if (p.view !== view) continue
    const id = p.op === 'upsert' ? p.item.id : p.id
    if (!before.has(id)) before.set(id, index.get(id))
    if (p.op === 'upsert') index.set(id, p.item as ItemOf<K>)
    else index.delete(id)
  }
  if (before.size === 0) return sorted
  const removed: ItemOf<K>[] = []
  const added: ItemOf<K>[] = []
  for (const [id, old] of before) {
    const now = index.get(id)
    if (old === now) continue
    if (old !== undefined) removed.push(old)
    if (now !== undefined) added.push(now)
  }
  return resplice(view, sorted, removed, added)
}

export function createSnapshotMirror(initial: StateSnapshot): SnapshotMirror {
  let snapshot = initial
  let index = indexOf(initial)
  return {
    get snapshot() {
      return snapshot
    },
    apply(patches) {
      if (patches.length === 0) return snapshot
      const next = { ...snapshot } as { -readonly [K in ViewName]: StateSnapshot[K] }
      let changed = false
      for (const view of VIEW_NAMES) {
        next[view] = applyView(view, index[view], snapshot[view], patches) as never
        changed ||= next[view] !== snapshot[view]
      }
      if (changed) snapshot = next
      return snapshot
    },
    reset(next) {
      snapshot = next
      index = indexOf(next)
    }
  }
}
