/**
 * The emulator's TRUTH, as the control API serves it (docs/emulator.md "Call centre control"):
 * current sessions with every leg and its SIP dialog, and per-extension presence. Tests compare the
 * app's reconstructed state with this; it is a plain JSON view of the engine, not a wire format.
 */
import type { Engine } from './engine'
import type { Party, PresenceCall } from './model'

export interface LegTruth {
  readonly partyId: string
  readonly role: Party['role']
  readonly extensionId?: string
  readonly name?: string
  readonly deviceId?: string
  readonly direction: Party['direction']
  readonly from: Party['from']
  readonly to: Party['to']
  readonly status: Party['status']
  readonly missedCall: boolean
  readonly queueCall: boolean
  readonly startTime: string
  readonly sip: Party['dialog']
}

export interface SessionTruth {
  readonly telephonySessionId: string
  readonly sessionId: string
  readonly creationTime: string
  readonly sequence: number
  readonly ended: boolean
  readonly parties: ReadonlyArray<LegTruth>
}

export function legTruth(engine: Engine, p: Party): LegTruth {
  const ext = p.extensionId === undefined ? undefined : engine.cast.findExtension(p.extensionId)
  return {
    partyId: p.id,
    role: p.role,
    ...(p.extensionId === undefined ? {} : { extensionId: p.extensionId }),
    ...(ext === undefined ? {} : { name: ext.name }),
    ...(p.deviceId === undefined ? {} : { deviceId: p.deviceId }),
    direction: p.direction,
    from: p.from,
    to: p.to,
    status: p.status,
    missedCall: p.missedCall,
    queueCall: p.queueCall,
    startTime: new Date(p.startTime).toISOString(),
    sip: p.dialog
  }
}

export function sessionTruth(engine: Engine, telephonySessionId: string): SessionTruth | undefined {
  const s = engine.session(telephonySessionId)
  if (s === undefined) return undefined
  return {
    telephonySessionId: s.telephonySessionId,
    sessionId: s.sessionId,
    creationTime: new Date(s.creationTime).toISOString(),
    sequence: s.sequence,
    ended: s.ended,
    parties: engine.parties(telephonySessionId).map((p) => legTruth(engine, p))
  }
}

export function sessionsTruth(engine: Engine): SessionTruth[] {
  return engine.activeSessions().map((s) => sessionTruth(engine, s.telephonySessionId)!)
}

const callTruth = (c: PresenceCall): Record<string, unknown> => ({
  telephonySessionId: c.party.telephonySessionId,
  partyId: c.party.id,
  telephonyStatus: c.telephonyStatus,
  direction: c.direction,
  from: c.from,
  ...(c.fromName === undefined ? {} : { fromName: c.fromName }),
  to: c.to,
  ...(c.toName === undefined ? {} : { toName: c.toName }),
  queueCall: c.party.queueCall,
  sip: {
    callId: c.party.dialog.callId,
    fromTag: c.party.dialog.fromTag,
    toTag: c.party.dialog.toTag
  }
})

export function presenceTruth(engine: Engine): Array<Record<string, unknown>> {
  return engine.cast.extensions().flatMap((ext) => {
    const p = engine.presence(ext.id)
    if (p === undefined) return []
    return [
      {
        extensionId: ext.id,
        extensionNumber: ext.extensionNumber,
        name: ext.name,
        type: ext.type,
        sequence: p.sequence,
        presenceStatus: p.presenceStatus,
        userStatus: p.userStatus,
        dndStatus: p.dndStatus,
        telephonyStatus: p.telephonyStatus,
        ...(p.message === undefined ? {} : { message: p.message }),
        activeCalls: p.calls.map(callTruth)
      }
    ]
  })
}

export function castTruth(engine: Engine): Record<string, unknown> {
  const cast = engine.cast
  const brief = (id: string): Record<string, unknown> => {
    const e = cast.findExtension(id)!
    return { id, extensionNumber: e.extensionNumber, name: e.name, type: e.type }
  }
  return {
    accountId: cast.accountId,
    demoAgent: brief(cast.demoAgent.id),
    supervisor: brief(cast.supervisor.id),
    queue: brief(cast.queue.id),
    parkLocation: brief(cast.parkLocation.id),
    parkOrbits: cast.parkOrbits,
    agents: cast.agents.map((a) => ({
      ...brief(a.id),
      email: a.email,
      phoneNumber: a.phoneNumber,
      devices: a.devices,
      lines: engine.lines(a.id),
      favorites: engine.favorites(a.id)
    }))
  }
}
