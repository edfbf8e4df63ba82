/**
 * The supervisors' table: every live session with all its parties (terminal ones included, so a
 * supervisor sees who dropped out of a queue call). Ended sessions are hidden; they linger in the
 * state only to absorb late events (session-table.ts).
 *
 * A busy account has hundreds of live sessions and most events touch one of them, so items are
 * cached per session record (records are immutable: same record, same item) and the whole list is
 * reused while the session table and the directory are unchanged (presence events).
 */
import { text } from './calls'
import { queueNameOf, queuePartyOf, sessionQueueName } from './queue'
import { ownEnd, partyRole, sessionDirection, sessionMissed } from './session-facts'
import { sortView, VIEW_ORDER } from '../../../shared/state/patches'
import { pdiff, pforEach, type PMap } from './pmap'
import { mergeSorted } from '../../../shared/state/sorted'
import type { Directory, PartyRecord, SessionRecord } from './types'
import type { PartyItem, Person, SessionItem } from '../../../shared/state/view-types'

const personOf = (p: { name?: string; phoneNumber?: string } | undefined): Person => ({
  name: p?.name ?? null,
  number: p?.phoneNumber ?? null
})

/**
 * The queue column: the session's queue (its queue party, named by the directory) on the queue's
 * own leg and on every leg the queue delivered (docs/platform.md#queue-calls).
 */
function queueColumn(
  directory: Directory,
  s: SessionRecord,
  p: PartyRecord,
  queue: string | null
): string | null {
  const delivered = p.fields.queueCall === true || queuePartyOf(s, directory) === p
  if (!delivered) return null
  return queue ?? queueNameOf(p.fields.uiCallInfo)
}

function partyItem(
  directory: Directory,
  s: SessionRecord,
  p: PartyRecord,
  queue: string | null
): PartyItem {
  const f = p.fields
  const ext = f.extensionId ?? null
  return {
    id: p.id,
    role: partyRole(directory, p),
    self: personOf(ownEnd(p)),
    extensionId: ext,
    // From the directory only, so the item depends on nothing but the record and the directory.
    extensionName: ext === null ? null : (directory.extensions.get(ext)?.name ?? null),
    status: text(f.status?.code),
    reason: text(f.status?.reason),
    direction: text(f.direction),
    from: personOf(f.from),
    to: personOf(f.to),
    queueName: queueColumn(directory, s, p, queue),
    parkData: f.status?.parkData ?? null,
    missedCall: f.missedCall ?? null,
    recordings: f.recordings?.length ?? 0,
    since: p.since
  }
}

export function sessionItem(directory: Directory, s: SessionRecord): SessionItem {
  const queue = sessionQueueName(s, directory)
  return {
    id: s.id,
    sessionId: s.fields.sessionId ?? null,
    origin: text(s.fields.origin?.type),
    startedAt: s.firstSeenAt,
    updatedAt: s.lastEventAt,
    direction: sessionDirection(s.parties.values()),
    missed: sessionMissed(s.parties.values()),
    parties: [...s.parties.values()]
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((p) => partyItem(directory, s, p, queue))
  }
}

let cache: { directory: Directory; items: WeakMap<SessionRecord, SessionItem> } | undefined
let last:
  { sessions: PMap<SessionRecord>; directory: Directory; items: readonly SessionItem[] } | undefined

export const visible = (s: SessionRecord | undefined): s is SessionRecord =>
  s !== undefined && !s.ended && s.parties.size > 0

export function accountSessions(
  sessions: PMap<SessionRecord>,
  directory: Directory
): readonly SessionItem[] {
  if (last?.sessions === sessions && last.directory === directory) return last.items
  if (cache?.directory !== directory) cache = { directory, items: new WeakMap() }
  const items = cache.items
  const itemOf = (s: SessionRecord): SessionItem => {
    let item = items.get(s)
    if (item === undefined) {
      item = sessionItem(directory, s)
      items.set(s, item)
    }
    return item
  }
  let result: readonly SessionItem[]
  if (last?.directory === directory) {
    // Incremental: only the sessions that differ from the previous table are re-placed.
    const changed = new Set<string>()
    const added: SessionItem[] = []
    pdiff(last.sessions, sessions, (id, _, after) => {
      changed.add(id)
      if (visible(after)) added.push(itemOf(after))
    })
    result =
      changed.size === 0
        ? last.items
        : mergeSorted(
            last.items.filter((item) => !changed.has(item.id)),
            sortView('accountSessions', added),
            VIEW_ORDER.accountSessions
          )
  } else {
    const out: SessionItem[] = []
    pforEach(sessions, (s) => {
      if (visible(s)) out.push(itemOf(s))
    })
    result = sortView('accountSessions', out)
  }
  last = { sessions, directory, items: result }
  return result
}
