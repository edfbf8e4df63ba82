/**
 * What a supervisor means by a call's direction and by "missed", worked out for the whole session
 * from the account's point of view, and each party's own role. The platform's filters
 * (docs/platform.md#telephony-session-filters) match one party at a time, and every inbound call
 * has an Outbound caller leg next to its Inbound agent legs, so a per-party match makes Inbound
 * and Outbound select the same calls. The subscription keeps the platform's per-party filters;
 * these facts are for the table (docs/platform.md#session-direction-and-missed).
 */
import type { PartyRole, SessionDirection } from '../../../shared/state/view-types'
import { text } from './calls'
import type { Directory, PartyRecord } from './types'

const inside = (end: { extensionId?: string } | undefined): boolean =>
  end?.extensionId !== undefined

/**
 * Inbound: someone outside the account called in (a party's `from` has no extension). Outbound:
 * an extension called out (a `to` has none). Internal: every end is an extension. `null` when no
 * party says who is at either end.
 */
export function sessionDirection(parties: Iterable<PartyRecord>): SessionDirection | null {
  let known = false
  let outbound = false
  for (const p of parties) {
    const { from, to } = p.fields
    if (from === undefined && to === undefined) continue
    known = true
    if (from !== undefined && !inside(from)) return 'Inbound'
    if (to !== undefined && !inside(to)) outbound = true
  }
  if (!known) return null
  return outbound ? 'Outbound' : 'Internal'
}

/** A party of the account is on the call, holding or parking it: someone took it. */
const TAKEN = new Set(['Answered', 'Hold', 'Parked'])

/**
 * Missed by the account: a leg reports `missedCall` and nobody in the account has the call (the
 * caller's own leg to voicemail is outside the account and does not count as taking it).
 */
export function sessionMissed(parties: Iterable<PartyRecord>): boolean {
  let missed = false
  for (const p of parties) {
    const f = p.fields
    if (f.missedCall === true) missed = true
    if (inside(f) && TAKEN.has(text(f.status?.code) ?? '')) return false
  }
  return missed
}

/** The party's own place in the call, from its extension's type or, outside, its direction. */
export function partyRole(directory: Directory, p: PartyRecord): PartyRole {
  const ext = p.fields.extensionId
  if (ext === undefined) return text(p.fields.direction) === 'Outbound' ? 'Caller' : 'Outside'
  const type = directory.extensions.get(ext)?.type
  if (type === 'Department') return 'Queue'
  if (type === 'ParkLocation') return 'Park'
  if (type === 'User') return 'Agent'
  return p.fields.queueCall === true ? 'Agent' : 'Extension'
}

/**
 * Who this party is: the callee's end of an inbound leg, the caller's end of an outbound one.
 * Every leg of a call carries the same from → to, so this is what tells the rows apart.
 */
export function ownEnd(p: PartyRecord): { name?: string; phoneNumber?: string } | undefined {
  return text(p.fields.direction) === 'Outbound' ? p.fields.from : p.fields.to
}
