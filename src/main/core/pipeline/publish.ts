/**
 * The publish stage: the store derives the views from the reduced state, diffs them against the
 * last view snapshot into patches and semantic events, and hands those to its subscribers (its
 * `publish`, in state/store.ts). `publishOncePerTurn` is when: once per I/O turn rather than once
 * per notification. Under a burst that is the difference between keeping up and falling seconds
 * behind (npm run bench:ui at 500 events/s).
 *
 * One exception, `ringGuard`: a notification that changes a call which started ringing in this
 * turn is preceded by a publish of the state before it, with the call ringing. Otherwise a call that rang and stopped within one turn
 * (a caller who hangs up at once, or a core that is behind and reads a socket's backlog in one
 * turn) would be in no published view: no patch, no pop-up, never on the screen. Published, its
 * ringing item and its removal travel as patches, and the renderer still counts it if both land
 * in one frame (docs/performance.md).
 */
import { pget } from '../state/pmap'
import type { PublishGuard } from '../state/store'
import type { CoreState, ReduceResult } from '../state/types'

export const publishOncePerTurn = (publish: () => void): void => void setImmediate(publish)

const ringingParty = (code: unknown, direction: unknown): boolean =>
  code === 'Proceeding' && direction === 'Inbound'

/** The owner's line and the monitored lines: the ones whose ringing the views show. */
const shown = (state: CoreState, ext: string | undefined): boolean =>
  ext !== undefined && (ext === state.directory.ownerId || state.directory.monitored.includes(ext))

/** What `result` made ring on a shown line: session ids and (presence) extension ids. */
function ringsStarted(prev: CoreState, result: ReduceResult, into: Set<string>): void {
  for (const change of result.changes) {
    if (change.kind === 'session') {
      const id = change.telephonySessionId
      const session = pget(result.state.sessions, id)
      if (session === undefined || session.ended) continue
      const before = pget(prev.sessions, id)
      for (const party of session.parties.values()) {
        const f = party.fields
        if (!ringingParty(f.status?.code, f.direction) || !shown(result.state, f.extensionId))
          continue
        const was = before?.parties.get(party.id)?.fields
        if (!ringingParty(was?.status?.code, was?.direction)) into.add(`s:${id}`)
      }
    } else if (change.kind === 'presence' && shown(result.state, change.extensionId)) {
      const now = pget(result.state.presence, change.extensionId)?.fields.telephonyStatus
      const was = pget(prev.presence, change.extensionId)?.fields.telephonyStatus
      if (now === 'Ringing' && was !== 'Ringing') into.add(`p:${change.extensionId}`)
    }
  }
}

const keyOf = (change: ReduceResult['changes'][number]): string | undefined =>
  change.kind === 'session' || change.kind === 'session-removed'
    ? `s:${change.telephonySessionId}`
    : change.kind === 'presence'
      ? `p:${change.extensionId}`
      : undefined

/**
 * The store's `publishBefore` for the core: true when an action changes a call (or a presence)
 * that started ringing since the last publish, so the state before it, with the call ringing, is
 * published first. A burst of new calls stays one publish per turn; a call that rings and stops
 * (or rings a second line) inside one turn costs one publish more. Anything that is not a call
 * or a presence (a directory, a readback) also publishes what rang first.
 */
export function ringGuard(): PublishGuard {
  const fresh = new Set<string>()
  return {
    touches: (result) =>
      fresh.size > 0 &&
      result.changes.some((c) => {
        const key = keyOf(c)
        return key === undefined || fresh.has(key)
      }),
    note: (prev, result) => ringsStarted(prev, result, fresh),
    published: () => fresh.clear()
  }
}
