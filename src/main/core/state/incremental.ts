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
import type { HeldCallItem, MyCallItem, RingingItem } from '../../../shared/state/view-types'

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

function extItems(ctx: ViewContext, ext: string, monitored: ReadonlySet<string>): ExtItems {
  const line = monitored.has(ext) && ext !== ctx.ownerId
  const own = ext === ctx.ownerId
  const parked = presenceParked(ctx, ext)
  if (!line && !own) return parked.length === 0 ? NONE : { ...NONE, parked }
  const canRing = ctx.directory.permissions.ringing
  const out = { ringing: [] as RingingItem[], held: [] as HeldCallItem[], mine: [] as MyCallItem[] }
  for (const c of ctx.calls(ext)) {
    if (own) out.mine.push({ ...callItem(ctx, c), state: c.state, statusText: c.statusText })
    else if (c.state === 'ringing') out.ringing.push({ ...callItem(ctx, c), canPickUp: canRing })
    else if (c.state === 'held')
      out.held.push({ ...callItem(ctx, c), canPickUp: mayPickUpHeld(ctx) })
  }
  return { ...out, parked }
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
    const after = extItems(ctx, ext, monitored)
    if (after === NONE) items.delete(ext)
    else items.set(ext, after)
    for (const c of before.ringing) touched.ringingLines.set(c.id, undefined)
    for (const c of after.ringing) touched.ringingLines.set(c.id, c)
    for (const c of before.held) touched.heldCalls.set(c.id, undefined)
    for (const c of after.held) touched.heldCalls.set(c.id, c)
    for (const c of before.mine) touched.myCalls.set(c.id, undefined)
    for (const c of after.mine) touched.myCalls.set(c.id, c)
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
