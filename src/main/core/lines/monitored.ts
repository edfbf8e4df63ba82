/**
 * Replacing the agent's monitored lines (RingCentral line presence, `…/presence/line`). The PUT
 * replaces the whole list; RingCentral then sends the list-change event, and the caller refetches
 * the directory.
 */
import { describeFailure, type RestClient } from '../rest'

export const MONITORED_LINES_PATH = '/restapi/v1.0/account/~/extension/~/presence/line'

/**
 * Sends the new list through the client (so a 429 is waited out like any other request). Rejects
 * with RingCentral's text when the list is refused; the failure itself is the error's `cause`.
 * Records name the extension only: a record's `id` is a line id, not an extension id, and the
 * agent's own lines cannot be changed, so they are not sent (docs/platform.md#line-records).
 */
export async function setMonitoredLines(rest: RestClient, ids: readonly string[]): Promise<void> {
  const out = await rest.put(MONITORED_LINES_PATH, {
    records: ids.map((id) => ({ extension: { id } }))
  })
  if (!out.ok) {
    throw new Error(describeFailure(out.failure, MONITORED_LINES_PATH), { cause: out.failure })
  }
}
