/**
 * Call control on an established leg: hold/unhold, park, pickup from park
 * (docs/platform.md#call-control-endpoints, docs/platform.md#status-semantics): hold shows as
 * `Hold` for the party that held and "unhold comes back as Answered"; a parked leg is `Parked` with
 * `parkData` `*8xx`; picking it up makes the old leg `Gone` with `peerId` pointing at the new
 * session's leg on the picker's device.
 */
import { badParameter, isEngineError, notFound, stateError, wrongState } from './errors'
import type { EngineError, Party, PartyEnd } from './model'
import { isLive } from './model'
import { remoteEnd } from './presence'
import type { Store } from './store'

/** A user's leg that is still being talked on (or held): what hold, park and transfer act on. */
export function connectedLeg(store: Store, partyId: string, action: string): Party | EngineError {
  const party = store.parties.get(partyId)
  if (party === undefined) return notFound('partyId', partyId)
  if (party.status.code !== 'Answered' && party.status.code !== 'Hold') {
    return stateError(store, party, action)
  }
  if (party.role !== 'agent') {
    return wrongState(`Cannot ${action}: party ${partyId} is not a user's call leg`)
  }
  return party
}

export function hold(store: Store, partyId: string): Party | EngineError {
  const party = connectedLeg(store, partyId, 'hold')
  if (isEngineError(party)) return party
  if (party.status.code === 'Hold') return stateError(store, party, 'hold')
  return store.update(partyId, { status: { code: 'Hold' } })
}

export function unhold(store: Store, partyId: string): Party | EngineError {
  const party = store.parties.get(partyId)
  if (party === undefined) return notFound('partyId', partyId)
  if (party.status.code !== 'Hold') return stateError(store, party, 'unhold')
  return store.update(partyId, { status: { code: 'Answered' } })
}

function freeOrbit(store: Store): string | undefined {
  const taken = new Set(store.parkedParties().map((p) => p.status.parkData))
  return store.cast.parkOrbits.find((o) => !taken.has(o))
}

export function park(store: Store, partyId: string, orbit?: string): Party | EngineError {
  const party = connectedLeg(store, partyId, 'park')
  if (isEngineError(party)) return party
  let target = orbit
  if (target !== undefined) {
    if (!target.startsWith('*')) target = `*${target}`
    if (!store.cast.parkOrbits.includes(target)) {
      return badParameter('parkOrbit', `${orbit ?? ''} is not a park orbit (*801…*850)`)
    }
    const holder = store.parkedParties().find((p) => p.status.parkData === target)
    if (holder !== undefined) return wrongState(`Cannot park: park orbit ${target} is occupied`)
  } else {
    target = freeOrbit(store)
    if (target === undefined) return wrongState('Cannot park: all 50 park orbits are occupied')
  }
  return store.update(partyId, {
    status: { code: 'Parked', reason: 'CallPark', parkData: target },
    parkId: target.slice(1)
  })
}

/**
 * Takes a parked call onto `extensionId`'s device. A new session carries the conversation; every
 * live leg of the old one becomes `Gone` with `peerId` naming its counterpart there.
 */
export function pickup(
  store: Store,
  partyId: string,
  extensionId: string,
  deviceId?: string,
  ringFirst = false
): Party | EngineError {
  const parked = store.parties.get(partyId)
  if (parked === undefined) return notFound('partyId', partyId)
  if (parked.status.code !== 'Parked') {
    const why = stateError(store, parked, 'pick up')
    return wrongState(
      `${why.message}. Only a parked call can be picked up this way; take ringing or held calls over SIP`
    )
  }
  const picker = store.cast.findExtension(extensionId)
  if (picker === undefined) return notFound('extensionId', extensionId)
  if (picker.type !== 'User') return badParameter('extensionId', `${picker.name} cannot take calls`)
  const device = deviceId ?? store.cast.primaryDevice(picker.id)?.id
  if (device === undefined || store.cast.findDevice(device)?.extensionId !== picker.id) {
    return badParameter(
      'deviceId',
      `device ${device ?? '(none)'} does not belong to ${picker.name}`
    )
  }
  const remote: PartyEnd = remoteEnd(parked)
  const pickerEnd: PartyEnd = {
    ...(picker.phoneNumber === undefined ? {} : { phoneNumber: picker.phoneNumber }),
    name: picker.name,
    extensionId: picker.id,
    deviceId: device
  }
  const session = store.createSession()
  const sid = session.telephonySessionId
  const queued = parked.queueName === undefined ? {} : { queueName: parked.queueName }
  const callerLeg = store.addParty(sid, {
    role: remote.extensionId === undefined ? 'caller' : 'agent',
    ...(remote.extensionId === undefined ? {} : { extensionId: remote.extensionId }),
    direction: 'Outbound',
    from: remote,
    to: pickerEnd,
    status: { code: ringFirst ? 'Proceeding' : 'Answered' }
  })
  const mine = store.addParty(sid, {
    role: 'agent',
    extensionId: picker.id,
    deviceId: device,
    direction: 'Inbound',
    from: remote,
    to: pickerEnd,
    status: { code: ringFirst ? 'Proceeding' : 'Answered' },
    queueCall: parked.queueCall,
    ...queued
  })
  if (ringFirst) {
    // The picker's phone rings first; the parked call moves once it answers (connectPhone).
    store.pickups.set(mine.id, { parkedId: parked.id, callerLegId: callerLeg.id })
    return mine
  }
  completePickup(store, parked.id, mine, callerLeg)
  return mine
}

/** The parked call moves to the picker's new session: its old legs are `Gone` with `peerId`. */
export function completePickup(
  store: Store,
  parkedId: string,
  mine: Party,
  callerLeg: Party
): void {
  const parked = store.parties.get(parkedId)!
  const old = store.partiesOf(parked.telephonySessionId)
  const sid = mine.telephonySessionId
  const peer = (p: Party): { sessionId: string; telephonySessionId: string; partyId: string } => ({
    // Real Gone bodies carry the `s-…` id in `sessionId` too
    // (docs/platform.md#status-codes-and-reasons).
    sessionId: sid,
    telephonySessionId: sid,
    partyId: p.id
  })
  store.update(parked.id, {
    status: { code: 'Gone', reason: 'Pickup', peerId: peer(mine) },
    parkId: null
  })
  for (const p of old) {
    if (p.id === parked.id || !isLive(p)) continue
    store.update(p.id, { status: { code: 'Gone', reason: 'Pickup', peerId: peer(callerLeg) } })
  }
}
