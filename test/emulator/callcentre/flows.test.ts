import { describe, expect, it } from 'vitest'
import { createCast } from '../../../src/emulator/callcentre/cast'
import { Engine } from '../../../src/emulator/callcentre/engine'
import { rig, START, type Rig } from './support'

const CALLER = { name: 'Dana Whitfield', phoneNumber: '+14155550123' }

function ok<T>(out: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!out.ok) throw new Error(out.error.message)
  return out.value
}

/** A queue call ringing the first two agents. */
function queueCall(r: Rig): { sid: string; a: string; b: string } {
  const [x, y] = r.cast.agents
  const sid = ok(r.engine.inboundCall({ caller: CALLER, ring: [x!.id, y!.id] })).telephonySessionId
  const legs = r.engine.parties(sid)
  return { sid, a: legs[2]!.id, b: legs[3]!.id }
}

const codes = (r: Rig, sid: string): string[] =>
  r.engine
    .parties(sid)
    .map((p) => `${p.role}:${p.status.code}${p.status.reason ? `/${p.status.reason}` : ''}`)

describe('engine flows', () => {
  it('rings a queue call on several agents; one answers, the others are Disconnected/AgentAnswered', () => {
    const r = rig()
    const { sid, a, b } = queueCall(r)
    expect(codes(r, sid)).toEqual([
      'caller:Proceeding',
      'queue:Proceeding',
      'agent:Proceeding',
      'agent:Proceeding'
    ])
    expect(r.engine.presence(r.cast.agents[0]!.id)?.telephonyStatus).toBe('Ringing')
    ok(r.engine.answer(a))
    expect(codes(r, sid)).toEqual([
      'caller:Answered',
      'queue:Disconnected/AgentAnswered',
      'agent:Answered',
      'agent:Disconnected/AgentAnswered'
    ])
    expect(r.engine.party(a)?.queueCall).toBe(true)
    expect(r.engine.party(a)?.recordings).toHaveLength(1)
    const lost = r.engine.answer(b)
    expect(lost.ok).toBe(false)
    if (!lost.ok) {
      expect(lost.error.status).toBe(409)
      expect(lost.error.message).toContain(`already answered by ${r.cast.agents[0]!.name}`)
    }
  })

  it('holds and unholds (back to Answered); hold on a Disconnected leg is a 409 naming who answered', () => {
    const r = rig()
    const { a, b } = queueCall(r)
    ok(r.engine.answer(a))
    expect(ok(r.engine.hold(a)).status.code).toBe('Hold')
    expect(r.engine.presence(r.cast.agents[0]!.id)?.telephonyStatus).toBe('OnHold')
    expect(r.engine.hold(a).ok).toBe(false)
    expect(ok(r.engine.unhold(a)).status.code).toBe('Answered')
    const bad = r.engine.hold(b)
    expect(bad.ok ? undefined : bad.error).toMatchObject({ status: 409, code: 'TAS-102' })
    expect(r.engine.hold('p-nope-1').ok ? 0 : 404).toBe(404)
  })

  it('parks on the first free orbit; the park location shows ParkedCall; a second park takes *802', () => {
    const r = rig()
    const first = queueCall(r)
    ok(r.engine.answer(first.a))
    const parked = ok(r.engine.park(first.a))
    expect(parked.status).toEqual({ code: 'Parked', reason: 'CallPark', parkData: '*801' })
    expect(parked.parkId).toBe('801')
    const park = r.engine.presence(r.cast.parkLocation.id)!
    expect(park.telephonyStatus).toBe('ParkedCall')
    expect(park.calls.map((c) => c.party.id)).toEqual([first.a])
    expect(r.engine.presence(r.cast.agents[0]!.id)?.telephonyStatus).toBe('NoCall')
    const second = queueCall(r)
    ok(r.engine.answer(second.b))
    expect(ok(r.engine.park(second.b)).status.parkData).toBe('*802')
    expect(r.engine.park(first.a).ok).toBe(false)
  })

  it('picks up from park: old legs Gone with peerId, a new session Answered on the picker', () => {
    const r = rig()
    const { sid, a } = queueCall(r)
    ok(r.engine.answer(a))
    ok(r.engine.park(a))
    const picker = r.cast.agents[5]!
    const mine = ok(r.engine.pickup(a, picker.id))
    expect(mine).toMatchObject({ extensionId: picker.id, status: { code: 'Answered' } })
    expect(mine.telephonySessionId).not.toBe(sid)
    const old = r.engine.party(a)!
    expect(old.status).toMatchObject({ code: 'Gone', reason: 'Pickup' })
    expect(old.status.peerId).toEqual({
      sessionId: mine.telephonySessionId,
      telephonySessionId: mine.telephonySessionId,
      partyId: mine.id
    })
    expect(r.engine.session(sid)?.ended).toBe(true)
    expect(r.engine.presence(r.cast.parkLocation.id)?.telephonyStatus).toBe('NoCall')
    expect(r.engine.presence(picker.id)?.telephonyStatus).toBe('CallConnected')
    expect(mine.dialog.callId).not.toBe(old.dialog.callId)
  })

  it('refuses pickup of a call that is not parked (409) and without a device of the picker (400)', () => {
    const r = rig()
    const { a } = queueCall(r)
    ok(r.engine.answer(a))
    const notParked = r.engine.pickup(a, r.cast.agents[4]!.id)
    expect(notParked.ok ? undefined : notParked.error.status).toBe(409)
    ok(r.engine.park(a))
    const wrongDevice = r.engine.pickup(a, r.cast.agents[4]!.id, r.cast.agents[0]!.devices[0]!.id)
    expect(wrongDevice.ok ? undefined : wrongDevice.error.status).toBe(400)
  })

  it('blind-transfers: the leg ends Disconnected/BlindTransfer without peerId and is returned; the new leg rings', () => {
    const r = rig()
    const { sid, a } = queueCall(r)
    ok(r.engine.answer(a))
    const to = r.cast.agents[6]!
    const returned = ok(r.engine.transfer(a, { kind: 'extension', extensionId: to.id }))
    // As call-control-js's fixtures show it (docs/platform.md#blind-transfer).
    expect(returned).toMatchObject({
      id: a,
      status: { code: 'Disconnected', reason: 'BlindTransfer' }
    })
    expect(returned.status.peerId).toBeUndefined()
    const added = r.engine.parties(sid).find((p) => p.extensionId === to.id)!
    expect(added).toMatchObject({ status: { code: 'Proceeding' }, telephonySessionId: sid })
    ok(r.engine.answer(added.id))
    expect(r.engine.presence(to.id)?.telephonyStatus).toBe('CallConnected')
  })

  it('attended transfer: consult in a second session, complete keeps the colleague’s SIP dialog', () => {
    const r = rig()
    const { sid, a } = queueCall(r)
    ok(r.engine.answer(a))
    const colleague = r.cast.agents[7]!
    const ringing = ok(r.engine.consult(a, colleague.id))
    expect(r.engine.party(a)?.status.code).toBe('Hold')
    expect(ringing.telephonySessionId).not.toBe(sid)
    expect(r.engine.completeConsult(ringing.telephonySessionId).ok).toBe(false)
    ok(r.engine.answer(ringing.id))
    const moved = ok(r.engine.completeConsult(ringing.telephonySessionId))
    expect(moved).toMatchObject({
      telephonySessionId: sid,
      extensionId: colleague.id,
      status: { code: 'Answered' }
    })
    expect(moved.dialog).toEqual(ringing.dialog)
    expect(r.engine.party(a)?.status).toMatchObject({
      code: 'Gone',
      reason: 'AttendedTransfer',
      peerId: { partyId: moved.id }
    })
    expect(r.engine.session(ringing.telephonySessionId)?.ended).toBe(true)
    expect(r.engine.findLeg({ callId: moved.dialog.callId })?.id).toBe(moved.id)
  })

  it('misses a queue call: ringing legs time out as missed calls, the queue leg goes to VoiceMail', () => {
    const r = rig()
    const { sid, a } = queueCall(r)
    const vm = ok(r.engine.miss(sid))
    expect(vm).toMatchObject({
      role: 'queue',
      status: { code: 'VoiceMail', reason: 'Voicemail' },
      missedCall: true
    })
    expect(r.engine.party(a)).toMatchObject({
      status: { code: 'Disconnected', reason: 'Timeout' },
      missedCall: true
    })
    expect(r.engine.presence(r.cast.agents[0]!.id)?.telephonyStatus).toBe('NoCall')
    ok(r.engine.endSession(sid, true))
    expect(r.engine.session(sid)?.ended).toBe(true)
  })

  it('a queue call that rang nobody still times out into the queue voicemail', () => {
    const r = rig()
    const sid = ok(r.engine.inboundCall({ caller: CALLER, ring: [] })).telephonySessionId
    expect(ok(r.engine.miss(sid))).toMatchObject({ role: 'queue', status: { code: 'VoiceMail' } })
    expect(r.engine.miss(sid).ok).toBe(false)
  })

  it('direct calls ring the callee, connect both, and drop ends both legs', () => {
    const r = rig()
    const [x, y] = r.cast.agents
    const sid = ok(r.engine.directCall(x!.id, y!.id)).telephonySessionId
    const [out, inn] = r.engine.parties(sid)
    expect(out).toMatchObject({ direction: 'Outbound', extensionId: x!.id })
    expect(r.engine.presence(y!.id)?.telephonyStatus).toBe('Ringing')
    ok(r.engine.answer(inn!.id))
    expect(codes(r, sid)).toEqual(['agent:Answered', 'agent:Answered'])
    ok(r.engine.drop(inn!.id))
    expect(codes(r, sid)).toEqual(['agent:Disconnected', 'agent:Disconnected'])
    expect(r.engine.drop(inn!.id).ok).toBe(false)
  })

  it('a direct call nobody answers goes to the callee’s voicemail as a missed call', () => {
    const r = rig()
    const [x, y] = r.cast.agents
    const sid = ok(r.engine.directCall(x!.id, y!.id)).telephonySessionId
    ok(r.engine.miss(sid))
    expect(codes(r, sid)).toEqual(['agent:Answered', 'agent:VoiceMail/Voicemail'])
  })

  it('updates presence settings and emits a presence change only when something changed', () => {
    const r = rig()
    const agent = r.cast.agents[3]!
    const before = r.engine.presence(agent.id)!.sequence
    const out = ok(
      r.engine.setPresence(agent.id, { userStatus: 'Busy', dndStatus: 'DoNotAcceptAnyCalls' })
    )
    expect(out).toMatchObject({ userStatus: 'Busy', presenceStatus: 'Busy', sequence: before + 1 })
    r.changes.length = 0
    ok(r.engine.setPresence(agent.id, { userStatus: 'Busy' }))
    expect(r.changes).toHaveLength(0)
  })

  it('replaces the monitored lines and favorites, validating the ids', () => {
    const r = rig()
    const me = r.cast.demoAgent.id
    const [x, y] = r.cast.agents.slice(3)
    expect(ok(r.engine.setLines(me, [x!.id, y!.id, x!.id]))).toEqual([x!.id, y!.id])
    expect(r.engine.monitors(me, x!.id)).toBe(true)
    expect(r.changes.at(-1)).toMatchObject({ kind: 'line-list', extensionId: me, sequence: 1 })
    expect(r.engine.setLines(me, ['123']).ok).toBe(false)
    expect(r.engine.setLines(me, [me]).ok).toBe(false)
    ok(r.engine.setFavorites(me, [y!.id]))
    expect(r.engine.isFavorite(me, y!.id)).toBe(true)
  })
})

describe('engine listeners', () => {
  it('hear every change even when one throws; the command still succeeds and the error is reported', () => {
    const errors: unknown[] = []
    const cast = createCast({ seed: 7, agents: 4 })
    const engine = new Engine(cast, {
      seed: 7,
      now: () => START,
      onListenerError: (e) => errors.push(e)
    })
    const boom = new Error('boom')
    const heard: number[] = []
    engine.onChanges(() => {
      throw boom
    })
    const off = engine.onChanges((changes) => heard.push(changes.length))
    const [x] = cast.agents
    const out = engine.inboundCall({ caller: CALLER, ring: [x!.id] })
    expect(out.ok).toBe(true)
    expect(heard).toHaveLength(1)
    expect(heard[0]).toBeGreaterThan(0)
    expect(errors).toEqual([boom])
    off()
    engine.inboundCall({ caller: CALLER, ring: [x!.id] })
    expect(heard).toHaveLength(1)
  })
})
