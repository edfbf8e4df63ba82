/**
 * Transfers. Blind (`POST …/transfer`, docs/platform.md#call-control-endpoints: exactly one of
 * phoneNumber, extensionNumber, extensionId, voicemail, parkOrbit; only in Answered/Hold): the
 * transferring leg becomes `Disconnected` (reason BlindTransfer) without `peerId`, and is what the
 * request returns; a leg dialled out to an external number is `Inbound`, "from RingCentral to the
 * endpoint" (docs/platform.md#blind-transfer).
 * Attended: the agent holds the caller, consults a colleague in a second session, then completes;
 * the legs left behind become `Gone` (reason AttendedTransfer) pointing at the colleague's new leg,
 * which keeps the SIP dialog of the consultation because it is the same call on the same device.
 */
import { badParameter, isEngineError, notFound, wrongState } from './errors'
import { connectedLeg, hold, park } from './flows-control'
import type { EngineError, Party, PartyEnd, PeerRef } from './model'
import { isLive } from './model'
import { remoteEnd } from './presence'
import type { Store } from './store'

export type TransferTarget =
  | { readonly kind: 'extension'; readonly extensionId: string }
  | { readonly kind: 'voicemail'; readonly extensionId: string }
  | { readonly kind: 'phone'; readonly phoneNumber: string }
  | { readonly kind: 'park'; readonly orbit: string }

const peerOf = (p: Party): PeerRef => ({
  sessionId: p.telephonySessionId,
  telephonySessionId: p.telephonySessionId,
  partyId: p.id
})

function userEnd(store: Store, extensionId: string): PartyEnd | EngineError {
  const ext = store.cast.findExtension(extensionId)
  if (ext === undefined) return notFound('extensionId', extensionId)
  if (ext.type !== 'User') return badParameter('extensionId', `${ext.name} cannot take calls`)
  return {
    ...(ext.phoneNumber === undefined ? {} : { phoneNumber: ext.phoneNumber }),
    name: ext.name,
    extensionId: ext.id
  }
}

export function transfer(
  store: Store,
  partyId: string,
  target: TransferTarget
): Party | EngineError {
  if (target.kind === 'park') return park(store, partyId, target.orbit)
  const leg = connectedLeg(store, partyId, 'transfer')
  if (isEngineError(leg)) return leg
  const added = addTargetLeg(store, leg, target)
  if (isEngineError(added)) return added
  return store.update(leg.id, { status: { code: 'Disconnected', reason: 'BlindTransfer' } })
}

/**
 * The leg a blind transfer (or a forward) rings: an outside number, a colleague, or a mailbox,
 * delivered from the caller.
 */
export function addTargetLeg(
  store: Store,
  leg: Party,
  target: Exclude<TransferTarget, { kind: 'park' }>
): Party | EngineError {
  const from = remoteEnd(leg)
  const queued = leg.queueName === undefined ? {} : { queueName: leg.queueName }
  if (target.kind === 'phone') {
    return store.addParty(leg.telephonySessionId, {
      role: 'external',
      direction: 'Inbound',
      from,
      to: { phoneNumber: target.phoneNumber },
      status: { code: 'Proceeding' }
    })
  }
  const to = userEnd(store, target.extensionId)
  if (isEngineError(to)) return to
  if (target.kind === 'extension' && to.extensionId === leg.extensionId) {
    return badParameter('extensionNumber', 'cannot transfer a call to the same extension')
  }
  const deviceId = store.cast.primaryDevice(target.extensionId)?.id
  return store.addParty(leg.telephonySessionId, {
    role: target.kind === 'voicemail' ? 'voicemail' : 'agent',
    extensionId: target.extensionId,
    ...(deviceId === undefined || target.kind === 'voicemail' ? {} : { deviceId }),
    direction: 'Inbound',
    from,
    to,
    status:
      target.kind === 'voicemail'
        ? { code: 'VoiceMail', reason: 'Voicemail' }
        : { code: 'Proceeding' },
    queueCall: leg.queueCall,
    ...queued
  })
}

/** Step 1 of an attended transfer: hold the caller and ring the colleague in a new session. */
export function consult(store: Store, partyId: string, extensionId: string): Party | EngineError {
  const leg = connectedLeg(store, partyId, 'start a consultation')
  if (isEngineError(leg)) return leg
  const to = userEnd(store, extensionId)
  if (isEngineError(to)) return to
  if (leg.extensionId === extensionId) return badParameter('extensionId', 'cannot consult yourself')
  if (leg.status.code === 'Answered') {
    const held = hold(store, leg.id)
    if (isEngineError(held)) return held
  }
  const me = store.cast.findExtension(leg.extensionId ?? '')!
  const from: PartyEnd = {
    ...(me.phoneNumber === undefined ? {} : { phoneNumber: me.phoneNumber }),
    name: me.name,
    extensionId: me.id
  }
  const session = store.createSession()
  const sid = session.telephonySessionId
  const myDevice = leg.deviceId === undefined ? {} : { deviceId: leg.deviceId }
  const theirDevice = store.cast.primaryDevice(extensionId)?.id
  store.addParty(sid, {
    role: 'agent',
    extensionId: me.id,
    ...myDevice,
    direction: 'Outbound',
    from,
    to,
    status: { code: 'Proceeding' }
  })
  const target = store.addParty(sid, {
    role: 'agent',
    extensionId,
    ...(theirDevice === undefined ? {} : { deviceId: theirDevice }),
    direction: 'Inbound',
    from,
    to,
    status: { code: 'Proceeding' }
  })
  store.consults.set(sid, leg.id)
  return target
}

/** Step 2: the colleague answered; hand them the held call. Returns their leg in the original session. */
export function completeConsult(store: Store, consultSessionId: string): Party | EngineError {
  const heldId = store.consults.get(consultSessionId)
  if (heldId === undefined) return notFound('telephonySessionId', consultSessionId)
  const held = store.parties.get(heldId)
  const legs = store.partiesOf(consultSessionId)
  const theirs = legs.find((p) => p.direction === 'Inbound' && p.status.code === 'Answered')
  if (theirs === undefined) {
    return wrongState(
      'Cannot complete the transfer: the colleague has not answered the consultation'
    )
  }
  if (held === undefined || held.status.code !== 'Hold') {
    return wrongState('Cannot complete the transfer: the original call is no longer on hold')
  }
  const queued = held.queueName === undefined ? {} : { queueName: held.queueName }
  const moved = store.addParty(held.telephonySessionId, {
    role: 'agent',
    extensionId: theirs.extensionId!,
    ...(theirs.deviceId === undefined ? {} : { deviceId: theirs.deviceId }),
    direction: 'Inbound',
    from: remoteEnd(held),
    to: theirs.to,
    status: { code: 'Answered' },
    queueCall: held.queueCall,
    ...queued,
    dialog: theirs.dialog
  })
  const gone = { code: 'Gone', reason: 'AttendedTransfer', peerId: peerOf(moved) } as const
  store.update(held.id, { status: gone })
  for (const p of legs) if (isLive(p)) store.update(p.id, { status: gone })
  store.consults.delete(consultSessionId)
  return moved
}
