import { describe, expect, it } from 'vitest'
import { explain } from '../../../../src/main/core/calls/errors'
import { parkedCall, ringing, startControlRig } from './rig'

/**
 * Pickup of parked calls and answering queue calls, against the real emulator with the real SDK.
 * The device list is loaded first, so every action below is exactly one request on the wire.
 */

describe('pickUpParked', () => {
  it('picks a parked call up onto the chosen device (201) and the emulator moves it there', async () => {
    const { rig, calls, state, device } = await startControlRig()
    const parked = await parkedCall(rig)
    state.set(parked.sid, parked.pid, { kind: 'parked' })

    const r = await calls.pickUpParked(parked.sid, parked.pid)

    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value.status.code).toBe('Answered')
    expect(r.value.extensionId).toBe(rig.emu.agentExtensionId)
    expect(r.value.to?.deviceId).toBe(device.id)
    expect(rig.requests).toEqual([
      `POST /restapi/v1.0/account/~/telephony/sessions/${parked.sid}/parties/${parked.pid}/pickup`
    ])
    // Truth: the parked leg is Gone to a new session where the agent talks on the chosen device.
    const old = (await rig.truth(parked.sid)).parties.find((p) => p.partyId === parked.pid)
    expect(old?.status.code).toBe('Gone')
    expect(old?.status.reason).toBe('Pickup')
    const newSid = old?.status.peerId?.telephonySessionId ?? ''
    const mine = (await rig.truth(newSid)).parties.find(
      (p) => p.extensionId === rig.emu.agentExtensionId
    )
    expect(mine?.status.code).toBe('Answered')
    expect(mine?.deviceId).toBe(device.id)
  })

  it('sends one request for a double-click: identical actions in flight share one promise', async () => {
    const { rig, calls, state } = await startControlRig()
    const parked = await parkedCall(rig)
    state.set(parked.sid, parked.pid, { kind: 'parked' })

    const clicks = [1, 2, 3, 4, 5].map(() => calls.pickUpParked(parked.sid, parked.pid))
    expect(new Set(clicks).size).toBe(1)
    const results = await Promise.all(clicks)

    expect(results.every((r) => r.ok)).toBe(true)
    expect(rig.sent('/pickup')).toBe(1)
    expect(rig.requests).toHaveLength(1)
    const sessions = await rig.control<{ records: unknown[] }>('GET', '')
    // The original (now ended) session is gone from the live list; exactly one new one exists.
    expect(sessions.records).toHaveLength(1)
  })

  it('explains who was faster when a colleague picked the call up first', async () => {
    const { rig, calls, state } = await startControlRig()
    const parked = await parkedCall(rig)
    const { party } = await rig.control<{ party: { name: string } }>(
      'POST',
      `/${parked.sid}/pickup`,
      { by: '@line2' }
    )
    // Stale at the click, updated by the time RingCentral refuses (events arrive in between).
    let asked = 0
    state.set(parked.sid, parked.pid, () =>
      asked++ === 0 ? { kind: 'parked' } : { kind: 'unknown', ownerName: party.name }
    )

    const r = await calls.pickUpParked(parked.sid, parked.pid)

    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'already-answered',
        message: `The call was already picked up by ${party.name}.`
      }
    })
    expect(rig.sent('/pickup')).toBe(1)
  })

  it('names the colleague who took the call from the Gone link, never the one who parked it', async () => {
    const { rig, calls, state } = await startControlRig()
    const parked = await parkedCall(rig)
    const { party } = await rig.control<{ party: { name: string } }>(
      'POST',
      `/${parked.sid}/pickup`,
      { by: '@line2' }
    )
    // The state has not heard of the pickup yet: all it knows is who parked the call.
    state.set(parked.sid, parked.pid, { kind: 'parked', ownerName: 'Parker Person' })

    const r = await calls.pickUpParked(parked.sid, parked.pid)

    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.code).toBe('already-answered')
    expect(r.error.message).toBe(`The call was already picked up by ${party.name}.`)
    expect(r.error.detail).toMatch(/^TAS-102 /)
    expect(rig.sent('/pickup')).toBe(1)
  })

  it('names nobody when nobody is known, not even the one who parked it', () => {
    const error = explain(
      {
        kind: 'http',
        status: 409,
        body: { errorCode: 'TAS-102', message: 'Cannot pick up (it moved to another call leg)' },
        retryAfterMs: undefined,
        message: 'Incorrect State'
      },
      {
        action: 'pickup',
        before: { kind: 'parked', ownerName: 'Parker Person' },
        after: { kind: 'parked', ownerName: 'Parker Person' }
      }
    )
    expect(error.message).toBe('Someone else already picked up that call.')
  })

  it('reports an unknown session as ended (404)', async () => {
    const { rig, calls, state } = await startControlRig()
    state.set('s-a0000000000000000000', 'p-a0000000000000000000-1', { kind: 'parked' })

    const r = await calls.pickUpParked('s-a0000000000000000000', 'p-a0000000000000000000-1')

    expect(r).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: 'That call has ended.' }
    })
    expect(rig.requests).toHaveLength(1)
  })
})

describe('answer', () => {
  it('answers a queue call ringing on the agent, on the chosen device', async () => {
    const { rig, calls, state, device } = await startControlRig()
    const me = rig.emu.agentExtensionId
    const call = await ringing(rig, ['@demo', '@line1'], me)
    expect(call.leg.queueCall).toBe(true)
    state.set(call.sid, call.pid, { kind: 'ringing' })

    const r = await calls.answer(call.sid, call.pid)

    expect(r.ok).toBe(true)
    if (r.ok) expect(r.value.attributes?.queueCall).toBe(true)
    expect(rig.requests).toEqual([
      `POST /restapi/v1.0/account/~/telephony/sessions/${call.sid}/parties/${call.pid}/answer`
    ])
    const truth = await rig.truth(call.sid)
    const mine = truth.parties.find((p) => p.partyId === call.pid)
    expect(mine?.status.code).toBe('Answered')
    expect(mine?.deviceId).toBe(device.id)
    const other = truth.parties.find((p) => p.role === 'agent' && p.extensionId !== me)
    expect(other?.status).toMatchObject({ code: 'Disconnected', reason: 'AgentAnswered' })
  })

  it('names the colleague who answered first', async () => {
    const { rig, calls, state } = await startControlRig()
    const call = await ringing(rig, ['@demo', '@line1'], rig.emu.agentExtensionId)
    const { party } = await rig.control<{ party: { name: string } }>(
      'POST',
      `/${call.sid}/answer`,
      { by: '@line1' }
    )
    state.set(call.sid, call.pid, { kind: 'ringing' })

    const r = await calls.answer(call.sid, call.pid)

    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'already-answered',
        message: `The call was already answered by ${party.name}.`
      }
    })
    expect(rig.requests).toHaveLength(1)
  })
})
