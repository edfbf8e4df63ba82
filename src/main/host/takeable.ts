/**
 * The call the global shortcut picks up: the newest of the calls the agent may take over now
 * (ringing on a monitored line, or held there), by when it started. Pure over a view snapshot.
 */
import type { CallItem } from '../../shared/state/view-types'
import type { StateSnapshot } from '../../shared/state/patches'

export interface TakeableCall {
  readonly telephonySessionId: string
  readonly partyId: string
}

const startOf = (call: CallItem): number => {
  const at = call.startTime === null ? Number.NaN : Date.parse(call.startTime)
  return Number.isNaN(at) ? 0 : at
}

export function newestTakeable(
  snapshot: Pick<StateSnapshot, 'ringingLines' | 'heldCalls'>
): TakeableCall | undefined {
  const candidates: CallItem[] = [
    ...snapshot.ringingLines.filter((r) => r.canPickUp),
    ...snapshot.heldCalls.filter((h) => h.canPickUp)
  ]
  let newest: CallItem | undefined
  for (const call of candidates) {
    if (call.telephonySessionId === null || call.partyId === null) continue
    if (newest === undefined || startOf(call) > startOf(newest)) newest = call
  }
  return newest && newest.telephonySessionId !== null && newest.partyId !== null
    ? { telephonySessionId: newest.telephonySessionId, partyId: newest.partyId }
    : undefined
}
