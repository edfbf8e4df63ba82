/**
 * The agent's own Do Not Disturb, set through RingCentral's presence API (`PUT
 * …/extension/~/presence` with `dndStatus`; docs/platform.md#presence-dnd). RingCentral then
 * sends the presence event that the board and the pop-up rules read, so nothing is set locally.
 */
import { describeFailure, type RestClient } from '../rest'

export const OWN_PRESENCE_PATH = '/restapi/v1.0/account/~/extension/~/presence'

/** The two states the tray offers: take every call, or accept none. */
export type OwnDnd = 'TakeAllCalls' | 'DoNotAcceptAnyCalls'

/** Rejects with RingCentral's text when the change is refused; the failure is the `cause`. */
export async function setOwnDnd(rest: RestClient, dndStatus: OwnDnd): Promise<void> {
  const out = await rest.put(OWN_PRESENCE_PATH, { dndStatus })
  if (!out.ok) {
    throw new Error(describeFailure(out.failure, OWN_PRESENCE_PATH), { cause: out.failure })
  }
}
