/**
 * Parked calls, from both feeds, one item per telephony session:
 * - telephony: a live party with status `Parked` (its `parkData` is the orbit, `*8xx`; empty for a
 *   park location). The party's extension parked it, or is the park location it sits in;
 * - presence: an active call with `ParkedCall` on an extension's presence (a park location's, or
 *   the parker's), vetoed like every presence call when telephony says it ended (calls.ts).
 * Telephony wins where both know the call (it has the party id the REST pickup needs); presence
 * fills what telephony lacks (the park location). A pickup ends the Parked party as `Gone` with a
 * `peerId`, or `Disconnected`: either is terminal, so the item disappears.
 */
import { remoteOf, type LineCall } from './calls'
import type { Leg } from './legs'
import { pforEach, pget } from './pmap'
import type { PartyRecord, SessionRecord } from './types'
import type { ParkedCallItem } from '../../../shared/state/view-types'
import type { ViewContext } from './views'

const PARK_LOCATION = 'ParkLocation'

function who(
  ctx: ViewContext,
  extensionId: string | undefined
): Pick<ParkedCallItem, 'parkedBy' | 'location'> {
  if (extensionId === undefined) return { parkedBy: null, location: null }
  const ref = { extensionId, name: ctx.nameOf(extensionId) }
  const isLocation = ctx.directory.extensions.get(extensionId)?.type === PARK_LOCATION
  return isLocation ? { parkedBy: null, location: ref } : { parkedBy: ref, location: null }
}

function fromParty(ctx: ViewContext, s: SessionRecord, p: PartyRecord): ParkedCallItem {
  const f = p.fields
  const ext = f.extensionId
  const from = { name: f.from?.name ?? null, number: f.from?.phoneNumber ?? null }
  const to = { name: f.to?.name ?? null, number: f.to?.phoneNumber ?? null }
  const parkData = f.status?.parkData
  const orbit = parkData !== undefined && parkData !== '' ? parkData : (f.park?.id ?? null)
  return {
    id: s.id,
    telephonySessionId: s.id,
    partyId: p.id,
    orbit,
    ...who(ctx, ext),
    caller: remoteOf(
      from,
      to,
      f.direction === 'Outbound' ? 'Outbound' : 'Inbound',
      ext === undefined ? null : ctx.numberOf(ext)
    ),
    since: p.since,
    canPickUp: ctx.directory.permissions.parked,
    source: 'telephony'
  }
}

function fromPresence(ctx: ViewContext, c: LineCall): ParkedCallItem {
  const placed = who(ctx, c.extensionId)
  return {
    id: c.telephonySessionId ?? `${c.extensionId}:${c.key}`,
    telephonySessionId: c.telephonySessionId ?? c.key,
    partyId: c.partyId,
    orbit: placed.location === null ? null : ctx.numberOf(c.extensionId),
    ...placed,
    caller: remoteOf(c.from, c.to, c.direction, ctx.numberOf(c.extensionId)),
    // Presence says when the call started, not when it was parked: the best it offers.
    since: c.since ?? c.startTime,
    canPickUp: ctx.directory.permissions.parked,
    source: 'presence'
  }
}

export const rank = (item: ParkedCallItem): number => (item.location === null ? 1 : 0)

export function parkedCalls(ctx: ViewContext): ParkedCallItem[] {
  const seen: Array<{ ext: string; item: ParkedCallItem }> = []
  pforEach(ctx.presence, (record) => {
    if (record.fields.activeCalls === undefined) return
    for (const c of ctx.calls(record.extensionId)) {
      if (c.state === 'parked') seen.push({ ext: c.extensionId, item: fromPresence(ctx, c) })
    }
  })
  // Several presences may show one parked call: the park location's wins, then the lowest id, so
  // the result does not depend on the order the records were stored in.
  seen.sort((a, b) => rank(a.item) - rank(b.item) || (a.ext < b.ext ? -1 : a.ext > b.ext ? 1 : 0))
  const byId = new Map<string, ParkedCallItem>()
  for (const { item } of seen) if (!byId.has(item.id)) byId.set(item.id, item)
  // One parked party per session: the lowest party id, whatever order the index lists them in.
  const parties = new Map<string, Leg>()
  for (const legs of ctx.legs.parked.values()) {
    for (const leg of legs) {
      const seen = parties.get(leg.session.id)
      if (seen === undefined || leg.party.id < seen.party.id) parties.set(leg.session.id, leg)
    }
  }
  for (const { session, party } of parties.values()) {
    const t = fromParty(ctx, session, party)
    const p = byId.get(session.id)
    byId.set(
      session.id,
      p === undefined
        ? t
        : {
            ...t,
            orbit: t.orbit ?? p.orbit,
            parkedBy: t.parkedBy ?? p.parkedBy,
            location: t.location ?? p.location
          }
    )
  }
  return [...byId.values()]
}

/** A presence's parked call with the extension whose presence shows it. */
export interface ParkedCandidate {
  readonly ext: string
  readonly item: ParkedCallItem
}

/** What one extension's presence says is parked (nothing without a call list). */
export function presenceParked(ctx: ViewContext, extensionId: string): ParkedCandidate[] {
  if (pget(ctx.presence, extensionId)?.fields.activeCalls === undefined) return []
  const out: ParkedCandidate[] = []
  for (const c of ctx.calls(extensionId)) {
    if (c.state === 'parked') out.push({ ext: extensionId, item: fromPresence(ctx, c) })
  }
  return out
}

/**
 * The parked item with id `id`, from the presences that show it and the session's Parked legs,
 * by the same precedence as `parkedCalls`: the park location's presence, then the lowest extension
 * id; telephony over presence, presence filling what telephony lacks.
 */
export function parkedItem(
  ctx: ViewContext,
  id: string,
  candidates: readonly ParkedCandidate[]
): ParkedCallItem | undefined {
  let p: ParkedCandidate | undefined
  for (const c of candidates) {
    const better =
      p === undefined ||
      rank(c.item) - rank(p.item) < 0 ||
      (rank(c.item) === rank(p.item) && c.ext < p.ext)
    if (better) p = c
  }
  let leg: Leg | undefined
  for (const l of ctx.legs.parked.get(id) ?? []) {
    if (leg === undefined || l.party.id < leg.party.id) leg = l
  }
  if (leg === undefined) return p?.item
  const t = fromParty(ctx, leg.session, leg.party)
  if (p === undefined) return t
  return {
    ...t,
    orbit: t.orbit ?? p.item.orbit,
    parkedBy: t.parkedBy ?? p.item.parkedBy,
    location: t.location ?? p.item.location
  }
}
