/**
 * The party actions beyond hold, park and transfer (docs/platform.md#party-actions): update
 * (`muted`, `standAlone`), forward, reject and ignore of a ringing leg, flip of a connected call
 * to another of the user's devices, and bridge of a connected leg into another session. Each
 * changes the legs through the store, so subscribers get the telephony events the platform sends.
 */
import { connectedLeg } from './flows-control'
import { addTargetLeg, type TransferTarget } from './flows-transfer'
import { endRest } from './flows-ring'
import { badParameter, isEngineError, notFound, stateError, wrongState } from './errors'
import type { EngineError, Party } from './model'
import { isLive } from './model'
import type { Store } from './store'

export interface PartyUpdate {
  readonly muted?: boolean
  readonly standAlone?: boolean
}

/** Mute and stand-alone apply to a live leg only; the answer is the changed party. */
export function updateParty(
  store: Store,
  partyId: string,
  patch: PartyUpdate
): Party | EngineError {
  const party = store.parties.get(partyId)
  if (party === undefined) return notFound('partyId', partyId)
  if (!isLive(party)) return stateError(store, party, 'update the call')
  return store.update(partyId, {
    ...(patch.muted === undefined ? {} : { muted: patch.muted }),
    ...(patch.standAlone === undefined ? {} : { standAlone: patch.standAlone })
  })
}

/** A user's leg still ringing: what forward, reject and ignore act on. */
function ringingLeg(store: Store, partyId: string, action: string): Party | EngineError {
  const party = store.parties.get(partyId)
  if (party === undefined) return notFound('partyId', partyId)
  if (party.status.code !== 'Proceeding' && party.status.code !== 'Setup') {
    return stateError(store, party, action)
  }
  if (party.role !== 'agent' || party.direction !== 'Inbound') {
    return wrongState(`Cannot ${action}: party ${partyId} is not a call ringing a user`)
  }
  return party
}

const stillRinging = (store: Store, leg: Party): boolean =>
  store
    .partiesOf(leg.telephonySessionId)
    .some(
      (p) =>
        p.id !== leg.id &&
        p.role === 'agent' &&
        p.direction === 'Inbound' &&
        (p.status.code === 'Proceeding' || p.status.code === 'Setup')
    )

/**
 * Forward: the ringing leg ends `Disconnected`/`CallRedirected` and the call rings the target
 * (an extension, a mailbox or an outside number). The answer is the target's new leg.
 */
export function forward(
  store: Store,
  partyId: string,
  target: Exclude<TransferTarget, { kind: 'park' }>
): Party | EngineError {
  const leg = ringingLeg(store, partyId, 'forward')
  if (isEngineError(leg)) return leg
  if (target.kind !== 'phone' && target.extensionId === leg.extensionId) {
    return badParameter('extensionNumber', 'cannot forward a call to the same extension')
  }
  const added = addTargetLeg(store, leg, target)
  if (isEngineError(added)) return added
  store.update(leg.id, { status: { code: 'Disconnected', reason: 'CallRedirected' } })
  return added
}

/**
 * Reject: the leg ends `Disconnected`/`Rejected`. A queue call keeps ringing the others; a call
 * that rang only this user ends (the caller is not left talking to nobody).
 */
export function reject(store: Store, partyId: string): Party | EngineError {
  const leg = ringingLeg(store, partyId, 'reject')
  if (isEngineError(leg)) return leg
  const others = stillRinging(store, leg)
  const rejected = store.update(leg.id, { status: { code: 'Disconnected', reason: 'Rejected' } })
  if (!others && !leg.queueCall) endRest(store, leg.telephonySessionId, false)
  return rejected
}

/**
 * Ignore (queue calls only): this user's leg stops ringing, the queue goes on with the others.
 * The platform's reason for it is not published; `Rejected` is the closest documented one.
 */
export function ignore(store: Store, partyId: string): Party | EngineError {
  const leg = ringingLeg(store, partyId, 'ignore')
  if (isEngineError(leg)) return leg
  if (!leg.queueCall) return wrongState('Cannot ignore: only a queue call can be ignored')
  return store.update(leg.id, { status: { code: 'Disconnected', reason: 'Rejected' } })
}

/**
 * Flip: a connected call moves to another of the user's devices, named by its call-flip number
 * (`1` is the first device). The old leg ends `Disconnected`/`CallFlip`; a new leg rings the
 * device, answered at once (no phone behind it in the emulator).
 */
export function flip(store: Store, partyId: string, callFlipId: string): Party | EngineError {
  const leg = connectedLeg(store, partyId, 'flip')
  if (isEngineError(leg)) return leg
  const devices = store.cast.findExtension(leg.extensionId ?? '')?.devices ?? []
  const device = /^[1-9]$/.test(callFlipId) ? devices[Number(callFlipId) - 1] : undefined
  if (device === undefined) {
    return badParameter('callFlipId', `no call-flip number ${callFlipId} for this extension`)
  }
  if (device.id === leg.deviceId) {
    return badParameter('callFlipId', 'the call is already on that device')
  }
  const { id: _id, telephonySessionId, dialog: _dialog, startTime: _start, ...init } = leg
  store.update(leg.id, { status: { code: 'Disconnected', reason: 'CallFlip' } })
  return store.addParty(telephonySessionId, {
    ...init,
    deviceId: device.id,
    status: { code: 'Answered' }
  })
}

/**
 * Bridge: the user's connected leg joins the target party's session. The old leg is `Gone` with
 * `peerId` pointing at its new leg in the target session, which the request returns.
 */
export function bridge(
  store: Store,
  partyId: string,
  target: { readonly telephonySessionId: string; readonly partyId: string }
): Party | EngineError {
  const leg = connectedLeg(store, partyId, 'bridge')
  if (isEngineError(leg)) return leg
  const session = store.sessions.get(target.telephonySessionId)
  if (session === undefined) return notFound('telephonySessionId', target.telephonySessionId)
  const other = store.parties.get(target.partyId)
  if (other === undefined || other.telephonySessionId !== target.telephonySessionId) {
    return notFound('partyId', target.partyId)
  }
  if (other.telephonySessionId === leg.telephonySessionId) {
    return badParameter('telephonySessionId', 'cannot bridge a call with itself')
  }
  if (other.status.code !== 'Answered' && other.status.code !== 'Hold') {
    return stateError(store, other, 'bridge to that party')
  }
  const { id: _id, telephonySessionId: _sid, startTime: _start, ...init } = leg
  const moved = store.addParty(target.telephonySessionId, { ...init, status: { code: 'Answered' } })
  store.update(leg.id, {
    status: {
      code: 'Gone',
      peerId: {
        sessionId: moved.telephonySessionId,
        telephonySessionId: moved.telephonySessionId,
        partyId: moved.id
      }
    }
  })
  return moved
}
