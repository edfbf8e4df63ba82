/**
 * The signed-in account as the state knows it: whose board this is, the agent's own Do Not Disturb
 * state, and forgetting all of it at sign-out.
 */
import { enumText } from '../../../shared/events'
import { pget } from './pmap'
import type { Store } from './store'
import type { CoreState } from './types'

/** The agent's own extension, from the directory or, until it loads, from the envelopes. */
export function ownerIdOf(state: CoreState): string | null {
  return state.directory.ownerId ?? state.envelopeOwnerId
}

/** The agent's own `dndStatus` as RingCentral spells it (an unknown value as received). */
export function ownDndStatus(state: CoreState): string | null {
  const owner = ownerIdOf(state)
  if (!owner) return null
  const dnd = pget(state.presence, owner)?.fields.dndStatus
  return dnd === undefined ? null : enumText(dnd)
}

/**
 * Signed out: nothing of the old account may stay on screen, nor carry into the next account's
 * board. An empty readback taken `at` now ends every call and tombstones it, so a late event of the
 * old account cannot bring it back; then the directory, presence and calls are dropped whole.
 */
export function clearAccountState(store: Store, at: string): void {
  store.dispatch({ type: 'readback', readback: { at, presence: [], sessions: [] } })
  store.dispatch({ type: 'account-cleared' })
}
