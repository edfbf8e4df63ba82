/**
 * Notification bodies, typed by the shared codecs' wire types (wire.ts). Rendering is memoised per
 * change and detail level, so a change fanned out to many subscriptions is rendered once.
 */
import type { Engine } from './engine'
import type { Change, Party, PartyEnd, PresenceCall, PresenceSnapshot, SessionHead } from './model'
import { NO_VARIETY, type Variety } from './variety'
import type {
  WireActiveCallSip,
  WireDetailedPresenceSip,
  WireLineList,
  WireParty,
  WirePartyInfo,
  WirePresence,
  WireTelephonyBody
} from './wire'

export type PresenceDetail = 'plain' | 'detailed' | 'detailed-sip'

/** Detailed presence reports "the latest 7 active calls" (docs/platform.md#active-calls). */
export const MAX_ACTIVE_CALLS = 7

export const iso = (ms: number): string => new Date(ms).toISOString()

function presenceFields(s: PresenceSnapshot): WirePresence {
  return {
    extensionId: s.extensionId,
    // "Returned if telephony status is changed" (docs/platform.md#presence-bodies).
    ...(s.telephonyChanged ? { telephonyStatus: s.telephonyStatus } : {}),
    sequence: s.sequence,
    presenceStatus: s.presenceStatus,
    userStatus: s.userStatus,
    dndStatus: s.dndStatus,
    meetingStatus: s.meetingStatus,
    allowSeeMyPresence: s.allowSeeMyPresence,
    ringOnMonitoredCall: s.ringOnMonitoredCall,
    pickUpCallsOnHold: s.pickUpCallsOnHold,
    acceptCallQueueCalls: s.acceptCallQueueCalls,
    ...(s.message === undefined ? {} : { message: s.message })
  }
}

/**
 * Real ids: the session id while ringing, the SIP Call-ID once connected; an outbound ringing
 * call sometimes already shows its Call-ID (docs/platform.md#presence-sip-data).
 */
function activeCallId(c: PresenceCall, variety: Variety): string {
  const p = c.party
  if (c.telephonyStatus !== 'Ringing') return p.dialog.callId
  const early = c.direction === 'Outbound' && variety.applies('outboundRingingCallId', p.id)
  return early ? p.dialog.callId : p.telephonySessionId
}

function activeCall(
  engine: Engine,
  c: PresenceCall,
  sip: boolean,
  variety: Variety
): WireActiveCallSip {
  const p = c.party
  const legacy = engine.session(p.telephonySessionId)?.sessionId
  return {
    id: activeCallId(c, variety),
    direction: c.direction,
    queueCall: p.queueCall,
    from: c.from,
    ...(c.fromName === undefined ? {} : { fromName: c.fromName }),
    to: c.to,
    ...(c.toName === undefined ? {} : { toName: c.toName }),
    startTime: iso(p.startTime),
    telephonyStatus: c.telephonyStatus,
    ...(c.ended ? { terminationType: 'final' as const } : {}),
    ...(legacy === undefined ? {} : { sessionId: legacy }),
    telephonySessionId: p.telephonySessionId,
    partyId: p.id,
    ...(sip ? { sipData: sipDataOf(c, variety) } : {})
  }
}

/**
 * A ringing call shows the BLF placeholder instead of its dialog's tags: `toTag: "blf"`, `fromTag`
 * = the party id (docs/platform.md#presence-sip-data); a pickup is built from those values
 * (docs/platform.md#replaces-orientation).
 */
function sipDataOf(c: PresenceCall, variety: Variety): WireActiveCallSip['sipData'] {
  const { dialog, id } = c.party
  const ringing = c.telephonyStatus === 'Ringing'
  // Real URIs are often the placeholder `"-"` (docs/platform.md#presence-sip-data).
  const placeholder = variety.applies('placeholderUris', id)
  return {
    toTag: ringing ? 'blf' : dialog.toTag,
    fromTag: ringing ? id : dialog.fromTag,
    remoteUri: placeholder ? '-' : dialog.remoteUri,
    localUri: placeholder ? '-' : dialog.localUri
  }
}

export function presenceBody(
  engine: Engine,
  s: PresenceSnapshot,
  detail: PresenceDetail,
  variety: Variety = NO_VARIETY
): WirePresence | WireDetailedPresenceSip {
  const base = presenceFields(s)
  if (detail === 'plain' || !s.telephonyChanged) return base
  const sip = detail === 'detailed-sip'
  const calls = [...s.calls, ...s.endedCalls]
    .sort((a, b) => b.party.startTime - a.party.startTime)
    .slice(0, MAX_ACTIVE_CALLS)
  // The platform counts the ended entries it lists too (docs/platform.md#active-calls).
  const countEnded = variety.applies('countEndedCalls', `${s.extensionId}:${s.sequence}`)
  return {
    ...base,
    totalActiveCalls: s.calls.length + (countEnded ? s.endedCalls.length : 0),
    activeCalls: calls.map((c) => activeCall(engine, c, sip, variety))
  }
}

function partyInfo(end: PartyEnd): WirePartyInfo {
  return { ...end }
}

/** The fields of `PARTY_FIELDS` (src/shared/events/telephony.ts), plus `id` and `status`. */
export type WirePartyCommon = Pick<
  WireParty,
  | 'accountId'
  | 'extensionId'
  | 'id'
  | 'direction'
  | 'to'
  | 'from'
  | 'status'
  | 'park'
  | 'missedCall'
  | 'standAlone'
  | 'muted'
  | 'recordings'
>

/**
 * A party as both a telephony event and a call-control REST answer (`CallParty`) show it; each adds
 * its own fields.
 */
export function partyCommon(accountId: string, p: Party): WirePartyCommon {
  const { code, reason, parkData, peerId } = p.status
  return {
    accountId,
    ...(p.extensionId === undefined ? {} : { extensionId: p.extensionId }),
    id: p.id,
    direction: p.direction,
    to: partyInfo(p.to),
    from: partyInfo(p.from),
    status: {
      code,
      ...(reason === undefined ? {} : { reason }),
      ...(parkData === undefined ? {} : { parkData }),
      ...(peerId === undefined ? {} : { peerId: { ...peerId } }),
      // "present `false` on nearly every real event" (docs/platform.md#real-payloads).
      rcc: false
    },
    // Real events carry `park: {}` unless parked (docs/platform.md#real-payloads).
    park: p.parkId === undefined ? {} : { id: p.parkId },
    missedCall: p.missedCall,
    standAlone: p.standAlone ?? false,
    muted: p.muted ?? false,
    ...(p.recordings.length === 0 ? {} : { recordings: p.recordings.map((r) => ({ ...r })) })
  }
}

/**
 * No `uiCallInfo`: no public real payload carries it, so the app must find the queue from the
 * queue's own party (docs/platform.md#queue-calls).
 */
export function partyBody(
  accountId: string,
  p: Party,
  sip: boolean,
  variety: Variety = NO_VARIETY
): WireParty {
  const common = partyCommon(accountId, p)
  return {
    ...common,
    ...(withPickupData(p, variety) ? { status: { ...common.status, ...mobilePickup(p) } } : {}),
    ...(p.queueCall ? { queueCall: true } : {}),
    ...(sip
      ? { sipData: { callId: p.dialog.callId, toTag: p.dialog.toTag, fromTag: p.dialog.fromTag } }
      : {})
  }
}

/**
 * "Set when the user answers through the desktop or mobile app" (docs/platform.md#status-codes-and-reasons):
 * an answered agent leg, now and then.
 */
const withPickupData = (p: Party, variety: Variety): boolean =>
  p.role === 'agent' &&
  p.extensionId !== undefined &&
  p.status.code === 'Answered' &&
  variety.applies('mobilePickupData', p.id)

function mobilePickup(p: Party): Pick<WireParty['status'], 'mobilePickupData'> {
  const remote = p.direction === 'Inbound' ? p.from : p.to
  return {
    mobilePickupData: {
      ccMailboxes: p.extensionId === undefined ? [] : [p.extensionId],
      to: remote.phoneNumber ?? '',
      sid: p.telephonySessionId.replace(/\D/g, '').slice(0, 12) || '0',
      srvLvl: '-149699523',
      srvLvlExt: '820'
    }
  }
}

export function telephonyBody(
  accountId: string,
  head: SessionHead,
  at: number,
  parties: ReadonlyArray<Party>,
  sip: boolean,
  variety: Variety = NO_VARIETY
): WireTelephonyBody {
  const ext = parties.length === 1 ? parties[0]!.extensionId : undefined
  return {
    sequence: head.sequence,
    sessionId: head.sessionId,
    telephonySessionId: head.telephonySessionId,
    serverId: head.serverId,
    eventTime: iso(at),
    origin: { type: 'Call' },
    accountId,
    ...(ext === undefined ? {} : { extensionId: ext }),
    parties: parties.map((p) => partyBody(accountId, p, sip, variety))
  }
}

/**
 * The list-change event names the extensions of every line, the user's own first
 * (docs/platform.md#line-records), so a client must leave its own extension off the board.
 */
export function lineListBody(change: Extract<Change, { kind: 'line-list' }>): WireLineList {
  return {
    extension: [change.extensionId, ...change.lines].map((id) => ({ id })),
    sequence: change.sequence
  }
}

/** Per-change memo: one render per (change, variant) however many subscribers there are. */
export class RenderCache {
  private readonly cache = new WeakMap<Change, Map<string, unknown>>()

  get<T>(change: Change, key: string, render: () => T): T {
    let byKey = this.cache.get(change)
    if (byKey === undefined) {
      byKey = new Map()
      this.cache.set(change, byKey)
    }
    if (!byKey.has(key)) byKey.set(key, render())
    return byKey.get(key) as T
  }
}
