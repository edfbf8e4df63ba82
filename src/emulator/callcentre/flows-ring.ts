/**
 * Ringing flows: a PSTN call into the queue, a direct extension-to-extension call, answering, a
 * missed call going to voicemail, hanging up. Status semantics follow
 * docs/platform.md#status-semantics: Proceeding while endpoints ring, Answered on pickup, the other
 * agents of a queue call Disconnected with reason `AgentAnswered`, VoiceMail for a missed call.
 */
import type { CastExtension } from './cast'
import { badParameter, notFound, stateError, wrongState } from './errors'
import { newRecordingId } from './ids'
import type { EngineError, Party, PartyEnd, Session } from './model'
import { isLive } from './model'
import type { Store } from './store'

export interface Caller {
  readonly name?: string
  readonly phoneNumber: string
}

export interface InboundInput {
  readonly caller: Caller
  /** Agents whose devices ring (extension ids). Default: up to 5 free agents. */
  readonly ring?: ReadonlyArray<string>
}

const endOf = (ext: CastExtension, deviceId?: string): PartyEnd => ({
  ...(ext.phoneNumber === undefined ? {} : { phoneNumber: ext.phoneNumber }),
  name: ext.name,
  extensionId: ext.id,
  ...(deviceId === undefined ? {} : { deviceId })
})

const callerEnd = (c: Caller): PartyEnd => ({
  phoneNumber: c.phoneNumber,
  ...(c.name === undefined ? {} : { name: c.name })
})

/** Agents a queue call may ring now: available, accepting queue calls, not on a call. */
export function freeAgents(store: Store): CastExtension[] {
  return store.cast.agents.filter((a) => {
    const s = store.settings.get(a.id)
    const p = store.presence.get(a.id)
    return (
      s !== undefined &&
      s.userStatus === 'Available' &&
      s.acceptCallQueueCalls &&
      (s.dndStatus === 'TakeAllCalls' || s.dndStatus === 'TakeDepartmentCallsOnly') &&
      p?.telephonyStatus === 'NoCall'
    )
  })
}

function users(
  store: Store,
  ids: ReadonlyArray<string>,
  param: string
): CastExtension[] | EngineError {
  const out: CastExtension[] = []
  for (const id of ids) {
    const ext = store.cast.findExtension(id)
    if (ext === undefined) return notFound(param, id)
    if (ext.type !== 'User') return badParameter(param, `${ext.name} is a ${ext.type}, not a user`)
    out.push(ext)
  }
  return out
}

export function inbound(store: Store, input: InboundInput): Session | EngineError {
  const { queue } = store.cast
  const chosen =
    input.ring ??
    store.rng
      .shuffle(freeAgents(store))
      .slice(0, 5)
      .map((a) => a.id)
  const agents = users(store, chosen, 'ring')
  if (!Array.isArray(agents)) return agents
  const session = store.createSession()
  const sid = session.telephonySessionId
  const from = callerEnd(input.caller)
  const to = endOf(queue)
  const queued = { queueCall: true, queueName: queue.name }
  store.addParty(sid, {
    role: 'caller',
    direction: 'Outbound',
    from,
    to,
    status: { code: 'Proceeding' }
  })
  store.addParty(sid, {
    role: 'queue',
    extensionId: queue.id,
    direction: 'Inbound',
    from,
    to,
    status: { code: 'Proceeding' },
    ...queued
  })
  for (const agent of agents) {
    const deviceId = store.cast.primaryDevice(agent.id)?.id
    // The agent leg's `to` is the agent, not the queue: the queue is its own party above
    // (docs/platform.md#queue-calls).
    store.addParty(sid, {
      role: 'agent',
      extensionId: agent.id,
      ...(deviceId === undefined ? {} : { deviceId }),
      direction: 'Inbound',
      from,
      to: endOf(agent),
      status: { code: 'Proceeding' },
      ...queued
    })
  }
  return store.sessions.get(sid)!
}

export function direct(store: Store, fromId: string, toId: string): Session | EngineError {
  const both = users(store, [fromId, toId], 'extensionId')
  if (!Array.isArray(both)) return both
  const [a, b] = both as [CastExtension, CastExtension]
  if (a.id === b.id) return badParameter('to', 'cannot call yourself')
  const session = store.createSession()
  const sid = session.telephonySessionId
  const aDevice = store.cast.primaryDevice(a.id)?.id
  const bDevice = store.cast.primaryDevice(b.id)?.id
  const from = endOf(a, aDevice)
  const to = endOf(b)
  const status = { code: 'Proceeding' } as const
  store.addParty(sid, {
    role: 'agent',
    extensionId: a.id,
    ...(aDevice === undefined ? {} : { deviceId: aDevice }),
    direction: 'Outbound',
    from,
    to,
    status
  })
  store.addParty(sid, {
    role: 'agent',
    extensionId: b.id,
    ...(bDevice === undefined ? {} : { deviceId: bDevice }),
    direction: 'Inbound',
    from,
    to,
    status
  })
  return store.sessions.get(sid)!
}

/** A ringing leg competing with `winner` for the same inbound call. */
const competes = (p: Party): boolean =>
  (p.role === 'agent' && p.direction === 'Inbound') || p.role === 'queue'

/**
 * The party's own end (`to` of an inbound leg, `from` of an outbound one) names the device that
 * answered, as real events' `deviceId` in from/to does (docs/platform.md#real-payloads).
 */
function onDevice(party: Party, deviceId: string): Pick<Party, 'to'> | Pick<Party, 'from'> {
  return party.direction === 'Outbound'
    ? { from: { ...party.from, deviceId } }
    : { to: { ...party.to, deviceId } }
}

export function answer(store: Store, partyId: string, deviceId?: string): Party | EngineError {
  const party = store.parties.get(partyId)
  if (party === undefined) return notFound('partyId', partyId)
  if (party.status.code !== 'Proceeding') return stateError(store, party, 'answer')
  if (deviceId !== undefined && party.extensionId !== undefined) {
    const device = store.cast.findDevice(deviceId)
    if (device?.extensionId !== party.extensionId) {
      return badParameter('deviceId', `device ${deviceId} does not belong to this extension`)
    }
  }
  const device = deviceId ?? party.deviceId
  const recordings = party.queueCall ? [{ id: newRecordingId(store.rng), active: true }] : []
  const answered = store.update(partyId, {
    status: { code: 'Answered' },
    recordings,
    ...(device === undefined ? {} : { deviceId: device, ...onDevice(party, device) })
  })
  for (const other of store.partiesOf(party.telephonySessionId)) {
    if (other.id === partyId || other.status.code !== 'Proceeding') continue
    if (competes(other) && competes(party)) {
      store.update(other.id, { status: { code: 'Disconnected', reason: 'AgentAnswered' } })
    } else {
      store.update(other.id, { status: { code: 'Answered' } })
    }
  }
  return answered
}

/**
 * Nobody answered in time: the ringing legs time out (`missedCall`), and the call lands in the
 * queue's (or the callee's) voicemail.
 */
export function miss(store: Store, telephonySessionId: string): Party | EngineError {
  const parties = store.partiesOf(telephonySessionId)
  if (parties.length === 0) return notFound('telephonySessionId', telephonySessionId)
  const ringing = parties.filter((p) => p.role === 'agent' && p.status.code === 'Proceeding')
  const inbound = ringing.filter((p) => p.direction === 'Inbound')
  const queueLeg = parties.find((p) => p.role === 'queue' && p.status.code === 'Proceeding')
  // The mailbox is the queue's, or for a direct call the callee's own leg.
  const mailbox = queueLeg ?? inbound[0]
  // A queue call that found no free agent waits in the queue and times out all the same.
  if (mailbox === undefined)
    return wrongState('Cannot send to voicemail: nothing is ringing on this call')
  for (const p of inbound) {
    if (p === mailbox) continue
    store.update(p.id, { status: { code: 'Disconnected', reason: 'Timeout' }, missedCall: true })
  }
  const vm = store.update(mailbox.id, {
    status: { code: 'VoiceMail', reason: 'Voicemail' },
    missedCall: true
  })
  for (const p of parties) {
    if (p.status.code === 'Proceeding' && !inbound.includes(p) && p !== queueLeg) {
      store.update(p.id, { status: { code: 'Answered' } })
    }
  }
  return vm
}

/**
 * A leg hangs up. Rejecting one ringing leg of a queue call only ends that leg; otherwise the
 * call ends for everyone (two-party calls have nothing left to talk to).
 */
export function drop(store: Store, partyId: string): Party | EngineError {
  const party = store.parties.get(partyId)
  if (party === undefined) return notFound('partyId', partyId)
  if (!isLive(party)) return stateError(store, party, 'drop the call')
  const siblings = store
    .partiesOf(party.telephonySessionId)
    // Other phones still ringing for the call: same direction as the dropped leg, so a direct
    // call's caller (an agent leg too, Proceeding while it rings out) never counts as one.
    .filter(
      (p) =>
        p.id !== partyId &&
        p.role === 'agent' &&
        p.direction === party.direction &&
        p.status.code === 'Proceeding'
    )
  if (party.status.code === 'Proceeding' && party.role === 'agent' && siblings.length > 0) {
    return store.update(partyId, { status: { code: 'Disconnected', reason: 'Rejected' } })
  }
  const dropped = store.update(partyId, { status: { code: 'Disconnected' }, parkId: null })
  endRest(store, party.telephonySessionId, party.role === 'caller')
  return dropped
}

/** Ends every live leg of a session; legs still ringing become missed calls. */
export function endRest(store: Store, telephonySessionId: string, callerHungUp: boolean): void {
  for (const p of store.partiesOf(telephonySessionId)) {
    if (!isLive(p)) continue
    const ringing = p.status.code === 'Proceeding' && p.role !== 'caller'
    store.update(p.id, {
      status:
        ringing && callerHungUp
          ? { code: 'Disconnected', reason: 'Cancelled' }
          : { code: 'Disconnected' },
      ...(ringing && callerHungUp ? { missedCall: true } : {}),
      parkId: null
    })
  }
}
