/**
 * Telephony sessions: parties merged back into their session, ordered by the per-session `sequence`
 * at PARTY granularity. Account-level subscriptions deliver one party per notification, so party A's
 * sequence 5 may arrive after party B's sequence 6 and is still news for A; only an update of the
 * SAME party at or below what that party already has is stale (and even then it may fill fields the
 * newer update left out, see types.ts).
 */
import type { Party, TelephonySessionBody } from '../../../shared/events'
import { lwwFrom, maxOf, maxTime, mergeFields, minTime } from './lww'
import type { PartyFields, PartyRecord, SessionFields, SessionRecord } from './types'

export const PARTY_KEYS: readonly (keyof PartyFields)[] = [
  'accountId',
  'extensionId',
  'direction',
  'to',
  'from',
  'status',
  'missedCall',
  'standAlone',
  'muted',
  'queueCall',
  'conferenceRole',
  'ringOutRole',
  'ringMeRole',
  'recordings',
  'park',
  'sipData',
  'uiCallInfo'
]

const SESSION_KEYS: readonly (keyof SessionFields)[] = [
  'sessionId',
  'serverId',
  'origin',
  'accountId'
]

/** A party in one of these has left the call for good: a new leg would get a new party id. */
const TERMINAL = new Set(['Disconnected', 'Gone', 'VoiceMail'])

/** Unknown codes (`{ unknown }`) are not terminal: an unrecognised state is not proof of an end. */
export const isTerminalParty = (p: PartyRecord): boolean => {
  const code = p.fields.status?.code
  return typeof code === 'string' && TERMINAL.has(code)
}

/** Ended = at least one party and every party terminal. */
export const isEnded = (parties: ReadonlyMap<string, PartyRecord>): boolean => {
  if (parties.size === 0) return false
  for (const p of parties.values()) if (!isTerminalParty(p)) return false
  return true
}

const asFields = (p: Party): Partial<PartyFields> => p

function mergeParty(prev: PartyRecord | undefined, p: Party, seq: number, at: string): PartyRecord {
  if (prev === undefined)
    return { id: p.id, ...lwwFrom(asFields(p), PARTY_KEYS, seq), seq, since: at }
  const merged = mergeFields(prev, asFields(p), PARTY_KEYS, seq, null)
  const newer = prev.seq === null || seq > prev.seq
  if (merged === prev && !newer) return prev
  return {
    ...prev,
    ...merged,
    seq: maxOf(prev.seq, seq),
    since: newer ? at : prev.since
  }
}

export interface SessionMerge {
  readonly record: SessionRecord
  /** True when at least one party got an update newer than what it had. */
  readonly fresh: boolean
}

/** Merges one notification body into its session (or a new one). */
export function mergeSession(
  prev: SessionRecord | undefined,
  body: TelephonySessionBody,
  at: string
): SessionMerge {
  const seq = body.sequence
  const base: SessionRecord = prev ?? {
    id: body.telephonySessionId,
    fields: {},
    seqs: {},
    maxSeq: null,
    parties: new Map(),
    firstSeenAt: at,
    lastEventAt: at,
    ended: false
  }
  let parties: Map<string, PartyRecord> | undefined
  let fresh = false
  for (const p of body.parties) {
    const old = (parties ?? base.parties).get(p.id)
    if (old === undefined || old.seq === null || seq > old.seq) fresh = true
    const next = mergeParty(old, p, seq, at)
    if (next === old) continue
    parties ??= new Map(base.parties)
    parties.set(p.id, next)
  }
  const merged = mergeFields(base, body as Partial<SessionFields>, SESSION_KEYS, seq, null)
  const record: SessionRecord = {
    ...base,
    ...merged,
    maxSeq: maxOf(base.maxSeq, seq),
    parties: parties ?? base.parties,
    firstSeenAt: minTime(base.firstSeenAt, at),
    lastEventAt: maxTime(base.lastEventAt, at)
  }
  const unchanged =
    prev !== undefined &&
    parties === undefined &&
    merged.fields === base.fields &&
    record.maxSeq === base.maxSeq &&
    record.firstSeenAt === base.firstSeenAt &&
    record.lastEventAt === base.lastEventAt
  if (unchanged) return { record: prev, fresh }
  return { record: { ...record, ended: isEnded(record.parties) }, fresh }
}

const EVENT_ONLY_KEYS = ['sessionId', 'serverId', 'accountId'] as const

function eventOnlyFields(prev: SessionRecord | undefined): Partial<SessionFields> {
  const out: Partial<Record<(typeof EVENT_ONLY_KEYS)[number], string>> = {}
  for (const k of EVENT_ONLY_KEYS) {
    const v = prev?.fields[k]
    if (v !== undefined) out[k] = v
  }
  return out
}

function sameState(before: PartyRecord, p: Party): boolean {
  return before.fields.status?.code === p.status?.code
}

/**
 * A session from a REST readback. Parties take the readback's sequence as baseline, or, without
 * one, the highest sequence the party already had: events at or below that are older than the
 * readback for certain. A party we never saw gets no baseline, so its next event applies.
 */
export function sessionFromReadback(
  prev: SessionRecord | undefined,
  id: string,
  origin: SessionFields['origin'] | undefined,
  parties: readonly Party[],
  sequence: number | null,
  at: string
): SessionRecord {
  const map = new Map<string, PartyRecord>()
  for (const p of parties) {
    const before = prev?.parties.get(p.id)
    const baseline = sequence ?? before?.seq ?? null
    map.set(p.id, {
      id: p.id,
      ...lwwFrom(asFields(p), PARTY_KEYS, baseline),
      seq: baseline,
      // REST gives no time per state: a party still in the state the events put it in keeps when
      // that began (a held call's hold timer must not restart at every readback).
      since: before !== undefined && sameState(before, p) ? before.since : at
    })
  }
  // REST's CallSession has no legacy `sessionId`, `serverId` or `accountId`: what the events said
  // stays (an inbound pickup names the session by them).
  const fields: Partial<SessionFields> = {
    ...eventOnlyFields(prev),
    ...(origin === undefined ? {} : { origin })
  }
  const baseline = sequence ?? prev?.maxSeq ?? null
  return {
    id,
    ...lwwFrom(fields, SESSION_KEYS, baseline),
    maxSeq: baseline,
    parties: map,
    firstSeenAt: prev === undefined ? at : minTime(prev.firstSeenAt, at),
    lastEventAt: at,
    ended: isEnded(map)
  }
}
