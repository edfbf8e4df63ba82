/**
 * One-click pickup over SIP with the real web phone: an INVITE with Replaces takes a held or a
 * ringing monitored call, strictly matched; every failure ends the phone's call() cleanly and leaves
 * the other leg untouched. The emulator's truth judges every outcome.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { LegTruth, SessionTruth } from '../../../src/emulator/callcentre/truth'
import { inPage, startSipWorld, until, type SipWorld } from './support'

let world: SipWorld | undefined
afterEach(async () => {
  await world?.close()
  world = undefined
})

interface Setup {
  readonly w: SipWorld
  readonly device: string
  readonly colleague: { id: string; extensionNumber: string }
}

async function registered(): Promise<Setup> {
  world = await startSipWorld()
  const p = await world.provision()
  expect((await world.startPhone(p.sipInfo[0]!, 'inst-pickup-1')).ok).toBe(true)
  const lineId = world.emulator.engine.lines(world.emulator.agentExtensionId)[0]!
  const ext = world.emulator.cast.findExtension(lineId)!
  return {
    w: world,
    device: p.device.id,
    colleague: { id: ext.id, extensionNumber: ext.extensionNumber }
  }
}

async function session(w: SipWorld, sid: string): Promise<SessionTruth | undefined> {
  return (await w.truth()).find((t) => t.telephonySessionId === sid)
}

async function legOf(w: SipWorld, sid: string, ext: string): Promise<LegTruth[]> {
  return (await session(w, sid))?.parties.filter((p) => p.extensionId === ext) ?? []
}

/** A queue call ringing only the colleague; answered and held by them when `held`. */
async function colleagueCall(s: Setup, held: boolean): Promise<{ sid: string; leg: LegTruth }> {
  const made = await s.w.control('POST', '/__emulator/calls', {
    type: 'inbound',
    ring: [s.colleague.id]
  })
  const sid = (made.json as SessionTruth).telephonySessionId
  if (held) {
    expect(
      (await s.w.control('POST', `/__emulator/calls/${sid}/answer`, { by: s.colleague.id })).status
    ).toBe(200)
    expect(
      (await s.w.control('POST', `/__emulator/calls/${sid}/hold`, { by: s.colleague.id })).status
    ).toBe(200)
  }
  return { sid, leg: (await legOf(s.w, sid, s.colleague.id))[0]! }
}

async function pickup(s: Setup, replaces: string): Promise<string> {
  const before = (await s.w.view()).length
  await inPage(s.w.page, 'pickup', 0, s.colleague.extensionNumber, replaces)
  let outcome = 'pending'
  await until(async () => {
    outcome = (await s.w.view())[before]?.outcome ?? 'pending'
    return outcome !== 'pending'
  }, 'the pickup to end')
  return outcome
}

async function colleagueTelephony(w: SipWorld, ext: string): Promise<string | undefined> {
  const reply = await w.control('GET', '/__emulator/calls/presence')
  const records = (
    reply.json as { records: Array<{ extensionId: string; telephonyStatus: string }> }
  ).records
  return records.find((r) => r.extensionId === ext)?.telephonyStatus
}

describe('pickup over SIP with Replaces', () => {
  it('takes a held call on a monitored line: old leg Gone/TakeOver, new leg Answered here, audio', async () => {
    const s = await registered()
    const { sid, leg } = await colleagueCall(s, true)
    expect(leg.status.code).toBe('Hold')
    const outcome = await pickup(
      s,
      `${leg.sip.callId};to-tag=${leg.sip.fromTag};from-tag=${leg.sip.toTag}`
    )
    expect(outcome).toBe('answered')
    const now = (await session(s.w, sid))!
    const old = now.parties.find((p) => p.partyId === leg.partyId)!
    const mine = now.parties.find((p) => p.extensionId === s.w.emulator.agentExtensionId)!
    expect(old.status).toMatchObject({
      code: 'Gone',
      reason: 'TakeOver',
      peerId: { partyId: mine.partyId }
    })
    expect(mine).toMatchObject({ deviceId: s.device, status: { code: 'Answered' } })
    const phone = (await s.w.view()).find((v) => v.direction === 'outbound')!
    expect(mine.sip.callId).toBe(phone.callId)
    expect(mine.sip.toTag).toBe(phone.localTag)
    expect(mine.sip.fromTag).toBe(phone.remoteTag)
    expect(phone.partyId).toBe(mine.partyId)
    expect(phone.sessionId).toBe(sid)
    expect(await colleagueTelephony(s.w, s.colleague.id)).toBe('NoCall')
    await until(async () => (await inPage(s.w.page, 'inboundPackets', phone.i)) > 10, 'the tone')
  })

  it('picks up a ringing monitored line from the BLF placeholder', async () => {
    const s = await registered()
    const { sid, leg } = await colleagueCall(s, false)
    // Detailed presence with SIP data shows the placeholder the pickup is built from.
    const sdk = s.w.emulator
    const presence = s.w.emulator.engine.presence(s.colleague.id)!
    expect(presence.telephonyStatus).toBe('Ringing')
    const detail = await fetchPresence(s, sdk.url)
    const ringing = detail.activeCalls.find((c) => c.partyId === leg.partyId)!
    expect(ringing).toMatchObject({ id: sid, sipData: { toTag: 'blf', fromTag: leg.partyId } })
    const outcome = await pickup(
      s,
      `${ringing.id};to-tag=${ringing.sipData.fromTag};from-tag=${ringing.sipData.toTag};early-only`
    )
    expect(outcome).toBe('answered')
    const now = (await session(s.w, sid))!
    expect(now.parties.find((p) => p.partyId === leg.partyId)!.status).toMatchObject({
      code: 'Disconnected',
      reason: 'Pickup'
    })
    const mine = now.parties.find((p) => p.extensionId === s.w.emulator.agentExtensionId)!
    expect(mine).toMatchObject({ deviceId: s.device, status: { code: 'Answered' } })
    expect(now.parties.find((p) => p.role === 'caller')!.status.code).toBe('Answered')
    expect(now.parties.find((p) => p.role === 'queue')!.status.code).toBe('Disconnected')
    expect(await colleagueTelephony(s.w, s.colleague.id)).toBe('NoCall')
  })

  it('swapped (unswapped-by-name) tags get 481 and the held leg is untouched', async () => {
    const s = await registered()
    const { sid, leg } = await colleagueCall(s, true)
    const before = await session(s.w, sid)
    const outcome = await pickup(
      s,
      `${leg.sip.callId};to-tag=${leg.sip.toTag};from-tag=${leg.sip.fromTag}`
    )
    expect(outcome).toMatch(/^failed: SIP\/2\.0 481 /)
    expect(await session(s.w, sid)).toEqual(before)
  })

  it('early-only against a held call gets 486, the leg untouched', async () => {
    const s = await registered()
    const { sid, leg } = await colleagueCall(s, true)
    const before = await session(s.w, sid)
    const outcome = await pickup(
      s,
      `${leg.sip.callId};to-tag=${leg.sip.fromTag};from-tag=${leg.sip.toTag};early-only`
    )
    expect(outcome).toMatch(/^failed: SIP\/2\.0 486 /)
    expect(await session(s.w, sid)).toEqual(before)
  })

  it('a ringing call someone else just answered gets 603, and their leg is untouched', async () => {
    const s = await registered()
    const other = s.w.emulator.engine.lines(s.w.emulator.agentExtensionId)[1]!
    const made = await s.w.control('POST', '/__emulator/calls', {
      type: 'inbound',
      ring: [s.colleague.id, other]
    })
    const sid = (made.json as SessionTruth).telephonySessionId
    const leg = (await legOf(s.w, sid, s.colleague.id))[0]!
    await s.w.control('POST', `/__emulator/calls/${sid}/answer`, { by: other })
    const before = await session(s.w, sid)
    expect(before!.parties.find((p) => p.extensionId === other)!.status.code).toBe('Answered')
    const outcome = await pickup(s, `${sid};to-tag=${leg.partyId};from-tag=blf;early-only`)
    expect(outcome).toMatch(/^failed: SIP\/2\.0 603 /)
    expect(await session(s.w, sid)).toEqual(before)
  })

  it('a stale tag on a ringing line gets 481', async () => {
    const s = await registered()
    const { sid, leg } = await colleagueCall(s, false)
    const before = await session(s.w, sid)
    const outcome = await pickup(s, `${sid};to-tag=${leg.partyId}x;from-tag=blf;early-only`)
    expect(outcome).toMatch(/^failed: SIP\/2\.0 481 /)
    expect(await session(s.w, sid)).toEqual(before)
  })

  it('a parked call picked up over REST to the WebPhone device is auto-answered here', async () => {
    const s = await registered()
    const { sid } = await colleagueCall(s, true)
    await s.w.control('POST', `/__emulator/calls/${sid}/unhold`, { by: s.colleague.id })
    await s.w.control('POST', `/__emulator/calls/${sid}/park`, { by: s.colleague.id })
    const parked = (await legOf(s.w, sid, s.colleague.id))[0]!
    expect(parked.status.code).toBe('Parked')
    const sdk = await s.w.sdk()
    const res = await sdk
      .platform()
      .post(`/restapi/v1.0/account/~/telephony/sessions/${sid}/parties/${parked.partyId}/pickup`, {
        deviceId: s.device
      })
    const party = (await res.json()) as { id: string; status: { code: string } }
    // REST answered once the phone had: the new leg is Answered and the parked leg Gone.
    expect(res.status).toBe(201)
    expect(party.status.code).toBe('Answered')
    // The old session ended, so it left GET /__emulator/calls: read the engine itself.
    expect(s.w.emulator.engine.party(parked.partyId)!.status).toMatchObject({
      code: 'Gone',
      reason: 'Pickup'
    })
    await until(
      async () =>
        (await s.w.dialogs()).some((d) => d.partyId === party.id && d.state === 'confirmed'),
      'the auto-answered INVITE'
    )
    const phone = (await s.w.view()).find((v) => v.autoAnswer === 'Auto Answer')!
    const mine = (await s.w.truth()).flatMap((t) => t.parties).find((p) => p.partyId === party.id)!
    expect(mine).toMatchObject({ deviceId: s.device, status: { code: 'Answered' } })
    expect(mine.sip.callId).toBe(phone.callId)
    expect(mine.sip.toTag).toBe(phone.localTag)
    expect(phone.state).toBe('answered')
  })
})

interface DetailedPresence {
  readonly activeCalls: Array<{
    id: string
    partyId: string
    sipData: { toTag: string; fromTag: string }
  }>
}

async function fetchPresence(s: Setup, _url: string): Promise<DetailedPresence> {
  const sdk = await s.w.sdk()
  const res = await sdk
    .platform()
    .get(`/restapi/v1.0/account/~/extension/${s.colleague.id}/presence`, {
      detailedTelephonyState: true,
      sipData: true
    })
  return (await res.json()) as DetailedPresence
}
