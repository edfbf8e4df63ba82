import { describe, expect, it } from 'vitest'
import { startWorld } from './support'

type Session = {
  telephonySessionId: string
  parties: Array<{
    partyId: string
    extensionId?: string
    status: { code: string }
    sip: { callId: string; fromTag: string; toTag: string }
  }>
}

describe('call-centre control API and default traffic', () => {
  it('injects and drives calls, and its truth matches what subscribers saw', async () => {
    const world = await startWorld({ seed: 9 })
    const emu = world.emulator
    await world.subscribe([
      '/restapi/v1.0/account/~/extension/~/presence/line/presence?detailedTelephonyState=true&sipData=true'
    ])
    const line1 = emu.engine.lines(emu.agentExtensionId)[0]!
    const made = await world.control('POST', '/__emulator/calls', {
      type: 'inbound',
      from: { name: 'Sam Okafor', phoneNumber: '+14155550177' },
      ring: ['@line1']
    })
    const sid = (made.json as Session).telephonySessionId
    expect(
      (await world.control('POST', `/__emulator/calls/${sid}/answer`, { by: '@line1' })).status
    ).toBe(200)
    expect((await world.control('POST', `/__emulator/calls/${sid}/hold`, {})).json).toMatchObject({
      party: { status: { code: 'Hold' } }
    })
    const wrong = await world.control('POST', `/__emulator/calls/${sid}/pickup`, { by: '@demo' })
    expect(wrong.status).toBe(404)
    expect(
      (await world.control('POST', `/__emulator/calls/${sid}/park`, { orbit: '*810' })).json
    ).toMatchObject({ party: { status: { parkData: '*810' } } })
    await world.waitFor(
      () => world.bodies(() => true).some((b) => b['telephonyStatus'] === 'ParkedCall'),
      'parked on the park line'
    )

    const truth = (await world.control('GET', `/__emulator/calls/${sid}`)).json as Session
    const leg = truth.parties.find((p) => p.extensionId === line1)!
    const seen = world
      .bodies(() => true)
      .flatMap(
        (b) =>
          (b['activeCalls'] ?? []) as Array<{
            partyId: string
            telephonyStatus: string
            sipData: { fromTag: string; toTag: string }
          }>
      )
    const mine = seen.filter((c) => c.partyId === leg.partyId)
    expect(mine.length).toBeGreaterThan(0)
    // While it rings the leg shows the BLF placeholder (docs/platform.md#presence-sip-data).
    for (const c of mine)
      expect(c.sipData).toMatchObject(
        c.telephonyStatus === 'Ringing'
          ? { fromTag: leg.partyId, toTag: 'blf' }
          : { fromTag: leg.sip.fromTag, toTag: leg.sip.toTag }
      )
    const found = await world.control(
      'GET',
      `/__emulator/calls/legs?callId=${encodeURIComponent(leg.sip.callId)}`
    )
    expect(found.json).toMatchObject({ partyId: leg.partyId })

    const presence = (await world.control('GET', '/__emulator/calls/presence')).json as {
      records: Array<{ extensionId: string; telephonyStatus: string }>
    }
    expect(
      presence.records.find((r) => r.extensionId === emu.cast.parkLocation.id)?.telephonyStatus
    ).toBe('ParkedCall')
    expect((await world.control('POST', `/__emulator/calls/${sid}/hangup`)).json).toMatchObject({
      ended: true
    })
    expect(
      ((await world.control('GET', '/__emulator/calls')).json as { records: Session[] }).records
    ).toEqual([])
    const cast = (await world.control('GET', '/__emulator/calls/cast')).json as {
      demoAgent: { id: string }
    }
    expect(cast.demoAgent.id).toBe(emu.agentExtensionId)
    const bad = await world.control('POST', '/__emulator/calls/scenario', {
      scenario: { name: 'x', steps: [{ at: 1, do: 'answer', call: 'a', by: 7 }] }
    })
    expect(bad.status).toBe(400)
    expect(JSON.stringify(bad.json)).toContain('steps[0].by')
  })

  it('produces traffic by default: ringing, held and parked on monitored lines within seconds; pause stops it', async () => {
    const world = await startWorld({ seed: 10, traffic: true, speed: 2 })
    await world.subscribe([
      '/restapi/v1.0/account/~/extension/~/presence/line/presence?detailedTelephonyState=true&sipData=true',
      '/restapi/v1.0/account/~/telephony/sessions'
    ])
    const statuses = (): Set<unknown> =>
      new Set(
        world.bodies((e) => e.includes('/presence/line/presence')).map((b) => b['telephonyStatus'])
      )
    await world.waitFor(
      () => ['Ringing', 'OnHold', 'ParkedCall'].every((s) => statuses().has(s)),
      'the opening calls',
      6000
    )
    expect(world.bodies((e) => e.includes('/telephony/sessions')).length).toBeGreaterThan(5)
    expect(world.received.every((r) => r.decoded.ok && r.decoded.warnings.length === 0)).toBe(true)
    const paused = await world.control('POST', '/__emulator/calls/pause')
    expect(paused.json).toMatchObject({ paused: true, traffic: true })
    const count = world.received.length
    await new Promise((r) => setTimeout(r, 1500))
    expect(world.received.length).toBe(count)
    expect((await world.control('POST', '/__emulator/calls/resume')).json).toMatchObject({
      paused: false
    })
  })
})
