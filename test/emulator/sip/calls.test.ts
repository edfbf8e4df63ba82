/**
 * Calls to the agent's own phone: the real web phone in Chromium rings, answers, holds, unholds and
 * hangs up, with audio both ways, and the emulator's truth says where the call is at every step.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { LegTruth, SessionTruth } from '../../../src/emulator/callcentre/truth'
import { inPage, startSipWorld, until, type SipWorld } from './support'
import type { SessionView } from './phone-page'

let world: SipWorld | undefined
afterEach(async () => {
  await world?.close()
  world = undefined
})

/** A world whose demo agent's web phone is registered. */
async function registered(): Promise<{ w: SipWorld; device: string }> {
  world = await startSipWorld()
  const p = await world.provision()
  const started = await world.startPhone(p.sipInfo[0]!, 'inst-calls-1')
  expect(started.ok).toBe(true)
  return { w: world, device: p.device.id }
}

async function leg(w: SipWorld, sid: string, ext: string): Promise<LegTruth | undefined> {
  const s = (await w.truth()).find((t) => t.telephonySessionId === sid)
  return s?.parties.find((p) => p.extensionId === ext && p.role === 'agent')
}

async function ringing(w: SipWorld): Promise<SessionView> {
  let found: SessionView | undefined
  await until(async () => {
    found = (await w.view()).find((s) => s.direction === 'inbound' && !s.disposed)
    return found !== undefined
  }, 'the phone to ring')
  return found!
}

describe('calls to the agent over SIP', () => {
  it('a direct call rings here, is answered, held, unheld and hung up; audio flows', async () => {
    const { w, device } = await registered()
    const demo = w.emulator.agentExtensionId
    const made = await w.control('POST', '/__emulator/calls', {
      type: 'direct',
      from: '@line1',
      to: '@demo'
    })
    expect(made.status).toBe(201)
    const sid = (made.json as SessionTruth).telephonySessionId
    const call = await ringing(w)
    const mine = (await leg(w, sid, demo))!
    expect(mine.status.code).toBe('Proceeding')
    expect(call.partyId).toBe(mine.partyId)
    expect(call.sessionId).toBe(sid)
    expect(call.callId).toBe(mine.sip.callId)
    expect(call.info?.['callerIdName']).toBe(
      w.emulator.cast.findExtension(mine.from.extensionId!)!.name
    )
    expect(call.info?.['queueName']).toBeUndefined()
    expect(call.autoAnswer).toBeNull()

    await w.act(call.i, 'answer')
    await until(async () => (await leg(w, sid, demo))?.status.code === 'Answered', 'Answered')
    const answered = (await leg(w, sid, demo))!
    expect(answered.deviceId).toBe(device)
    const local = (await w.view())[call.i]!
    expect(answered.sip.callId).toBe(local.callId)
    // The model's orientation: fromTag the platform's (the phone's remote), toTag the device's.
    expect(answered.sip.toTag).toBe(local.localTag)
    expect(answered.sip.fromTag).toBe(local.remoteTag)

    await until(
      async () => (await inPage(w.page, 'inboundPackets', call.i)) > 10,
      'the tone to reach the phone'
    )
    await until(
      async () =>
        ((await w.dialogs()).find((d) => d.callId === call.callId)?.rtpReceived ?? 0) > 10,
      'the phone audio to reach the far end'
    )

    await w.act(call.i, 'hold')
    await until(async () => (await leg(w, sid, demo))?.status.code === 'Hold', 'Hold')
    await w.act(call.i, 'unhold')
    await until(async () => (await leg(w, sid, demo))?.status.code === 'Answered', 'Answered again')
    await w.act(call.i, 'hangup')
    await until(
      async () => (await w.truth()).every((s) => s.telephonySessionId !== sid),
      'the call to end'
    )
    await until(async () => (await w.dialogs()).length === 0, 'the dialog to go')
    expect(w.emulator.sip!.calls.dialogs()).toHaveLength(0)
  })

  it('a queue call carries the queue; a caller hanging up cancels the ringing INVITE', async () => {
    const { w } = await registered()
    const demo = w.emulator.agentExtensionId
    const made = await w.control('POST', '/__emulator/calls', {
      type: 'inbound',
      from: { name: 'Dana Whitfield', phoneNumber: '+14155550123' },
      ring: ['@demo', '@line1']
    })
    const sid = (made.json as SessionTruth).telephonySessionId
    const call = await ringing(w)
    expect(call.info).toEqual({ callerIdName: 'Dana Whitfield', queueName: 'Support Queue' })
    expect((await leg(w, sid, demo))?.status.code).toBe('Proceeding')
    await w.control('POST', `/__emulator/calls/${sid}/hangup`)
    await until(
      async () => (await w.view())[call.i]!.disposed,
      'the CANCEL to end the ringing call'
    )
  })

  it('decline on the phone rejects the leg; the colleague still rings', async () => {
    const { w } = await registered()
    const demo = w.emulator.agentExtensionId
    const made = await w.control('POST', '/__emulator/calls', {
      type: 'inbound',
      ring: ['@demo', '@line1']
    })
    const sid = (made.json as SessionTruth).telephonySessionId
    const call = await ringing(w)
    await w.act(call.i, 'decline')
    const mine = (await leg(w, sid, demo))!
    expect(mine.status).toMatchObject({ code: 'Disconnected', reason: 'Rejected' })
    const others = (await w.truth()).find((s) => s.telephonySessionId === sid)!.parties
    expect(
      others.some(
        (p) => p.extensionId !== demo && p.role === 'agent' && p.status.code === 'Proceeding'
      )
    ).toBe(true)
  })

  it('REST answer with the WebPhone device sends an auto-answer INVITE; the phone answers it', async () => {
    const { w, device } = await registered()
    const demo = w.emulator.agentExtensionId
    const made = await w.control('POST', '/__emulator/calls', {
      type: 'inbound',
      ring: ['@demo', '@line1']
    })
    const sid = (made.json as SessionTruth).telephonySessionId
    const first = await ringing(w)
    const mine = (await leg(w, sid, demo))!
    await w.control('POST', `/__emulator/calls/${sid}/answer`, { by: '@demo' })
    await until(async () => (await w.view())[first.i]!.disposed, 'the first INVITE to be cancelled')
    await until(
      async () =>
        (await w.view()).some((s) => s.autoAnswer === 'Auto Answer' && s.state === 'answered'),
      'auto answer'
    )
    await until(
      async () => (await w.dialogs()).some((d) => d.autoAnswer && d.state === 'confirmed'),
      'confirmed'
    )
    const answered = (await leg(w, sid, demo))!
    expect(answered.partyId).toBe(mine.partyId)
    expect(answered).toMatchObject({ deviceId: device, status: { code: 'Answered' } })
    const auto = (await w.view()).find((s) => s.autoAnswer === 'Auto Answer')!
    expect(answered.sip.toTag).toBe(auto.localTag)
  })
})
