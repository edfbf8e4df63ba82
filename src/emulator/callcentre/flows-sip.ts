/**
 * What the SIP side asks of the engine (docs/emulator.md "SIP side"). The engine still decides:
 * the SIP side only reports what a phone did (answered with this dialog, took that leg over) and
 * the engine moves the parties and emits the events the real platform would
 * (docs/platform.md#pickup-over-sip).
 */
import { completePickup } from './flows-control'
import { answer, endRest } from './flows-ring'
import { badParameter, isEngineError, notFound, stateError } from './errors'
import type { EngineError, Party, PartyEnd, SipDialog } from './model'
import type { Store } from './store'

/** The phone answered an INVITE for this leg: the leg now carries the phone's dialog. */
export function connectPhone(
  store: Store,
  partyId: string,
  deviceId: string,
  dialog: SipDialog
): Party | EngineError {
  const party = store.parties.get(partyId)
  if (party === undefined) return notFound('partyId', partyId)
  if (party.status.code === 'Proceeding') {
    const pending = store.pickups.get(partyId)
    const parked = pending === undefined ? undefined : store.parties.get(pending.parkedId)
    if (pending !== undefined && parked?.status.code !== 'Parked') {
      // The parked call went elsewhere (or ended) while this phone rang.
      abandonPickup(store, partyId)
      return stateError(store, parked ?? party, 'pick up')
    }
    const answered = answer(store, partyId, deviceId)
    if (isEngineError(answered)) return answered
    const connected = store.update(partyId, { dialog })
    if (pending !== undefined) {
      store.pickups.delete(partyId)
      completePickup(store, pending.parkedId, connected, store.parties.get(pending.callerLegId)!)
    }
    return connected
  }
  if (party.status.code !== 'Answered' && party.status.code !== 'Hold') {
    return stateError(store, party, 'connect the phone')
  }
  return store.update(partyId, { dialog, deviceId })
}

export interface TakeOverInput {
  readonly extensionId: string
  readonly deviceId: string
  readonly dialog: SipDialog
}

/**
 * An INVITE with Replaces took `partyId` over. A held leg is `Gone` with reason `TakeOver` and a
 * `peerId` naming the new leg; a ringing leg is `Disconnected` with reason `Pickup`, and the call
 * is answered by the new leg (the other ringing legs stop, as when an agent answers). The new leg
 * is on the picker's device and carries the phone's dialog.
 */
export function takeOver(store: Store, partyId: string, input: TakeOverInput): Party | EngineError {
  const old = store.parties.get(partyId)
  if (old === undefined) return notFound('partyId', partyId)
  const ringing = old.status.code === 'Proceeding'
  if (!ringing && old.status.code !== 'Hold') return stateError(store, old, 'take over')
  const picker = store.cast.findExtension(input.extensionId)
  if (picker === undefined) return notFound('extensionId', input.extensionId)
  if (store.cast.findDevice(input.deviceId)?.extensionId !== picker.id) {
    return badParameter('deviceId', `device ${input.deviceId} does not belong to ${picker.name}`)
  }
  const mine: PartyEnd = {
    ...(picker.phoneNumber === undefined ? {} : { phoneNumber: picker.phoneNumber }),
    name: picker.name,
    extensionId: picker.id,
    deviceId: input.deviceId
  }
  const inbound = old.direction === 'Inbound'
  const leg = store.addParty(old.telephonySessionId, {
    role: 'agent',
    extensionId: picker.id,
    deviceId: input.deviceId,
    direction: old.direction,
    from: inbound ? old.from : mine,
    to: inbound ? mine : old.to,
    status: { code: ringing ? 'Proceeding' : 'Answered' },
    queueCall: old.queueCall,
    ...(old.queueName === undefined ? {} : { queueName: old.queueName }),
    dialog: input.dialog
  })
  if (ringing) {
    store.update(old.id, { status: { code: 'Disconnected', reason: 'Pickup' } })
    return answer(store, leg.id, input.deviceId)
  }
  const peerId = {
    sessionId: old.telephonySessionId,
    telephonySessionId: old.telephonySessionId,
    partyId: leg.id
  }
  store.update(old.id, { status: { code: 'Gone', reason: 'TakeOver', peerId } })
  return leg
}

/** The picker's phone never answered: its ringing session ends, the call stays parked. */
export function abandonPickup(store: Store, partyId: string): Party | EngineError {
  const party = store.parties.get(partyId)
  if (party === undefined || !store.pickups.has(partyId)) return notFound('partyId', partyId)
  store.pickups.delete(partyId)
  endRest(store, party.telephonySessionId, false)
  return store.parties.get(partyId)!
}
