/**
 * The live legs (non-terminal parties of live sessions) by extension, and the Parked legs by
 * session: what the views look up for every line. Building it walks every party of every session,
 * so it is kept between derivations and updated from the sessions that changed (`pdiff` compares
 * two versions of the table by shared structure): a telephony event costs one session's legs,
 * a presence event nothing.
 */
import { pdiff, pforEach, type PMap } from './pmap'
import { isTerminalParty } from './sessions'
import { byText } from '../../../shared/state/patches'
import { firstNotBefore } from '../../../shared/state/sorted'
import type { PartyRecord, SessionRecord } from './types'

export interface Leg {
  readonly session: SessionRecord
  readonly party: PartyRecord
}

export interface LegIndex {
  /** extension id → session id → that session's live legs on the extension. */
  readonly byExtension: ReadonlyMap<string, ReadonlyMap<string, readonly Leg[]>>
  /**
   * extension id → its live legs sorted by session id, then party id: the order of a line's calls
   * (calls.ts). Kept sorted as sessions change, so a line with many calls is not sorted again on
   * every event of one of them.
   */
  readonly sorted: ReadonlyMap<string, readonly Leg[]>
  /** session id → its live Parked legs. */
  readonly parked: ReadonlyMap<string, readonly Leg[]>
}

type Index = {
  byExtension: Map<string, Map<string, Leg[]>>
  sorted: Map<string, Leg[]>
  parked: Map<string, Leg[]>
}

const legOrder = (a: Leg, b: Leg): number =>
  byText(a.session.id, b.session.id) || byText(a.party.id, b.party.id)

/** The first position in `legs` (sorted) whose leg does not sort before `session`, `party`. */
const lowerBound = (legs: readonly Leg[], session: string, party: string): number =>
  firstNotBefore(legs, (m) => (byText(m.session.id, session) || byText(m.party.id, party)) < 0)

function insertSorted(index: Index, ext: string, leg: Leg): void {
  let legs = index.sorted.get(ext)
  if (legs === undefined) index.sorted.set(ext, (legs = []))
  legs.splice(lowerBound(legs, leg.session.id, leg.party.id), 0, leg)
}

function removeSorted(index: Index, ext: string, session: string): void {
  const legs = index.sorted.get(ext)
  if (legs === undefined) return
  // '' sorts before every party id, so this is the session's first leg on the line.
  const from = lowerBound(legs, session, '')
  let to = from
  while (to < legs.length && legs[to]!.session.id === session) to++
  if (to > from) legs.splice(from, to - from)
  if (legs.length === 0) index.sorted.delete(ext)
}

/** With `sorted`, each leg also goes into its line's sorted list (a build sorts once at the end). */
function add(
  index: Index,
  session: SessionRecord,
  inner: (ext: string) => Map<string, Leg[]>,
  sorted: boolean
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
    if (sorted) insertSorted(index, ext, leg)
  }
}

function build(sessions: PMap<SessionRecord>): Index {
  const index: Index = { byExtension: new Map(), sorted: new Map(), parked: new Map() }
  const inner = (ext: string): Map<string, Leg[]> => {
    let m = index.byExtension.get(ext)
    if (m === undefined) index.byExtension.set(ext, (m = new Map()))
    return m
  }
  pforEach(sessions, (s) => add(index, s, inner, false))
  for (const [ext, bySession] of index.byExtension) {
    index.sorted.set(ext, [...bySession.values()].flat().sort(legOrder))
  }
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
      if (ext === undefined || !index.byExtension.has(ext)) continue
      // Two parties of one session on one line: the second finds the first already gone.
      if (inner(ext).delete(id)) removeSorted(index, ext, id)
    }
    if (after !== undefined) add(index, after, inner, true)
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

/**
 * The live legs on `extensionId`, sorted by session id, then party id (`legOrder`). The array is
 * the index's own, changed in place by its next update: read it at once, never keep it.
 */
export function legsOn(index: LegIndex, extensionId: string): readonly Leg[] {
  return index.sorted.get(extensionId) ?? []
}
