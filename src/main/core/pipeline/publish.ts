/**
 * The publish stage: the store derives the views from the reduced state, diffs them against the
 * last view snapshot into patches and semantic events, and hands those to its subscribers (its
 * `publish`, in state/store.ts). `publishOncePerTurn` is when: once per I/O turn rather than once
 * per notification. Under a burst that is the difference between keeping up and falling seconds
 * behind (npm run bench:ui at 500 events/s).
 *
 * One exception, `startedRinging`: a notification that makes a line ring is published at once,
 * before the rest of the turn is reduced. Otherwise a call that rang and stopped within one turn
 * (a caller who hangs up at once, or a core that is behind and reads a socket's backlog in one
 * turn) would be in no published view: no patch, no pop-up, never on the screen. Published, its
 * ringing item and its removal travel as patches, and the renderer still counts it if both land
 * in one frame (docs/performance.md).
 */
import { pget } from '../state/pmap'
import type { CoreState, ReduceResult } from '../state/types'

export const publishOncePerTurn = (publish: () => void): void => void setImmediate(publish)

const ringingParty = (code: unknown, direction: unknown): boolean =>
  code === 'Proceeding' && direction === 'Inbound'

/** True when `result` made a party or a presence ring that was not ringing in `prev`. */
export function startedRinging(prev: CoreState, result: ReduceResult): boolean {
  for (const change of result.changes) {
    if (change.kind === 'session') {
      const id = change.telephonySessionId
      const session = pget(result.state.sessions, id)
      if (session === undefined || session.ended) continue
      const before = pget(prev.sessions, id)
      for (const party of session.parties.values()) {
        const f = party.fields
        if (!ringingParty(f.status?.code, f.direction)) continue
        const was = before?.parties.get(party.id)?.fields
        if (!ringingParty(was?.status?.code, was?.direction)) return true
      }
    } else if (change.kind === 'presence') {
      const now = pget(result.state.presence, change.extensionId)?.fields.telephonyStatus
      const was = pget(prev.presence, change.extensionId)?.fields.telephonyStatus
      if (now === 'Ringing' && was !== 'Ringing') return true
    }
  }
  return false
}
