/**
 * The live legs (non-terminal parties of live sessions) by extension, and the Parked legs by
 * session: what the views look up for every line. Building it walks every party of every session,
 * so it is kept between derivations and updated from the sessions that changed (`pdiff` compares
 * two versions of the table by shared structure): a telephony event costs one session's legs,
 * a presence event nothing.
 */
import { pdiff, pforEach, type PMap } from './pmap'
import { isTerminalParty } from './sessions'
import type { PartyRecord, SessionRecord } from './types'

export interface Leg {
  readonly session: SessionRecord
  readonly party: PartyRecord
}

export interface LegIndex {
  /** extension id → session id → that session's live legs on the extension. */
  readonly byExtension: ReadonlyMap<string, ReadonlyMap<string, readonly Leg[]>>
  /** session id → its live Parked legs. */
  readonly parked: ReadonlyMap<string, readonly Leg[]>
}

type Index = { byExtension: Map<string, Map<string, Leg[]>>; parked: Map<string, Leg[]> }

function add(
  index: Index,
  session: SessionRecord,
  inner: (ext: string) => Map<string, Leg[]>
): void {
  if (session.ended) return
  for (const party of session.parties.values()) {
    if (isTerminalParty(party)) continue
    const leg = { session, party }
    if (party.fields.status?.code === 'Parked') {
      index.parked.set(session.id, [...(index.parked.get(session.id) ?? []), leg])
    }
    const ext = party.fields.extensionId
    if (ext === undefined) continue
    const bySession = inner(ext)
    bySession.set(session.id, [...(bySession.get(session.id) ?? []), leg])
  }
}

function build(sessions: PMap<SessionRecord>): Index {
  const index: Index = { byExtension: new Map(), parked: new Map() }
  const inner = (ext: string): Map<string, Leg[]> => {
    let m = index.byExtension.get(ext)
    if (m === undefined) index.byExtension.set(ext, (m = new Map()))
    return m
  }
  pforEach(sessions, (s) => add(index, s, inner))
  return index
}

/**
 * Updates `index` (built for `from`) in place to describe `to`. In place, because copying the
 * outer maps costs what the account has (hundreds of extensions and parked calls) on every event;
 * only the one index kept below is ever updated, and no view holds it past its derivation.
 */
function update(index: Index, from: PMap<SessionRecord>, to: PMap<SessionRecord>): Index {
  const touched = new Set<string>()
  const inner = (ext: string): Map<string, Leg[]> => {
    touched.add(ext)
    let m = index.byExtension.get(ext)
    if (m === undefined) index.byExtension.set(ext, (m = new Map()))
    return m
  }
  pdiff(from, to, (id, before, after) => {
    index.parked.delete(id)
    for (const p of before?.parties.values() ?? []) {
      const ext = p.fields.extensionId
      if (ext !== undefined && index.byExtension.has(ext)) inner(ext).delete(id)
    }
    if (after !== undefined) add(index, after, inner)
  })
  for (const ext of touched)
    if (index.byExtension.get(ext)?.size === 0) index.byExtension.delete(ext)
  return index
}

let last: { sessions: PMap<SessionRecord>; index: Index } | undefined

export function indexLegs(sessions: PMap<SessionRecord>): LegIndex {
  if (last?.sessions === sessions) return last.index
  const index = last === undefined ? build(sessions) : update(last.index, last.sessions, sessions)
  last = { sessions, index }
  return index
}

export function legsOn(index: LegIndex, extensionId: string): Leg[] {
  return [...(index.byExtension.get(extensionId)?.values() ?? [])].flat()
}
