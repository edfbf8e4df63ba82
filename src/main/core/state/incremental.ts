/**
 * Incremental views: the same views as `deriveViews` (views.ts, kept as the oracle a property test
 * compares against after every step), updated from what changed rather than derived whole.
 *
 * What changed comes from the state itself: presence and sessions are persistent maps, so `pdiff`
 * between the last published state and the new one names exactly the extensions and sessions the
 * reducer touched (shared structure is skipped by identity), across any number of dispatches, a
 * rebase included. From those, the items that can depend on them are recomputed:
 *
 * - an extension's presence or legs → its board tile, its ringing and held calls (a monitored
 *   line), the agent's own calls (the owner), what its presence says is parked, and the parked
 *   items of sessions with a leg on it (they show its name and number);
 * - a session → its Sessions row, its parked item, and every extension with a party in it or
 *   whose presence lists it (`refs`, a presence call is vetoed or enriched by its session);
 * - the owner's `pickUpCallsOnHold` flipping → the whole held view;
 * - a new directory or owner → everything (board order, names, permissions: rare).
 *
 * Items are then compared only for the touched ids (view-changes.ts).
 */
import { ownerIdOf } from './account'
import type { LineCall } from './calls'
import {
  callItem,
  boardOrder,
  lineItem,
  mayPickUpHeld,
  viewContext,
  type ViewContext
} from './views'
import { parkedItem, presenceParked, type ParkedCandidate } from './parked'
import { pdiff, pforEach, pget } from './pmap'
import { initialState } from './reducer'
import { sessionItem, visible } from './session-view'
import type { CoreState, PresenceRecord, SessionRecord } from './types'
import { createKeyedViews, emptyTouched, type Touched, type ViewStep } from './view-changes'
import type { StateSnapshot } from '../../../shared/state/patches'
import type {
  CallItem,
  HeldCallItem,
  MyCallItem,
  RingingItem
} from '../../../shared/state/view-types'

export interface ViewTracker {
  readonly snapshot: StateSnapshot
  /** Moves the views to `state`: the patches and semantic events that take them there. */
  update(state: CoreState): ViewStep
}

/** What one extension puts into the call views. */
interface ExtItems {
  readonly ringing: readonly RingingItem[]
  readonly held: readonly HeldCallItem[]
  readonly mine: readonly MyCallItem[]
  readonly parked: readonly ParkedCandidate[]
}

const NONE: ExtItems = { ringing: [], held: [], mine: [], parked: [] }

type CallViewItem = RingingItem | HeldCallItem | MyCallItem

/**
 * The item last made from each call, with what else it was made from. A line with many calls
 * gets an event for one of them, and `callsOf` keeps the objects of the calls that did not change
 * (calls.ts): their items are kept too, so the step compares and patches only the changed calls.
 */
interface ItemMemo {
  readonly item: CallViewItem
  readonly lineName: string
  readonly lineNumber: string | null
  readonly canPickUp: boolean | undefined
}

/** The line's own name and number, which every item of its calls shows. */
interface LineLabel {
  readonly lineName: string
  readonly lineNumber: string | null
}

/** Makes the item of `call` through `memo`, or returns the one made from the same inputs. */
function memoItem<T extends CallViewItem>(
  memo: WeakMap<LineCall, ItemMemo>,
  ctx: ViewContext,
  call: LineCall,
  { lineName, lineNumber }: LineLabel,
  canPickUp: boolean | undefined,
  make: (base: CallItem) => T
): T {
  const kept = memo.get(call)
  if (
    kept !== undefined &&
    kept.canPickUp === canPickUp &&
    kept.lineName === lineName &&
    kept.lineNumber === lineNumber
  )
    return kept.item as T
  const item = make(callItem(ctx, call))
  memo.set(call, { item, lineName, lineNumber, canPickUp })
  return item
}

function extItems(
  ctx: ViewContext,
  ext: string,
  monitored: ReadonlySet<string>,
  memo: WeakMap<LineCall, ItemMemo>
): ExtItems {
  const line = monitored.has(ext) && ext !== ctx.ownerId
  const own = ext === ctx.ownerId
  const parked = presenceParked(ctx, ext)
  if (!line && !own) return parked.length === 0 ? NONE : { ...NONE, parked }
  const canRing = ctx.directory.permissions.ringing
  const canHeld = mayPickUpHeld(ctx)
  // Looked up once for the line, not once per call: a busy line has many.
  const label: LineLabel = { lineName: ctx.nameOf(ext), lineNumber: ctx.numberOf(ext) }
  const out = { ringing: [] as RingingItem[], held: [] as HeldCallItem[], mine: [] as MyCallItem[] }
  for (const c of ctx.calls(ext)) {
    if (own) {
      const mine = (base: CallItem): MyCallItem => ({
        ...base,
        state: c.state,
        statusText: c.statusText
      })
      out.mine.push(memoItem(memo, ctx, c, label, undefined, mine))
    } else if (c.state === 'ringing')
      out.ringing.push(
        memoItem(memo, ctx, c, label, canRing, (base) => ({ ...base, canPickUp: canRing }))
      )
    else if (c.state === 'held')
      out.held.push(
        memoItem(memo, ctx, c, label, canHeld, (base) => ({ ...base, canPickUp: canHeld }))
      )
  }
  return { ...out, parked }
}

/**
 * Touches what changed between an extension's items before and after: items gone, and items that
 * are not the same object as before (an unchanged call keeps its item, see `ItemMemo`). Both lists
 * are in call order (`callsOf`), and every id of one extension is `ext:key`, so one merge walk by
 * id pairs them up without building sets.
 */
function touchItems<T extends { readonly id: string }>(
  touched: Map<string, T | undefined>,
  before: readonly T[],
  after: readonly T[]
): void {
  let i = 0
  let j = 0
  while (i < before.length || j < after.length) {
    const b = before[i]
    const a = after[j]
    if (a === undefined || (b !== undefined && b.id < a.id)) {
      touched.set(b!.id, undefined)
      i++
    } else if (b === undefined || a.id < b.id) {
      touched.set(a.id, a)
      j++
    } else {
      if (a !== b) touched.set(a.id, a)
      i++
      j++
    }
  }
}

/** Telephony session ids a presence's call list names. */
function sessionRefs(record: PresenceRecord | undefined): string[] {
  const out: string[] = []
  for (const ac of record?.fields.activeCalls ?? []) {
    if (ac.telephonySessionId !== undefined) out.push(ac.telephonySessionId)
  }
  return out
}

/** A multimap with set semantics: key → the extensions that mention it. */
class Mentions {
  private readonly map = new Map<string, Set<string>>()
  add(key: string, ext: string): void {
    let set = this.map.get(key)
    if (set === undefined) this.map.set(key, (set = new Set()))
    set.add(ext)
  }
  delete(key: string, ext: string): void {
    const set = this.map.get(key)
    if (set?.delete(ext) === true && set.size === 0) this.map.delete(key)
  }
  of(key: string): ReadonlySet<string> {
    return this.map.get(key) ?? new Set()
  }
  clear(): void {
    this.map.clear()
  }
}

/** The extensions and sessions whose items must be recomputed in one step. */
interface Dirty {
  readonly exts: Set<string>
  /** Extensions whose number (from a readback's presence) changed: parked parties show it. */
  readonly renumbered: Set<string>
  readonly sessions: Set<string>
  heldAll: boolean
}

export function createViewTracker(): ViewTracker {
  const views = createKeyedViews()
  let state = initialState()
  let board = new Map<string, number>()
  let monitored: ReadonlySet<string> = new Set()
  const items = new Map<string, ExtItems>()
  let memo = new WeakMap<LineCall, ItemMemo>()
  const refs = new Mentions()
  const parkedBy = new Mentions()
  let canHeld = false

  const addPartyExts = (s: SessionRecord | undefined, dirty: Dirty): void => {
    for (const p of s?.parties.values() ?? []) {
      if (p.fields.extensionId !== undefined) dirty.exts.add(p.fields.extensionId)
    }
  }

  /** Everything anew: a new directory or owner changes order, names and permissions. */
  function rebuild(next: CoreState, ctx: ViewContext, touched: Touched, dirty: Dirty): void {
    for (const view of Object.keys(touched) as Array<keyof Touched>) {
      for (const id of views.ids(view)) touched[view].set(id, undefined)
    }
    items.clear()
    memo = new WeakMap()
    refs.clear()
    parkedBy.clear()
    board = new Map(boardOrder(next.directory).map((id, i) => [id, i]))
    monitored = new Set(next.directory.monitored)
    for (const id of board.keys()) dirty.exts.add(id)
    if (ctx.ownerId !== null) dirty.exts.add(ctx.ownerId)
    pforEach(next.presence, (r, ext) => {
      dirty.exts.add(ext)
      for (const id of sessionRefs(r)) refs.add(id, ext)
    })
    pforEach(next.sessions, (s, id) => {
      dirty.sessions.add(id)
      addPartyExts(s, dirty)
    })
    canHeld = mayPickUpHeld(ctx)
  }

  /** What the reducer touched since the last step, by structural diff of the two states. */
  function diff(next: CoreState, ctx: ViewContext, dirty: Dirty): void {
    pdiff(state.presence, next.presence, (ext, before, after) => {
      dirty.exts.add(ext)
      if (before?.extensionNumber !== after?.extensionNumber) dirty.renumbered.add(ext)
      for (const id of sessionRefs(before)) refs.delete(id, ext)
      for (const id of sessionRefs(after)) refs.add(id, ext)
    })
    pdiff(state.hidden, next.hidden, (ext) => dirty.exts.add(ext))
    pdiff(state.sessions, next.sessions, (id, before, after) => {
      dirty.sessions.add(id)
      addPartyExts(before, dirty)
      addPartyExts(after, dirty)
      for (const ext of refs.of(id)) dirty.exts.add(ext)
    })
    const held = mayPickUpHeld(ctx)
    if (held !== canHeld) dirty.heldAll = true
    canHeld = held
  }

  function touchExt(ctx: ViewContext, ext: string, touched: Touched, parkedIds: Set<string>): void {
    const position = board.get(ext)
    if (position !== undefined) touched.lines.set(ext, lineItem(ctx, ext, position))
    const before = items.get(ext) ?? NONE
    const after = extItems(ctx, ext, monitored, memo)
    if (after === NONE) items.delete(ext)
    else items.set(ext, after)
    touchItems(touched.ringingLines, before.ringing, after.ringing)
    touchItems(touched.heldCalls, before.held, after.held)
    touchItems(touched.myCalls, before.mine, after.mine)
    for (const { item } of before.parked) {
      parkedBy.delete(item.id, ext)
      parkedIds.add(item.id)
    }
    for (const { item } of after.parked) {
      parkedBy.add(item.id, ext)
      parkedIds.add(item.id)
    }
  }

  function touchParked(ctx: ViewContext, id: string, touched: Touched): void {
    const candidates: ParkedCandidate[] = []
    for (const ext of parkedBy.of(id)) {
      const c = items.get(ext)?.parked.find((p) => p.item.id === id)
      if (c !== undefined) candidates.push(c)
    }
    touched.parkedCalls.set(id, parkedItem(ctx, id, candidates))
  }

  function touchAllHeld(touched: Touched): void {
    // The right flipped: every held call stays listed, only its `canPickUp` changes.
    for (const id of views.ids('heldCalls')) touched.heldCalls.set(id, undefined)
    for (const ext of monitored) {
      const own = items.get(ext)
      if (own === undefined || own.held.length === 0) continue
      const held = own.held.map((c) => ({ ...c, canPickUp: canHeld }))
      items.set(ext, { ...own, held })
      for (const c of held) touched.heldCalls.set(c.id, c)
    }
  }

  return {
    get snapshot() {
      return views.snapshot
    },
    update(next) {
      if (next === state) return { patches: [], events: [], snapshot: views.snapshot }
      const ctx = viewContext(next)
      const touched = emptyTouched()
      const dirty: Dirty = {
        exts: new Set(),
        renumbered: new Set(),
        sessions: new Set(),
        heldAll: false
      }
      const whole = next.directory !== state.directory || ownerIdOf(next) !== ownerIdOf(state)
      if (whole) rebuild(next, ctx, touched, dirty)
      else diff(next, ctx, dirty)
      const parkedIds = new Set(dirty.sessions)
      for (const ext of dirty.exts) touchExt(ctx, ext, touched, parkedIds)
      // A parked party shows its line's number, which a readback's presence may bring.
      for (const ext of dirty.renumbered) {
        for (const id of ctx.legs.byExtension.get(ext)?.keys() ?? []) parkedIds.add(id)
      }
      if (dirty.heldAll) touchAllHeld(touched)
      for (const id of parkedIds) touchParked(ctx, id, touched)
      for (const id of dirty.sessions) {
        const s = pget(next.sessions, id)
        touched.accountSessions.set(id, visible(s) ? sessionItem(next.directory, s) : undefined)
      }
      state = next
      return views.apply(touched)
    }
  }
}
