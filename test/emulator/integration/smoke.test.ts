import { SDK } from '@ringcentral/sdk'
import { describe, expect, it, onTestFinished } from 'vitest'
import { MemoryStorage } from '../../support/memory-storage'
import { partiesOf, startWorld, type PartyJson } from './support'

type ActiveCall = {
  telephonySessionId: string
  partyId: string
  telephonyStatus: string
  sipData?: { fromTag: string; toTag: string }
}

describe('call centre over the real SDK and subscriptions client', () => {
  it('delivers the smoke scenario to one subscription holding every seed filter', async () => {
    const world = await startWorld({ seed: 5, speed: 20 })
    const emu = world.emulator
    await world.subscribe()
    const run = await world.control('POST', '/__emulator/calls/scenario', { name: 'smoke' })
    expect(run.status).toBe(202)

    const linePresence = (): Array<Record<string, unknown>> =>
      world.bodies((e) => e.includes('/presence/line/presence'))
    const lineStatus = (): Set<unknown> => new Set(linePresence().map((b) => b['telephonyStatus']))
    await world.waitFor(
      () => ['Ringing', 'OnHold', 'ParkedCall'].every((s) => lineStatus().has(s)),
      'ringing, held and parked calls on monitored lines'
    )
    await world.waitFor(
      () => world.bodies((e) => e.endsWith('statusCode=Parked')).length > 0,
      'a Parked telephony event'
    )

    // Every notification decodes with zero errors and zero warnings.
    expect(world.received.length).toBeGreaterThan(30)
    const issues = world.received.flatMap((r) =>
      [...r.decoded.errors, ...r.decoded.warnings].map(
        (i) => `${String(r.raw['event'])}: ${i.path}: ${i.message}`
      )
    )
    expect(issues).toEqual([])
    expect(world.received.every((r) => r.raw['ownerId'] === emu.agentExtensionId)).toBe(true)

    // Line presence is about monitored extensions, under the owner's line-presence path. Raw
    // bodies: the variety sends some ids as JSON numbers, as the platform does.
    for (const b of linePresence())
      expect(emu.engine.lines(emu.agentExtensionId)).toContain(String(b['extensionId']))

    // Account telephony: one party per notification, per-extension path when the party has one.
    const account = world.received.filter((r) =>
      /\/telephony\/sessions$/.test(String(r.raw['event']))
    )
    expect(account.length).toBeGreaterThan(0)
    for (const r of account) {
      const parties = partiesOf(r.raw['body'] as Record<string, unknown>)
      expect(parties).toHaveLength(1)
      const ext = parties[0]!.extensionId
      if (ext !== undefined)
        expect(String(r.raw['event'])).toContain(`/extension/${ext}/telephony/sessions`)
    }

    // statusCode=Parked only ever carries Parked parties.
    const parked = world.parties((e) => e.endsWith('?statusCode=Parked'))
    expect(parked.length).toBeGreaterThan(0)
    expect(parked.every((p) => p.status.code === 'Parked' && p.status.parkData === '*801')).toBe(
      true
    )

    // The same leg has the same SIP tags in presence and in telephony.
    const tele = new Map<string, PartyJson['sipData']>()
    for (const p of world.parties((e) => e.endsWith('/telephony/sessions?sipData=true')))
      tele.set(p.id, p.sipData)
    let compared = 0
    for (const b of linePresence()) {
      for (const c of (b['activeCalls'] ?? []) as ActiveCall[]) {
        const t = tele.get(c.partyId)
        expect(t, `telephony sipData for ${c.partyId}`).toBeDefined()
        // While it rings the leg shows the BLF placeholder (docs/platform.md#presence-sip-data).
        expect({ fromTag: c.sipData?.fromTag, toTag: c.sipData?.toTag }).toEqual(
          c.telephonyStatus === 'Ringing'
            ? { fromTag: c.partyId, toTag: 'blf' }
            : { fromTag: t!.fromTag, toTag: t!.toTag }
        )
        compared++
      }
    }
    expect(compared).toBeGreaterThan(3)
  })

  it('picks up the parked call over REST (201) and moves it to the picker; 409 and 404 use the real error shape', async () => {
    const world = await startWorld({ seed: 6, speed: 20 })
    const emu = world.emulator
    await world.subscribe()
    await world.control('POST', '/__emulator/calls/scenario', { name: 'smoke' })
    await world.waitFor(
      () => world.bodies((e) => e.endsWith('statusCode=Parked')).length > 0,
      'a parked call'
    )
    const parkedBody = world.bodies((e) => e.endsWith('statusCode=Parked'))[0]!
    const sid = String(parkedBody['telephonySessionId'])
    const parked = partiesOf(parkedBody)[0]!

    const devices = await world.rest('get', '/restapi/v1.0/account/~/extension/~/device')
    const deviceId = (devices.json as { records: Array<{ id: string }> }).records[0]!.id
    const base = `/restapi/v1.0/account/~/telephony/sessions/${sid}/parties/${parked.id}`
    const missing = await world.rest('post', `${base}/pickup`, {})
    expect(missing.status).toBe(400)

    const picked = await world.rest('post', `${base}/pickup`, { deviceId })
    expect(picked.status).toBe(201)
    const party = picked.json as { id: string; extensionId: string; status: { code: string } }
    expect(party).toMatchObject({ extensionId: emu.agentExtensionId, status: { code: 'Answered' } })

    const own = (): Array<Record<string, unknown>> =>
      world.bodies((e) =>
        e.endsWith(
          `/extension/${emu.agentExtensionId}/presence?detailedTelephonyState=true&sipData=true`
        )
      )
    await world.waitFor(
      () => own().some((b) => b['telephonyStatus'] === 'CallConnected'),
      'own presence CallConnected'
    )
    await world.waitFor(
      () =>
        world
          .parties((e) => e.includes('/telephony/sessions'))
          .some((p) => p.id === parked.id && p.status.code === 'Gone'),
      'the parked leg Gone'
    )
    const truth = await world.control('GET', '/__emulator/calls')
    const sessions = (
      truth.json as {
        records: Array<{
          parties: Array<{ partyId: string; extensionId?: string; status: { code: string } }>
        }>
      }
    ).records
    expect(
      sessions.some((s) =>
        s.parties.some(
          (p) =>
            p.partyId === party.id &&
            p.extensionId === emu.agentExtensionId &&
            p.status.code === 'Answered'
        )
      )
    ).toBe(true)

    // A second pickup of the same (now Gone) leg is a 409 explaining why.
    const again = await world.rest('post', `${base}/pickup`, { deviceId })
    expect(again.status).toBe(409)

    // Hold on a Disconnected leg (the agent who lost the race for the held call).
    const lost = world
      .bodies((e) => e.endsWith('/telephony/sessions'))
      .flatMap((b) => partiesOf(b).map((p) => ({ b, p })))
      .find(({ p }) => p.status.reason === 'AgentAnswered' && p.extensionId !== undefined)!
    // Asked by the supervisor, who may control others' parties: the demo agent would be refused
    // before the state is looked at (docs/platform.md#call-control-ownership).
    const owner = new SDK({
      server: emu.url,
      clientId: emu.clientId,
      clientSecret: emu.clientSecret,
      localStorage: new MemoryStorage()
    })
    await owner.platform().login({ jwt: emu.mintJwt(emu.cast.supervisor.id) })
    onTestFinished(async () => {
      await owner
        .platform()
        .logout()
        .catch(() => undefined)
    })
    const hold = await owner
      .platform()
      .post(
        `/restapi/v1.0/account/~/telephony/sessions/${String(lost.b['telephonySessionId'])}/parties/${lost.p.id}/hold`
      )
      .then(
        async (r) => ({ status: r.status, json: (await r.json()) as unknown }),
        async (e: { response: Response }) => ({
          status: e.response.status,
          json: (await e.response.json()) as unknown
        })
      )
    expect(hold.status).toBe(409)
    const body = hold.json as {
      errorCode: string
      message: string
      errors: Array<{ errorCode: string; message: string }>
    }
    expect(body.errorCode).toMatch(/^TAS-/)
    expect(body.errors[0]).toEqual({ errorCode: body.errorCode, message: body.message })
    expect(body.message).toMatch(/already answered by .+/)

    const unknown = await world.rest(
      'get',
      '/restapi/v1.0/account/~/telephony/sessions/s-0000000000000000000000000000dead'
    )
    expect(unknown.status).toBe(404)
    expect(unknown.json).toMatchObject({ errorCode: 'CMN-102', errors: [{ errorCode: 'CMN-102' }] })
  })
})
