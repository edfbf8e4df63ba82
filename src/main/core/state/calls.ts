/**
 * The calls on one extension, from the two feeds Ringside has:
 *
 * - detailed presence (`activeCalls`) is AUTHORITATIVE for a line whose presence carries a call
 *   list: it is the BLF feed, and it carries the SIP tags a pickup needs;
 * - telephony sessions ENRICH those calls (queue name, SIP Call-ID) and VETO them: a party that is
 *   Disconnected/Gone/VoiceMail, or a session that ended, never comes back, so a presence entry for
 *   it is only late news (a queue call answered elsewhere stops ringing on the other lines at once);
 * - when an extension's presence has no call list (no detailed subscription), its telephony
 *   parties are the call list instead;
 * - a call list is only "the latest 7 active calls" (docs/platform.md#active-calls): when it is
 *   full, or `totalActiveCalls` counts more than it lists, the line's live telephony legs that it
 *   does not mention are its calls too. A line that rings with an eighth call still rings with the
 *   first: without this, a busy queue line's older ringing calls vanished from the board while
 *   they still rang (npm run bench:ui lost them at 500 calls/s).
 */
import { enumText, type EnumValue } from '../../../shared/events'
import { legsOn, type Leg, type LegIndex } from './legs'
import { byText } from '../../../shared/state/patches'
import { mergeSorted } from '../../../shared/state/sorted'
import { pget, type PMap } from './pmap'
import { queueNameOfCall } from './queue'
import { isTerminalParty } from './sessions'
import type { Directory, PartyRecord, PresenceRecord, SessionRecord } from './types'
import type { CallState, Person, SipTags } from '../../../shared/state/view-types'

type ActiveCall = NonNullable<PresenceRecord['fields']['activeCalls']>[number]

export interface LineCall {
  readonly key: string
  readonly extensionId: string
  readonly state: CallState
  readonly statusText: string | null
  readonly direction: string | null
  readonly from: Person
  readonly to: Person
  readonly queueCall: boolean
  readonly queueName: string | null
  readonly startTime: string | null
  /** When the telephony party got its current state; null for presence-only calls. */
  readonly since: string | null
  readonly telephonySessionId: string | null
  readonly partyId: string | null
  readonly sessionId: string | null
  /** The platform's `serverId` of the session: an `inbound-pickup` INVITE names it. */
  readonly serverId: string | null
  /** The line's own device on the call (its end's `deviceId`), when telephony events say. */
  readonly deviceId: string | null
  readonly sip: SipTags | null
  readonly source: 'presence' | 'telephony'
}

export const text = (v: EnumValue<string> | undefined): string | null =>
  v === undefined ? null : enumText(v)

/** The other side of the call, seen from the line: by number first, by direction otherwise. */
export function remoteOf(
  from: Person,
  to: Person,
  direction: string | null,
  lineNumber: string | null
): Person {
  if (lineNumber !== null && to.number === lineNumber) return from
  if (lineNumber !== null && from.number === lineNumber) return to
  return direction === 'Outbound' ? to : from
}

/** A Map, not an object literal: an unknown wire value such as `constructor` must not hit Object.prototype. */
const PRESENCE_STATE: ReadonlyMap<string, CallState | null> = new Map([
  ['Ringing', 'ringing'],
  ['CallConnected', 'connected'],
  ['OnHold', 'held'],
  ['ParkedCall', 'parked'],
  ['NoCall', null]
])

/** Party code → call state; terminal codes never reach here. Unknown codes are `other`. */
function partyState(party: PartyRecord): CallState {
  const code = party.fields.status?.code
  const inbound = party.fields.direction === 'Inbound'
  switch (code) {
    case 'Proceeding':
      return inbound ? 'ringing' : 'other'
    case 'Answered':
      return 'connected'
    case 'Hold':
      return 'held'
    case 'Parked':
      return 'parked'
    default:
      return 'other'
  }
}

/** The telephony party behind a presence call: by party id, else by extension in the session. */
function legOf(
  sessions: PMap<SessionRecord>,
  ac: ActiveCall,
  extensionId: string
): { session?: SessionRecord; party?: PartyRecord } {
  const session =
    ac.telephonySessionId === undefined ? undefined : pget(sessions, ac.telephonySessionId)
  if (session === undefined) return {}
  const byId = ac.partyId === undefined ? undefined : session.parties.get(ac.partyId)
  if (byId !== undefined) return { session, party: byId }
  for (const p of session.parties.values()) {
    if (p.fields.extensionId === extensionId) return { session, party: p }
  }
  return { session }
}

/**
 * The line's own end of a party: the end naming the party's extension, else by direction (an
 * inbound leg's `to` is the line). Its `deviceId` says which of the line's devices has the call.
 */
function deviceOf(pf: PartyRecord['fields'] | undefined): string | null {
  if (pf === undefined) return null
  const ext = pf.extensionId
  const end =
    ext !== undefined && pf.to?.extensionId === ext
      ? pf.to
      : ext !== undefined && pf.from?.extensionId === ext
        ? pf.from
        : pf.direction === 'Outbound'
          ? pf.from
          : pf.to
  return end?.deviceId ?? null
}

/** Copies only the tags: decoded objects keep unknown keys, which must not leak into views. */
const sipOf = (d: PartyRecord['fields']['sipData']): SipTags | null =>
  d === undefined ? null : { callId: d.callId, toTag: d.toTag, fromTag: d.fromTag }

const person = (name: string | undefined, num: string | undefined): Person => ({
  name: name ?? null,
  number: num ?? null
})

function fromPresence(
  ctx: LineContext,
  ac: ActiveCall,
  found: { session?: SessionRecord; party?: PartyRecord },
  state: CallState
): LineCall {
  const { extensionId } = ctx
  const { party } = found
  const pf = party?.fields
  const queueCall = ac.queueCall === true || pf?.queueCall === true
  const queueName = queueCall
    ? queueNameOfCall(ctx.directory, {
        session: found.session,
        party,
        presence: {
          ...(ac.callInfo === undefined ? {} : { callInfo: ac.callInfo }),
          ...(ac.toName === undefined ? {} : { toName: ac.toName })
        },
        ownName: ctx.directory.extensions.get(extensionId)?.name
      })
    : null
  const sip: SipTags | null =
    ac.sipData !== undefined
      ? {
          callId: ac.sipData.callId ?? pf?.sipData?.callId ?? null,
          toTag: ac.sipData.toTag,
          fromTag: ac.sipData.fromTag
        }
      : sipOf(pf?.sipData)
  return {
    key: ac.telephonySessionId ?? ac.id,
    extensionId,
    state,
    statusText: text(ac.telephonyStatus),
    direction: text(ac.direction ?? pf?.direction),
    from: person(ac.fromName ?? pf?.from?.name, ac.from ?? pf?.from?.phoneNumber),
    to: person(ac.toName ?? pf?.to?.name, ac.to ?? pf?.to?.phoneNumber),
    queueCall,
    queueName,
    startTime: ac.startTime ?? null,
    since: party?.since ?? null,
    telephonySessionId: ac.telephonySessionId ?? null,
    partyId: ac.partyId ?? party?.id ?? null,
    sessionId: ac.sessionId ?? found.session?.fields.sessionId ?? null,
    serverId: found.session?.fields.serverId ?? null,
    deviceId: deviceOf(pf),
    sip,
    source: 'presence'
  }
}

/**
 * `fromLeg` is pure in the line, the session, the party and the directory, all immutable records,
 * so its calls are kept per party: a line with many calls re-derives only the legs whose session
 * changed, and an unchanged leg keeps its object, which the incremental views compare by identity.
 */
const legCalls = new WeakMap<
  PartyRecord,
  { readonly session: SessionRecord; readonly ctx: LineContext; readonly call: LineCall }
>()

function fromLeg(ctx: LineContext, leg: Leg): LineCall {
  const kept = legCalls.get(leg.party)
  if (
    kept?.session === leg.session &&
    kept.ctx.directory === ctx.directory &&
    kept.ctx.extensionId === ctx.extensionId
  )
    return kept.call
  const call = deriveLeg(ctx, leg)
  legCalls.set(leg.party, { session: leg.session, ctx, call })
  return call
}

function deriveLeg(ctx: LineContext, { session, party }: Leg): LineCall {
  const { extensionId } = ctx
  const pf = party.fields
  const queueName =
    pf.queueCall === true
      ? queueNameOfCall(ctx.directory, { session, party, ownName: undefined })
      : null
  return {
    key: session.id,
    extensionId,
    state: partyState(party),
    statusText: text(pf.status?.code),
    direction: text(pf.direction),
    from: person(pf.from?.name, pf.from?.phoneNumber),
    to: person(pf.to?.name, pf.to?.phoneNumber),
    queueCall: pf.queueCall === true,
    queueName,
    startTime: session.firstSeenAt,
    since: party.since,
    telephonySessionId: session.id,
    partyId: party.id,
    sessionId: session.fields.sessionId ?? null,
    serverId: session.fields.serverId ?? null,
    deviceId: deviceOf(pf),
    sip: sipOf(pf.sipData),
    source: 'telephony'
  }
}

/** Detailed presence lists at most this many calls (docs/platform.md#active-calls). */
export const PRESENCE_CALL_LIMIT = 7

/** Whether a presence's call list may leave out live calls. */
function truncated(total: number | undefined, list: readonly ActiveCall[]): boolean {
  return list.length >= PRESENCE_CALL_LIMIT || (typeof total === 'number' && total > list.length)
}

/** The line whose calls are derived, and the directory that names queues and the line. */
interface LineContext {
  readonly extensionId: string
  readonly directory: Directory
}

/** The calls on `extensionId`, in a stable order (by call key, then party id), one per key. */
export function callsOf(
  extensionId: string,
  record: PresenceRecord | undefined,
  sessions: PMap<SessionRecord>,
  legs: LegIndex,
  directory: Directory
): LineCall[] {
  const ctx: LineContext = { extensionId, directory }
  const list = record?.fields.activeCalls
  const listed: LineCall[] = []
  for (const ac of list ?? []) {
    const known = PRESENCE_STATE.get(text(ac.telephonyStatus) ?? '')
    if (known === null) continue // NoCall: the entry reports an ended call
    const found = legOf(sessions, ac, extensionId)
    const { session, party } = found
    if (session?.ended === true || (party !== undefined && isTerminalParty(party))) continue
    listed.push(fromPresence(ctx, ac, found, known ?? 'other'))
  }
  const fromLegs: LineCall[] = []
  if (list === undefined || truncated(record?.fields.totalActiveCalls, list)) {
    const names = new Set(list?.map((ac) => ac.telephonySessionId))
    // Already in call order (legs.ts keeps them sorted): a busy line is not sorted per event.
    for (const leg of legsOn(legs, extensionId)) {
      if (!names.has(leg.session.id)) fromLegs.push(fromLeg(ctx, leg))
    }
  }
  // Sorted before deduplication, so which of two legs of one session on one extension is kept
  // does not depend on the order sessions were stored in. The listed calls (at most 7) come first
  // on a tie, as in one stable sort of both.
  listed.sort(callOrder)
  return dedupe(mergeSorted(listed, fromLegs, callOrder))
}

const callOrder = (a: LineCall, b: LineCall): number =>
  byText(a.key, b.key) || byText(a.partyId ?? '', b.partyId ?? '')

/** The first call of each key (the list is sorted). */
const dedupe = (calls: readonly LineCall[]): LineCall[] =>
  calls.filter((c, i) => i === 0 || calls[i - 1]!.key !== c.key)
