/**
 * The party endpoints beyond hold, park and transfer (docs/platform.md#party-actions), one test
 * per endpoint, each citing its public source, each answer checked against the vendored schema
 * (test/fixtures/openapi/ringcentral-schemas.json) and each followed by the telephony
 * notifications the change sends. Real SDK and subscriptions client over real sockets.
 */
import { describe, expect, it } from 'vitest'
import type { Party } from '../../../src/emulator/callcentre/model'
import { startWorld, type World } from '../integration/support'
import { violations } from './schema'

type Json = Record<string, unknown>
const SESSIONS = '/restapi/v1.0/account/~/telephony/sessions'
const partyPath = (sid: string, pid: string): string =>
  `/restapi/v1.0/account/~/telephony/sessions/${sid}/parties/${pid}`

function ok<T>(out: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!out.ok) throw new Error(out.error.message)
  return out.value
}

/** PATCH through the SDK (World.rest has no PATCH); a non-2xx comes back as status + body. */
async function patch(
  world: World,
  path: string,
  body: unknown
): Promise<{ status: number; json: unknown }> {
  try {
    const res = await world.sdk.platform().send({ method: 'PATCH', url: path, body })
    return { status: res.status, json: (await res.json()) as unknown }
  } catch (e) {
    const response = (e as { response?: Response }).response
    if (response === undefined) throw e
    return { status: response.status, json: (await response.json()) as unknown }
  }
}

/** A call ringing the demo agent: from a colleague, or through the queue with a colleague. */
async function ringing(world: World, queue = false): Promise<{ sid: string; mine: Party }> {
  const e = world.emulator
  const [line1, line2] = e.engine.lines(e.agentExtensionId)
  const session = queue
    ? ok(
        e.engine.inboundCall({
          caller: { phoneNumber: '+14155550133' },
          ring: [e.agentExtensionId, line1!]
        })
      )
    : ok(e.engine.directCall(line2!, e.agentExtensionId))
  const sid = session.telephonySessionId
  const mine = e.engine
    .parties(sid)
    .find((p) => p.extensionId === e.agentExtensionId && p.direction === 'Inbound')!
  return { sid, mine }
}

async function connected(world: World): Promise<{ sid: string; mine: Party }> {
  const call = await ringing(world)
  ok(world.emulator.engine.answer(call.mine.id))
  return call
}

const statusOf = (world: World, partyId: string): Array<Json> =>
  world
    .parties((ev) => ev.includes('/telephony/sessions'))
    .filter((p) => p.id === partyId)
    .map((p) => p.status as unknown as Json)

describe('party endpoints', () => {
  // Source: updateCallParty, PATCH …/parties/{partyId} with PartyUpdateRequest {party: {muted,
  // standAlone}}; the docs and clients send the fields flat
  // (https://developers.ringcentral.com/api-reference/Call-Control/updateCallParty). Schema: CallParty.
  it('PATCH party: muted and standAlone, flat or wrapped, with a telephony event', async () => {
    const world = await startWorld({ seed: 6 })
    await world.subscribe([SESSIONS])
    const { sid, mine } = await connected(world)
    const r = await patch(world, partyPath(sid, mine.id), { muted: true })
    expect(r.status).toBe(200)
    expect(violations('CallParty', r.json)).toEqual([])
    expect(r.json).toMatchObject({ id: mine.id, muted: true, standAlone: false })
    const wrapped = await patch(world, partyPath(sid, mine.id), { party: { standAlone: true } })
    expect(wrapped.json).toMatchObject({ muted: true, standAlone: true })
    await world.waitFor(
      () =>
        world
          .parties(() => true)
          .some((p) => p.id === mine.id && (p as unknown as Json)['muted'] === true),
      'the muted event'
    )
    const bad = await patch(world, partyPath(sid, mine.id), { muted: 'yes' })
    expect(bad.status).toBe(400)
    expect(JSON.stringify(bad.json)).toContain('CMN-101')
    const empty = await patch(world, partyPath(sid, mine.id), {})
    expect(empty.status).toBe(400)
  })

  // Source: forwardCallParty, one of phoneNumber/extensionNumber/voicemail (ForwardTarget), 200
  // ForwardCallPartyResponse (https://developers.ringcentral.com/api-reference/Call-Control/forwardCallParty).
  it('forward: the ringing leg is redirected and the target rings', async () => {
    const world = await startWorld({ seed: 6 })
    await world.subscribe([SESSIONS])
    const e = world.emulator
    const { sid, mine } = await ringing(world)
    const colleague = e.cast.findExtension(e.engine.lines(e.agentExtensionId)[2]!)!
    const none = await world.rest('post', `${partyPath(sid, mine.id)}/forward`, {})
    expect(none.status).toBe(400)
    const two = await world.rest('post', `${partyPath(sid, mine.id)}/forward`, {
      phoneNumber: '+14155550100',
      extensionNumber: colleague.extensionNumber
    })
    expect(two.status).toBe(400)
    const r = await world.rest('post', `${partyPath(sid, mine.id)}/forward`, {
      extensionNumber: colleague.extensionNumber
    })
    expect(r.status).toBe(200)
    expect(violations('ForwardCallPartyResponse', r.json)).toEqual([])
    expect(r.json).toMatchObject({
      to: { extensionId: colleague.id },
      status: { code: 'Proceeding' }
    })
    expect(e.engine.party(mine.id)!.status).toEqual({
      code: 'Disconnected',
      reason: 'CallRedirected'
    })
    await world.waitFor(
      () => statusOf(world, mine.id).some((s) => s['reason'] === 'CallRedirected'),
      'the redirected leg'
    )
    const again = await world.rest('post', `${partyPath(sid, mine.id)}/forward`, {
      extensionNumber: colleague.extensionNumber
    })
    expect(again.status).toBe(409)
  })

  // Source: rejectParty, POST …/reject, 204 (https://developers.ringcentral.com/api-reference/Call-Control/rejectParty).
  it('reject: 204, the leg ends Disconnected/Rejected, a direct call ends', async () => {
    const world = await startWorld({ seed: 6 })
    await world.subscribe([SESSIONS])
    const e = world.emulator
    const { sid, mine } = await ringing(world)
    const r = await world.rest('post', `${partyPath(sid, mine.id)}/reject`)
    expect(r.status).toBe(204)
    expect(e.engine.party(mine.id)!.status).toEqual({ code: 'Disconnected', reason: 'Rejected' })
    expect(e.engine.parties(sid).every((p) => p.status.code === 'Disconnected')).toBe(true)
    await world.waitFor(
      () => statusOf(world, mine.id).some((s) => s['reason'] === 'Rejected'),
      'the rejected leg'
    )
    for (const s of statusOf(world, mine.id)) expect(violations('CallStatusInfo', s)).toEqual([])
    const late = await world.rest('post', `${partyPath(sid, mine.id)}/reject`)
    expect(late.status).toBe(409)
  })

  // Source: ignoreCallInQueue, POST …/ignore with IgnoreRequestBody {deviceId}, 204
  // (https://developers.ringcentral.com/api-reference/Call-Control/ignoreCallInQueue).
  it('ignore: a queue call stops ringing here and goes on ringing the colleague', async () => {
    const world = await startWorld({ seed: 6 })
    await world.subscribe([SESSIONS])
    const e = world.emulator
    const { sid, mine } = await ringing(world, true)
    const deviceId = e.cast.primaryDevice(e.agentExtensionId)!.id
    const body = { deviceId }
    expect(violations('IgnoreRequestBody', body)).toEqual([])
    const noDevice = await world.rest('post', `${partyPath(sid, mine.id)}/ignore`, {})
    expect(noDevice.status).toBe(400)
    const r = await world.rest('post', `${partyPath(sid, mine.id)}/ignore`, body)
    expect(r.status).toBe(204)
    expect(e.engine.party(mine.id)!.status.code).toBe('Disconnected')
    const colleague = e.engine
      .parties(sid)
      .find((p) => p.extensionId === e.engine.lines(e.agentExtensionId)[0])!
    expect(colleague.status.code).toBe('Proceeding')
    await world.waitFor(
      () => statusOf(world, mine.id).some((s) => s['code'] === 'Disconnected'),
      'the ignored leg'
    )
  })

  // Source: callFlipParty, POST …/flip with CallPartyFlip {callFlipId}, 200 without a body
  // (https://developers.ringcentral.com/api-reference/Call-Control/callFlipParty).
  it('flip: the call moves to another device of the user, the old leg ends CallFlip', async () => {
    const world = await startWorld({ seed: 6 })
    await world.subscribe([SESSIONS])
    const e = world.emulator
    const devices = e.cast.findExtension(e.agentExtensionId)!.devices
    const { sid, mine } = await connected(world)
    const current = devices.findIndex((d) => d.id === e.engine.party(mine.id)!.deviceId)
    const same = await world.rest('post', `${partyPath(sid, mine.id)}/flip`, {
      callFlipId: String(current + 1)
    })
    expect(same.status).toBe(400)
    const unknown = await world.rest('post', `${partyPath(sid, mine.id)}/flip`, { callFlipId: '9' })
    expect(unknown.status).toBe(400)
    if (devices.length < 2) return expect.fail(`seed 6 gives the demo agent one device only`)
    const body = { callFlipId: String(current === 0 ? 2 : 1) }
    expect(violations('CallPartyFlip', body)).toEqual([])
    const r = await world.rest('post', `${partyPath(sid, mine.id)}/flip`, body)
    expect(r).toEqual({ status: 200, json: undefined })
    expect(e.engine.party(mine.id)!.status).toEqual({ code: 'Disconnected', reason: 'CallFlip' })
    const moved = e.engine
      .parties(sid)
      .find((p) => p.extensionId === e.agentExtensionId && p.status.code === 'Answered')!
    expect(moved.deviceId).toBe(devices[Number(body.callFlipId) - 1]!.id)
    await world.waitFor(
      () => statusOf(world, mine.id).some((s) => s['reason'] === 'CallFlip'),
      'the flipped leg'
    )
  })

  // Source: bridgeCallParty, POST …/bridge with BridgeTargetRequest {telephonySessionId, partyId},
  // 200 CallParty (https://developers.ringcentral.com/api-reference/Call-Control/bridgeCallParty).
  it('bridge: the leg joins the other session, the old one is Gone with peerId', async () => {
    const world = await startWorld({ seed: 6 })
    await world.subscribe([SESSIONS])
    const e = world.emulator
    const first = await connected(world)
    ok(e.engine.hold(first.mine.id))
    const second = await connected(world)
    const body = { telephonySessionId: first.sid, partyId: first.mine.id }
    expect(violations('BridgeTargetRequest', body)).toEqual([])
    const self = await world.rest('post', `${partyPath(second.sid, second.mine.id)}/bridge`, {
      telephonySessionId: second.sid,
      partyId: second.mine.id
    })
    expect(self.status).toBe(400)
    const r = await world.rest('post', `${partyPath(second.sid, second.mine.id)}/bridge`, body)
    expect(r.status).toBe(200)
    expect(violations('CallParty', r.json)).toEqual([])
    const moved = r.json as Json
    expect(e.engine.party(String(moved['id']))!.telephonySessionId).toBe(first.sid)
    expect(e.engine.party(second.mine.id)!.status).toMatchObject({
      code: 'Gone',
      peerId: { telephonySessionId: first.sid, partyId: moved['id'] }
    })
    await world.waitFor(
      () => statusOf(world, second.mine.id).some((s) => s['code'] === 'Gone'),
      'the bridged leg'
    )
    const missing = await world.rest('post', `${partyPath(first.sid, first.mine.id)}/bridge`, {
      telephonySessionId: 's-nope',
      partyId: 'p-nope'
    })
    expect(missing.status).toBe(404)
  })

  // Source: the platform refuses call control on another user's party with CMN-404
  // (https://developers.ringcentral.com/api-reference/Call-Control).
  it("refuses each on another user's party", async () => {
    const world = await startWorld({ seed: 6 })
    const e = world.emulator
    const line = e.engine.lines(e.agentExtensionId)[0]!
    const sid = ok(
      e.engine.inboundCall({ caller: { phoneNumber: '+14155550134' }, ring: [line] })
    ).telephonySessionId
    const theirs = e.engine.parties(sid).find((p) => p.extensionId === line)!
    for (const action of ['reject', 'forward', 'ignore', 'flip', 'bridge']) {
      const r = await world.rest('post', `${partyPath(sid, theirs.id)}/${action}`, {})
      expect(r.status, action).toBe(403)
    }
    expect((await patch(world, partyPath(sid, theirs.id), { muted: true })).status).toBe(403)
  })
})
