import { createServer, type Socket } from 'node:net'
import { describe, expect, it } from 'vitest'
import { createCallControl, createDeviceDirectory } from '../../../../src/main/core/calls'
import { createRestClient } from '../../../../src/main/core/rest'
import { parkedCall, ringing, startControlRig, type CallRig, type Leg } from './rig'

/**
 * Hold/unhold, authorisation against the core's state, and the REST failure shapes (403, 429,
 * unreachable server), against the real emulator with the real SDK.
 */

/** A call ringing on the agent alone, answered by the agent through the control API. */
async function myAnsweredCall(r: CallRig): Promise<Leg> {
  const call = await ringing(r, ['@demo'], r.emu.agentExtensionId)
  await r.control('POST', `/${call.sid}/answer`, { by: '@demo' })
  return call
}

const statusOf = async (r: CallRig, call: Leg): Promise<string | undefined> =>
  (await r.truth(call.sid)).parties.find((p) => p.partyId === call.pid)?.status.code

describe('hold and unhold', () => {
  it("holds and resumes the agent's own call (emulator truth follows)", async () => {
    const { rig, calls, state } = await startControlRig()
    const call = await myAnsweredCall(rig)

    state.set(call.sid, call.pid, { kind: 'mine-active' })
    const held = await calls.hold(call.sid, call.pid)
    expect(held.ok && held.value.status.code).toBe('Hold')
    expect(await statusOf(rig, call)).toBe('Hold')

    state.set(call.sid, call.pid, { kind: 'mine-held' })
    const resumed = await calls.unhold(call.sid, call.pid)
    expect(resumed.ok && resumed.value.status.code).toBe('Answered')
    expect(await statusOf(rig, call)).toBe('Answered')
    expect(rig.requests.map((r) => r.split('/').pop())).toEqual(['hold', 'unhold'])
  })

  it('explains a 409 when the state was behind: the call is already on hold', async () => {
    const { rig, calls, state } = await startControlRig()
    const call = await myAnsweredCall(rig)
    await rig.control('POST', `/${call.sid}/hold`, { by: '@demo' })
    state.set(call.sid, call.pid, { kind: 'mine-active' })

    const r = await calls.hold(call.sid, call.pid)

    expect(r).toMatchObject({
      ok: false,
      error: { code: 'wrong-state', message: 'That call is already on hold.' }
    })
  })
})

describe('authorisation against main-process state', () => {
  it('refuses without sending anything when the state does not show the call as takeable', async () => {
    const { rig, calls, state } = await startControlRig()
    const parked = await parkedCall(rig)
    const mine = await myAnsweredCall(rig)
    state.set(mine.sid, mine.pid, { kind: 'mine-active' })
    state.set(parked.sid, parked.pid, { kind: 'ringing', ownerName: 'Maria Lopez' })

    const results = await Promise.all([
      // Not in the state at all: a renderer naming a real, parked call is still refused.
      calls.pickUpParked(parked.sid, 'p-made-up'),
      calls.pickUpParked(parked.sid, parked.pid),
      calls.answer(mine.sid, mine.pid),
      calls.unhold(mine.sid, mine.pid),
      calls.hold(parked.sid, parked.pid)
    ])

    expect(results.map((r) => !r.ok && r.error.code)).toEqual(Array(5).fill('not-allowed'))
    expect(results.map((r) => !r.ok && r.error.message)).toEqual([
      'Ringside no longer sees that call; it may have ended or been taken by someone else.',
      'That call is ringing for Maria Lopez, not parked; only parked calls can be picked up this way.',
      'That call is already yours.',
      'That call is not on hold.',
      'You can only hold a call you are on.'
    ])
    expect(rig.requests).toEqual([])
    expect(await statusOf(rig, parked)).toBe('Parked')
  })

  it('refuses ids that cannot be RingCentral ids before asking the state', async () => {
    const { rig, calls, state } = await startControlRig()
    const bad = ['..', '../../extension/~', '', 's-1?x=1', 'a'.repeat(200)]
    for (const id of bad) {
      const r = await calls.pickUpParked(id, 'p-1')
      expect(!r.ok && r.error.code).toBe('not-allowed')
    }
    const notString = await calls.hold(42 as unknown as string, { p: 1 } as unknown as string)
    expect(!notString.ok && notString.error.code).toBe('not-allowed')
    expect(state.calls).toEqual([])
    expect(rig.requests).toEqual([])
  })
})

describe('REST failures', () => {
  it('reports a missing CallControl permission by name (403)', async () => {
    const { rig, calls, state } = await startControlRig({
      scopes: ['ReadAccounts', 'ReadPresence', 'EditPresence', 'WebSocketsSubscription']
    })
    const parked = await parkedCall(rig)
    state.set(parked.sid, parked.pid, { kind: 'parked' })

    const r = await calls.pickUpParked(parked.sid, parked.pid)

    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'no-permission',
        message:
          'Ringside is not allowed to control calls: the app lacks the CallControl permission.'
      }
    })
    expect(rig.sent('/pickup')).toBe(1)
    expect(await statusOf(rig, parked)).toBe('Parked')
  })

  it('reports a 429 with the delay RingCentral asked for', async () => {
    const { rig, calls, state } = await startControlRig()
    const call = await myAnsweredCall(rig)
    state.set(call.sid, call.pid, { kind: 'mine-active' })
    rig.emu.control.setRateLimits({ limits: { light: 0 }, penaltySeconds: 5 })

    const r = await calls.hold(call.sid, call.pid)

    expect(r).toEqual({
      ok: false,
      error: {
        code: 'rate-limited',
        retryAfterMs: 5_000,
        message: 'RingCentral is busy; try again in 5 s.',
        detail: 'CMN-301 Request rate exceeded'
      }
    })
    // The SDK must not retry by itself after the delay: the agent decides.
    expect(rig.sent('/hold')).toBe(1)
    expect(await statusOf(rig, call)).toBe('Answered')
  })

  it('times out through the real SDK when the server never answers, and releases the click', async () => {
    const { rig, state } = await startControlRig()
    // A server that accepts and then says nothing: what a half-dead proxy looks like.
    const sockets: Socket[] = []
    const blackhole = createServer((s) => void sockets.push(s))
    await new Promise<void>((resolve) => blackhole.listen(0, '127.0.0.1', resolve))
    const { port } = blackhole.address() as { port: number }
    const sdk = rig.sdk.platform()
    const there = `http://127.0.0.1:${port}`
    const calls = createCallControl({
      rest: createRestClient({
        platform: () => ({
          get: (url, query, options) => sdk.get(there + url, query, options),
          post: (url, body, query, options) => sdk.post(there + url, body, query, options),
          put: (url, body, query, options) => sdk.put(there + url, body, query, options),
          patch: (url, body, query, options) => sdk.patch(there + url, body, query, options),
          delete: (url, body, query, options) => sdk.delete(there + url, body, query, options)
        })
      }),
      devices: createDeviceDirectory({ rest: rig.rest }),
      lookup: state.lookup,
      timeoutMs: 200
    })
    state.set('s-1', 'p-1', { kind: 'mine-active' })
    try {
      const started = Date.now()
      const r = await calls.hold('s-1', 'p-1')
      expect(!r.ok && r.error.code).toBe('timeout')
      expect(Date.now() - started).toBeLessThan(2_000)
      await calls.hold('s-1', 'p-1')
      expect(sockets.length).toBe(2)
    } finally {
      for (const s of sockets) s.destroy()
      await new Promise((resolve) => blackhole.close(resolve))
    }
  })

  it('reports an unreachable RingCentral as offline', async () => {
    const { rig, calls, state } = await startControlRig()
    const call = await myAnsweredCall(rig)
    state.set(call.sid, call.pid, { kind: 'mine-active' })
    await rig.close()

    const r = await calls.hold(call.sid, call.pid)

    expect(!r.ok && r.error.code).toBe('offline')
    expect(!r.ok && r.error.message).toBe(
      'Ringside cannot reach RingCentral. Check the network and try again.'
    )
  })
})
