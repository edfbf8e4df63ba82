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
    expect(w.emulator.sip!.openPeers()).toBe(0)
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

describe('REST answer to the WebPhone device', () => {
  it('rings the phone with Auto Answer and answers with the leg on the phone', async () => {
    const { w, device } = await registered()
    const demo = w.emulator.agentExtensionId
    const made = await w.control('POST', '/__emulator/calls', {
      type: 'inbound',
      ring: ['@demo', '@line1']
    })
    const sid = (made.json as SessionTruth).telephonySessionId
    const first = await ringing(w)
    const sdk = await w.sdk()
    const res = await sdk
      .platform()
      .post(`/restapi/v1.0/account/~/telephony/sessions/${sid}/parties/${first.partyId!}/answer`, {
        deviceId: device
      })
    const party = (await res.json()) as { id: string; status: { code: string }; to: unknown }
    expect(party.status.code).toBe('Answered')
    // By the time REST answered, the phone had answered the auto-answer INVITE.
    const auto = (await w.view()).find((v) => v.autoAnswer === 'Auto Answer')!
    expect(auto.state).toBe('answered')
    expect((await w.view())[first.i]!.disposed).toBe(true)
    const mine = (await leg(w, sid, demo))!
    expect(mine).toMatchObject({
      partyId: first.partyId,
      deviceId: device,
      status: { code: 'Answered' }
    })
    expect(mine.sip).toMatchObject({ callId: auto.callId, toTag: auto.localTag })
  })
})

describe('INFO and REFER from the phone', () => {
  async function connected(): Promise<{ w: SipWorld; sid: string; i: number; partyId: string }> {
    const { w } = await registered()
    const made = await w.control('POST', '/__emulator/calls', { type: 'inbound', ring: ['@demo'] })
    const sid = (made.json as SessionTruth).telephonySessionId
    const call = await ringing(w)
    await w.act(call.i, 'answer')
    const demo = w.emulator.agentExtensionId
    await until(async () => (await leg(w, sid, demo))?.status.code === 'Answered', 'Answered')
    return { w, sid, i: call.i, partyId: call.partyId! }
  }

  it('park answers with the server INFO result; the phone hangs up and the leg stays parked', async () => {
    const { w, sid, i, partyId } = await connected()
    const result = JSON.parse(String(await w.act(i, 'park'))) as Record<string, unknown>
    expect(result).toMatchObject({ code: 0, description: 'Succeeded' })
    const parked = (await w.truth())
      .find((s) => s.telephonySessionId === sid)!
      .parties.find((p) => p.partyId === partyId)!
    expect(parked.status).toMatchObject({
      code: 'Parked',
      parkData: `*${String(result['park extension'])}`
    })
    await until(async () => (await w.dialogs()).length === 0, 'the BYE after parking')
    const still = (await w.truth())
      .find((s) => s.telephonySessionId === sid)!
      .parties.find((p) => p.partyId === partyId)!
    expect(still.status.code).toBe('Parked')
    expect(w.emulator.sip!.openPeers()).toBe(0)
  })

  it('flip answers with the server INFO result and moves the call to the number', async () => {
    const { w, sid, i, partyId } = await connected()
    const result = JSON.parse(String(await w.act(i, 'flip', '+14155550199'))) as Record<
      string,
      unknown
    >
    expect(result).toMatchObject({ code: 0, description: 'Succeeded' })
    await until(async () => (await w.view())[i]!.disposed, 'the BYE after the flip')
    const parties = w.emulator.engine.parties(sid)
    expect(['Disconnected', 'Gone']).toContain(parties.find((p) => p.id === partyId)!.status.code)
    const all = (await w.truth()).flatMap((t) => t.parties)
    expect(
      all.some((p) => p.to.phoneNumber === '+14155550199' || p.from.phoneNumber === '+14155550199')
    ).toBe(true)
    expect(w.emulator.sip!.openPeers()).toBe(0)
  })

  it('REFER gets 202, the blind transfer, then BYE', async () => {
    const { w, i, partyId } = await connected()
    const colleague = w.emulator.cast.findExtension(
      w.emulator.engine.lines(w.emulator.agentExtensionId)[0]!
    )!
    await w.act(i, 'transfer', colleague.extensionNumber)
    const parties = (await w.truth()).flatMap((s) => s.parties)
    expect(['Disconnected', 'Gone']).toContain(
      parties.find((p) => p.partyId === partyId)?.status.code
    )
    expect(
      parties.some((p) => p.extensionId === colleague.id && p.status.code === 'Proceeding')
    ).toBe(true)
    expect((await w.view())[i]!.disposed).toBe(true)
  })
})
