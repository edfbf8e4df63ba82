/**
 * The views as keyed items plus their sorted arrays, and the one step that moves them: a set of
 * items that may have changed goes in, the patches, the semantic events and the next snapshot come
 * out. Only the touched ids are compared, so a flush costs what changed, not what the account has.
 */
import {
  jsonEqual,
  VIEW_NAMES,
  VIEW_ORDER,
  type ItemOf,
  type StatePatch,
  type StateSnapshot,
  type ViewName
} from '../../../shared/state/patches'
import { resplice } from '../../../shared/state/sorted'
import type { SemanticEvent } from './store-events'

type ById = { [K in ViewName]: Map<string, ItemOf<K>> }
/** The new value of each touched id; undefined: the item is gone. */
export type Touched = { [K in ViewName]: Map<string, ItemOf<K> | undefined> }

export const emptyTouched = (): Touched => ({
  lines: new Map(),
  ringingLines: new Map(),
  heldCalls: new Map(),
  parkedCalls: new Map(),
  myCalls: new Map(),
  accountSessions: new Map()
})

/** Which views raise semantic events, and which event each way. */
const WATCHED: {
  readonly [K in ViewName]?: readonly [SemanticEvent['type'], SemanticEvent['type']]
} = {
  ringingLines: ['line-ringing', 'line-stopped-ringing'],
  heldCalls: ['held-call-appeared', 'held-call-gone'],
  parkedCalls: ['parked', 'unparked']
}

export interface ViewStep {
  readonly patches: StatePatch[]
  readonly events: SemanticEvent[]
  readonly snapshot: StateSnapshot
}

export interface KeyedViews {
  readonly snapshot: StateSnapshot
  /** The item of `view` with `id` now. */
  get<K extends ViewName>(view: K, id: string): ItemOf<K> | undefined
  /** Every id `view` holds now. */
  ids(view: ViewName): IterableIterator<string>
  apply(touched: Touched): ViewStep
}

interface ViewDelta<K extends ViewName> {
  readonly upserts: ItemOf<K>[]
  readonly removed: ItemOf<K>[]
  readonly added: ItemOf<K>[]
  readonly replaced: ItemOf<K>[]
}

function deltaOf<K extends ViewName>(
  byId: Map<string, ItemOf<K>>,
  touched: Map<string, ItemOf<K> | undefined>
): ViewDelta<K> {
  const delta: ViewDelta<K> = { upserts: [], removed: [], added: [], replaced: [] }
  for (const [id, next] of touched) {
    const prev = byId.get(id)
    if (next === undefined) {
      if (prev === undefined) continue
      byId.delete(id)
      delta.removed.push(prev)
    } else if (prev === undefined) {
      byId.set(id, next)
      delta.added.push(next)
      delta.upserts.push(next)
    } else if (!jsonEqual(prev, next)) {
      byId.set(id, next)
      delta.replaced.push(prev)
      delta.upserts.push(next)
    }
  }
  return delta
}

function stepView<K extends ViewName>(
  view: K,
  byId: Map<string, ItemOf<K>>,
  sorted: readonly ItemOf<K>[],
  touched: Map<string, ItemOf<K> | undefined>,
  out: { patches: StatePatch[]; events: SemanticEvent[] }
): readonly ItemOf<K>[] {
  if (touched.size === 0) return sorted
  const d = deltaOf(byId, touched)
  if (d.upserts.length === 0 && d.removed.length === 0) return sorted
  const order: (a: ItemOf<K>, b: ItemOf<K>) => number = VIEW_ORDER[view]
  // The order diffViews gives: upserts in the new order, then removals in the old order.
  d.upserts.sort(order)
  d.removed.sort(order)
  for (const item of d.upserts) out.patches.push({ op: 'upsert', view, item } as StatePatch)
  for (const item of d.removed) out.patches.push({ op: 'remove', view, id: item.id } as StatePatch)
  const watched = WATCHED[view]
  if (watched !== undefined) {
    const added = d.added.sort(order)
    for (const call of added) out.events.push({ type: watched[0], call } as SemanticEvent)
    for (const call of d.removed) out.events.push({ type: watched[1], call } as SemanticEvent)
  }
  return resplice(view, sorted, [...d.removed, ...d.replaced], d.upserts)
}

export function createKeyedViews(): KeyedViews {
  const byId: ById = {
    lines: new Map(),
    ringingLines: new Map(),
    heldCalls: new Map(),
    parkedCalls: new Map(),
    myCalls: new Map(),
    accountSessions: new Map()
  }
  let snapshot: StateSnapshot = {
    lines: [],
    ringingLines: [],
    heldCalls: [],
    parkedCalls: [],
    myCalls: [],
    accountSessions: []
  }
  return {
    get snapshot() {
      return snapshot
    },
    get: <K extends ViewName>(view: K, id: string) =>
      (byId[view] as Map<string, ItemOf<K>>).get(id),
    ids: (view) => byId[view].keys(),
    apply(touched) {
      const out = { patches: [] as StatePatch[], events: [] as SemanticEvent[] }
      const next = { ...snapshot } as { -readonly [K in ViewName]: StateSnapshot[K] }
      let changed = false
      for (const view of VIEW_NAMES) {
        next[view] = stepView(view, byId[view], snapshot[view], touched[view], out) as never
        changed ||= next[view] !== snapshot[view]
      }
      // An unchanged snapshot keeps its identity, as every unchanged view keeps its array.
      if (changed) snapshot = next
      return { ...out, snapshot }
    }
  }
}
