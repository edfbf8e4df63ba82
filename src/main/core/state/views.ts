/**
 * Derived views: pure functions of the core state, memoised on the parts of the state they read
 * (a duplicate or a no-op event leaves those identical, so nothing is recomputed).
 *
 * Line status precedence, first match wins (a call in progress is a fact, DND and presence are
 * preferences, so calls come first; among calls, the one the agent can act on comes first):
 *   ringing > on-hold > parked > busy (any other live call, including unknown call states)
 *   > dnd (dndStatus or dndStatusPersonal = DoNotAcceptAnyCalls)
 *   > offline (presenceStatus Offline; userStatus when presenceStatus is absent)
 *   > busy (presenceStatus/userStatus Busy) > available > offline (nothing known).
 * When the presence has no call list, its aggregate `telephonyStatus` stands in for the calls.
 * Unknown enum values match nothing, so they fall through to the next rule and never throw.
 */
import { callsOf, remoteOf, text, type LineCall } from './calls'
import { indexLegs, type LegIndex } from './legs'
import { jsonEqual, sortView, type StateSnapshot } from '../../../shared/state/patches'
import { pget, type PMap } from './pmap'
import { parkedCalls } from './parked'
import { accountSessions } from './session-view'
import type { CoreState, Directory, HiddenPresence, PresenceRecord, SessionRecord } from './types'
import type { CallItem, LineItem, LineStatus, MyCallItem } from '../../../shared/state/view-types'

/** Shared by every view of one derivation: the lookups they all need, computed once. */
export interface ViewContext {
  readonly directory: Directory
  readonly ownerId: string | null
  readonly presence: PMap<PresenceRecord>
  readonly sessions: PMap<SessionRecord>
  readonly hidden: PMap<HiddenPresence>
  readonly legs: LegIndex
  calls(extensionId: string): readonly LineCall[]
  nameOf(extensionId: string): string
  numberOf(extensionId: string): string | null
}

export function viewContext(state: CoreState): ViewContext {
  const { directory, presence, sessions } = state
  const legs = indexLegs(sessions)
  const cache = new Map<string, readonly LineCall[]>()
  const numberOf = (id: string): string | null =>
    directory.extensions.get(id)?.extensionNumber ?? pget(presence, id)?.extensionNumber ?? null
  return {
    directory,
    ownerId: directory.ownerId ?? state.envelopeOwnerId,
    presence,
    sessions,
    hidden: state.hidden,
    legs,
    calls: (id) => {
      let calls = cache.get(id)
      if (calls === undefined) {
        calls = callsOf(id, pget(presence, id), sessions, legs, directory)
        cache.set(id, calls)
      }
      return calls
    },
    nameOf: (id) => directory.extensions.get(id)?.name ?? numberOf(id) ?? id,
    numberOf
  }
}

const CALL_STATUS: ReadonlyMap<string, LineStatus> = new Map([
  ['Ringing', 'ringing'],
  ['OnHold', 'on-hold'],
  ['ParkedCall', 'parked'],
  ['CallConnected', 'busy']
])

export function lineStatus(
  record: PresenceRecord | undefined,
  calls: readonly LineCall[]
): LineStatus {
  const has = (s: LineCall['state']): boolean => calls.some((c) => c.state === s)
  if (has('ringing')) return 'ringing'
  if (has('held')) return 'on-hold'
  if (has('parked')) return 'parked'
  if (calls.length > 0) return 'busy'
  if (record === undefined) return 'offline'
  const f = record.fields
  if (f.activeCalls === undefined) {
    const fromAggregate = CALL_STATUS.get(text(f.telephonyStatus) ?? '')
    if (fromAggregate !== undefined) return fromAggregate
  }
  if (f.dndStatus === 'DoNotAcceptAnyCalls' || f.dndStatusPersonal === 'DoNotAcceptAnyCalls') {
    return 'dnd'
  }
  const presence = f.presenceStatus ?? f.userStatus
  if (presence === 'Offline') return 'offline'
  if (presence === 'Busy' || f.userStatus === 'Busy') return 'busy'
  if (presence === 'Available') return 'available'
  return 'offline'
}

/** Monitored lines in their order, then favorites that are not monitored lines already. */
export function boardOrder(dir: Directory): string[] {
  const ids = [...dir.monitored]
  const monitored = new Set(ids)
  for (const id of dir.favorites) if (!monitored.has(id)) ids.push(id)
  return ids
}

const boardSets = new WeakMap<Directory, { monitored: Set<string>; favorites: Set<string> }>()

/** The directory's lists as sets, once per directory (a board may hold 1,000 lines). */
function setsOf(dir: Directory): { monitored: Set<string>; favorites: Set<string> } {
  let sets = boardSets.get(dir)
  if (sets === undefined) {
    sets = { monitored: new Set(dir.monitored), favorites: new Set(dir.favorites) }
    boardSets.set(dir, sets)
  }
  return sets
}

export const PARK_CALLS_UNKNOWN =
  'A park location has no call list over REST (presence Offline only): calls parked there while ' +
  'Ringside was disconnected show once the platform sends the next event for it.'

/**
 * What the platform does not let the board know, when no call says otherwise: a hidden colleague
 * (their mark, hidden.ts), and a park location whose last word was a call-blind REST read
 * (presence.ts `callsKept` leaves its telephony status unknown).
 */
function notKnown(
  ctx: ViewContext,
  id: string,
  record: PresenceRecord | undefined,
  calls: readonly LineCall[]
): { readonly status: LineStatus; readonly detail: string } | undefined {
  if (calls.length > 0) return undefined
  const mark = pget(ctx.hidden, id)
  if (mark !== undefined) return { status: 'hidden', detail: mark.reason }
  const parkLocation = ctx.directory.extensions.get(id)?.type === 'ParkLocation'
  if (parkLocation && record !== undefined && record.fields.telephonyStatus === undefined) {
    return { status: 'unknown', detail: PARK_CALLS_UNKNOWN }
  }
  return undefined
}

/** One tile of the board: the line at `position` of the board order. */
export function lineItem(ctx: ViewContext, id: string, position: number): LineItem {
  const sets = setsOf(ctx.directory)
  const record = pget(ctx.presence, id)
  const f = record?.fields
  const calls = ctx.calls(id)
  const unknown = notKnown(ctx, id, record, calls)
  return {
    id,
    position,
    name: ctx.nameOf(id),
    extensionNumber: ctx.numberOf(id),
    monitored: sets.monitored.has(id),
    favorite: sets.favorites.has(id),
    status: unknown?.status ?? lineStatus(record, calls),
    presenceStatus: text(f?.presenceStatus),
    userStatus: text(f?.userStatus),
    dndStatus: text(f?.dndStatus),
    telephonyStatus: text(f?.telephonyStatus),
    activeCalls: calls.length,
    hasPresence: record !== undefined,
    statusDetail: unknown?.detail ?? null
  }
}

function lines(ctx: ViewContext): LineItem[] {
  return boardOrder(ctx.directory).map((id, position) => lineItem(ctx, id, position))
}

export function callItem(ctx: ViewContext, c: LineCall): CallItem {
  const lineNumber = ctx.numberOf(c.extensionId)
  const caller = remoteOf(c.from, c.to, c.direction, lineNumber)
  return {
    id: `${c.extensionId}:${c.key}`,
    extensionId: c.extensionId,
    lineName: ctx.nameOf(c.extensionId),
    lineNumber,
    caller,
    from: c.from,
    to: c.to,
    direction: c.direction,
    queueCall: c.queueCall,
    queueName: c.queueName,
    startTime: c.startTime,
    stateSince: c.since,
    telephonySessionId: c.telephonySessionId,
    partyId: c.partyId,
    sessionId: c.sessionId,
    serverId: c.serverId,
    deviceId: c.deviceId,
    sip: c.sip,
    source: c.source
  }
}

/** Calls in one state on the monitored lines (never the agent's own extension). */
function monitoredCalls(ctx: ViewContext, state: LineCall['state']): CallItem[] {
  const out: CallItem[] = []
  for (const id of ctx.directory.monitored) {
    if (id === ctx.ownerId) continue
    for (const c of ctx.calls(id)) if (c.state === state) out.push(callItem(ctx, c))
  }
  return out
}

/**
 * `pickUpCallsOnHold` is read from the AGENT's (the owner's) presence: the event documents define
 * it as "If 'True' enables the extension user to pick up a monitored line on hold", i.e. a right of
 * the monitoring user, like its sibling `ringOnMonitoredCall` ("ring extension phone, if any user
 * monitored by this extension is ringing"). Until the owner's presence says true, no held call can
 * be picked up (it is still listed, `canPickUp: false`); the directory's `permissions.held` can
 * only take the right away, not grant it.
 */
export function mayPickUpHeld(ctx: ViewContext): boolean {
  if (ctx.ownerId === null || !ctx.directory.permissions.held) return false
  return pget(ctx.presence, ctx.ownerId)?.fields.pickUpCallsOnHold === true
}

function myCalls(ctx: ViewContext): MyCallItem[] {
  if (ctx.ownerId === null) return []
  return ctx
    .calls(ctx.ownerId)
    .map((c) => ({ ...callItem(ctx, c), state: c.state, statusText: c.statusText }))
}

function derive(state: CoreState): StateSnapshot {
  const ctx = viewContext(state)
  const canRing = ctx.directory.permissions.ringing
  // Held calls are listed without the right too, with Pick up disabled, so none is hidden.
  const canHeld = mayPickUpHeld(ctx)
  return {
    lines: sortView('lines', lines(ctx)),
    ringingLines: sortView(
      'ringingLines',
      monitoredCalls(ctx, 'ringing').map((c) => ({ ...c, canPickUp: canRing }))
    ),
    heldCalls: sortView(
      'heldCalls',
      monitoredCalls(ctx, 'held').map((c) => ({ ...c, canPickUp: canHeld }))
    ),
    parkedCalls: sortView('parkedCalls', parkedCalls(ctx)),
    myCalls: sortView('myCalls', myCalls(ctx)),
    accountSessions: accountSessions(state.sessions, state.directory)
  }
}

/** Keeps the previous array when nothing in it changed, so consumers can compare by identity. */
function stable<T>(prev: readonly T[], next: readonly T[]): readonly T[] {
  if (prev === next || prev.length !== next.length) return next
  return prev.every((item, i) => jsonEqual(item, next[i])) ? prev : next
}

let last: { key: readonly unknown[]; views: StateSnapshot } | undefined

/**
 * The views of `state`; recomputed only when a part of the state they read changed. Unchanged
 * views keep their previous array, so `diffViews` and the store skip them at once.
 */
export function deriveViews(state: CoreState): StateSnapshot {
  const key = [state.directory, state.presence, state.sessions, state.envelopeOwnerId]
  if (last !== undefined && last.key.every((k, i) => k === key[i])) return last.views
  const next = derive(state)
  const prev = last?.views
  const views: StateSnapshot =
    prev === undefined
      ? next
      : {
          lines: stable(prev.lines, next.lines),
          ringingLines: stable(prev.ringingLines, next.ringingLines),
          heldCalls: stable(prev.heldCalls, next.heldCalls),
          parkedCalls: stable(prev.parkedCalls, next.parkedCalls),
          myCalls: stable(prev.myCalls, next.myCalls),
          accountSessions: next.accountSessions
        }
  last = { key, views }
  return views
}
