/**
 * Presence derived from the call legs (docs/platform.md#presence, CONTEXT.md "Presence"): which
 * calls an extension shows, its aggregated `telephonyStatus` and `presenceStatus`. A user's
 * presence shows its own live legs; a park location's presence shows every parked call (parked
 * calls show up as presence `telephonyStatus: ParkedCall` on the park-location extension,
 * docs/platform.md#status-semantics).
 */
import type { Cast } from './cast'
import type { Party, PartyEnd, PresenceCall, PresenceSnapshot } from './model'
import type { DndStatus, TelephonyStatus, UserStatus } from './wire'

/** What the user (or an admin) sets; everything else is derived. */
export interface PresenceSettings {
  readonly userStatus: UserStatus
  readonly dndStatus: DndStatus
  readonly message?: string
  readonly allowSeeMyPresence: boolean
  readonly ringOnMonitoredCall: boolean
  readonly pickUpCallsOnHold: boolean
  readonly acceptCallQueueCalls: boolean
}

export const DEFAULT_SETTINGS: PresenceSettings = {
  userStatus: 'Available',
  dndStatus: 'TakeAllCalls',
  allowSeeMyPresence: true,
  ringOnMonitoredCall: false,
  pickUpCallsOnHold: true,
  acceptCallQueueCalls: true
}

const CALL_STATUS: Partial<Record<Party['status']['code'], TelephonyStatus>> = {
  Setup: 'Ringing',
  Proceeding: 'Ringing',
  Answered: 'CallConnected',
  Hold: 'OnHold',
  Parked: 'ParkedCall'
}

/** Ringing wins over a connected call, which wins over held and parked ones. */
const RANK: Readonly<Record<TelephonyStatus, number>> = {
  Ringing: 4,
  CallConnected: 3,
  OnHold: 2,
  ParkedCall: 1,
  NoCall: 0
}

/** The far end of a leg: the caller for inbound legs, the callee for outbound ones. */
export const remoteEnd = (p: Pick<Party, 'direction' | 'from' | 'to'>): PartyEnd =>
  p.direction === 'Inbound' ? p.from : p.to

const label = (end: PartyEnd, cast: Cast): string =>
  end.phoneNumber ??
  (end.extensionId === undefined
    ? ''
    : (cast.findExtension(end.extensionId)?.extensionNumber ?? ''))

/**
 * The number a queue call was dialled to, as the agent's presence entry shows it: the queue's,
 * while the telephony leg's `to` is the agent (docs/platform.md#queue-calls).
 */
function dialled(p: Party, cast: Cast): Pick<PresenceCall, 'to' | 'toName'> | undefined {
  if (!p.queueCall || p.queueName === undefined || p.direction !== 'Inbound') return undefined
  return { to: label({ extensionId: cast.queue.id }, cast), toName: p.queueName }
}

/**
 * Parties and the cast are immutable (a change puts a new party), and a line's presence is made
 * again from every live leg on each change of one: kept per party, a line with many calls renders
 * only its changed leg.
 */
const userCalls = new WeakMap<
  Party,
  { readonly cast: Cast; readonly call: PresenceCall | undefined }
>()

/** An agent leg as its own extension's presence shows it; undefined when it shows nothing. */
export function userCall(p: Party, cast: Cast): PresenceCall | undefined {
  const kept = userCalls.get(p)
  if (kept?.cast === cast) return kept.call
  const call = deriveUserCall(p, cast)
  userCalls.set(p, { cast, call })
  return call
}

function deriveUserCall(p: Party, cast: Cast): PresenceCall | undefined {
  const status = p.role === 'agent' ? CALL_STATUS[p.status.code] : undefined
  if (status === undefined || status === 'ParkedCall') return undefined
  const queue = dialled(p, cast)
  return {
    party: p,
    telephonyStatus: status,
    direction: p.direction,
    from: label(p.from, cast),
    ...(p.from.name === undefined ? {} : { fromName: p.from.name }),
    to: label(p.to, cast),
    ...(p.to.name === undefined ? {} : { toName: p.to.name }),
    ...queue,
    ended: false
  }
}

/** A parked leg as the park location's presence shows it: from the caller, to the orbit. */
export function parkedCall(p: Party, cast: Cast): PresenceCall | undefined {
  if (p.status.code !== 'Parked') return undefined
  const remote = remoteEnd(p)
  return {
    party: p,
    telephonyStatus: 'ParkedCall',
    direction: 'Inbound',
    from: label(remote, cast),
    ...(remote.name === undefined ? {} : { fromName: remote.name }),
    to: p.status.parkData ?? cast.parkLocation.extensionNumber,
    toName: cast.parkLocation.name,
    ended: false
  }
}

export function aggregate(calls: ReadonlyArray<PresenceCall>): TelephonyStatus {
  let best: TelephonyStatus = 'NoCall'
  for (const c of calls) if (RANK[c.telephonyStatus] > RANK[best]) best = c.telephonyStatus
  return best
}

/**
 * `presenceStatus` is "aggregated from a number of sources" (docs/platform.md#presence-bodies):
 * user status, DND, calls.
 */
export function presenceStatusOf(s: PresenceSettings, telephony: TelephonyStatus): UserStatus {
  if (s.userStatus === 'Offline') return 'Offline'
  if (s.userStatus === 'Busy' || telephony !== 'NoCall' || s.dndStatus === 'DoNotAcceptAnyCalls') {
    return 'Busy'
  }
  return 'Available'
}

const byRecency = (a: PresenceCall, b: PresenceCall): number =>
  b.party.startTime - a.party.startTime || (a.party.id < b.party.id ? -1 : 1)

/**
 * The next snapshot, or undefined when nothing visible changed (no event, no sequence bump).
 * Calls that were live before and are not now are reported once as ended.
 */
export function nextSnapshot(
  previous: PresenceSnapshot,
  settings: PresenceSettings,
  live: ReadonlyArray<PresenceCall>
): PresenceSnapshot | undefined {
  const calls = live.slice().sort(byRecency)
  const liveIds = new Set(calls.map((c) => c.party.id))
  const endedCalls = previous.calls
    .filter((c) => !liveIds.has(c.party.id))
    .map((c): PresenceCall => ({ ...c, telephonyStatus: 'NoCall', ended: true }))
  const telephonyStatus = aggregate(calls)
  const sameCalls =
    endedCalls.length === 0 &&
    calls.length === previous.calls.length &&
    calls.every((c, i) => {
      const p = previous.calls[i]!
      return p.party.id === c.party.id && p.telephonyStatus === c.telephonyStatus
    })
  if (sameCalls && sameSettings(previous, settings)) return undefined
  return {
    ...snapshotSettings(previous.extensionId, settings, telephonyStatus),
    sequence: previous.sequence + 1,
    calls,
    endedCalls,
    telephonyChanged: !sameCalls
  }
}

export function initialSnapshot(
  extensionId: string,
  settings: PresenceSettings,
  sequence: number
): PresenceSnapshot {
  return {
    ...snapshotSettings(extensionId, settings, 'NoCall'),
    sequence,
    calls: [],
    endedCalls: [],
    telephonyChanged: true
  }
}

function snapshotSettings(
  extensionId: string,
  s: PresenceSettings,
  telephonyStatus: TelephonyStatus
): Omit<PresenceSnapshot, 'sequence' | 'calls' | 'endedCalls' | 'telephonyChanged'> {
  return {
    extensionId,
    presenceStatus: presenceStatusOf(s, telephonyStatus),
    userStatus: s.userStatus,
    dndStatus: s.dndStatus,
    telephonyStatus,
    meetingStatus: 'Disconnected',
    allowSeeMyPresence: s.allowSeeMyPresence,
    ringOnMonitoredCall: s.ringOnMonitoredCall,
    pickUpCallsOnHold: s.pickUpCallsOnHold,
    acceptCallQueueCalls: s.acceptCallQueueCalls,
    ...(s.message === undefined ? {} : { message: s.message })
  }
}

function sameSettings(p: PresenceSnapshot, s: PresenceSettings): boolean {
  return (
    p.userStatus === s.userStatus &&
    p.dndStatus === s.dndStatus &&
    p.message === s.message &&
    p.allowSeeMyPresence === s.allowSeeMyPresence &&
    p.ringOnMonitoredCall === s.ringOnMonitoredCall &&
    p.pickUpCallsOnHold === s.pickUpCallsOnHold &&
    p.acceptCallQueueCalls === s.acceptCallQueueCalls
  )
}
