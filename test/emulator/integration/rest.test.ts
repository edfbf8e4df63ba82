import { describe, expect, it } from 'vitest'
import { startWorld } from './support'

type Json = Record<string, unknown>

describe('call-centre REST', () => {
  it('serves extension info, the paged extension list and devices', async () => {
    const world = await startWorld({ seed: 2 })
    const emu = world.emulator
    const me = await world.rest('get', '/restapi/v1.0/account/~/extension/~')
    expect(me.json).toMatchObject({
      id: Number(emu.agentExtensionId),
      extensionNumber: '101',
      type: 'User',
      name: emu.cast.demoAgent.name
    })
    const page = await world.rest('get', '/restapi/v1.0/account/~/extension?perPage=5&page=2')
    const list = page.json as { records: Json[]; paging: Json; navigation: Json }
    expect(list.records).toHaveLength(5)
    expect(list.paging).toMatchObject({
      page: 2,
      perPage: 5,
      totalElements: emu.cast.extensions().length
    })
    expect(list.navigation).toHaveProperty('nextPage')
    const queues = await world.rest('get', '/restapi/v1.0/account/~/extension?type=Department')
    expect((queues.json as { records: Json[] }).records).toEqual([
      expect.objectContaining({ name: 'Support Queue', type: 'Department' })
    ])
    const devices = await world.rest('get', '/restapi/v1.0/account/~/extension/~/device')
    expect((devices.json as { records: Json[] }).records[0]).toMatchObject({
      type: 'WebPhone',
      status: 'Online'
    })
  })

  it('reads and updates presence; PUT emits presence events and is own-only', async () => {
    const world = await startWorld({ seed: 2 })
    const emu = world.emulator
    await world.subscribe([
      '/restapi/v1.0/account/~/extension/~/presence',
      '/restapi/v1.0/account/~/presence'
    ])
    const put = await world.rest('put', '/restapi/v1.0/account/~/extension/~/presence', {
      userStatus: 'Busy',
      dndStatus: 'DoNotAcceptAnyCalls'
    })
    expect(put.status).toBe(200)
    expect(put.json).toMatchObject({
      userStatus: 'Busy',
      dndStatus: 'DoNotAcceptAnyCalls',
      presenceStatus: 'Busy'
    })
    await world.waitFor(
      () =>
        world
          .bodies((e) => e.endsWith(`/extension/${emu.agentExtensionId}/presence`))
          .some((b) => b['userStatus'] === 'Busy'),
      'own presence event'
    )
    const other = emu.cast.agents[1]!.id
    const forbidden = await world.rest(
      'put',
      `/restapi/v1.0/account/~/extension/${other}/presence`,
      { userStatus: 'Busy' }
    )
    expect(forbidden.status).toBe(403)
    const bad = await world.rest('put', '/restapi/v1.0/account/~/extension/~/presence', {
      userStatus: 'Sleeping'
    })
    expect(bad.status).toBe(400)
    const get = await world.rest(
      'get',
      `/restapi/v1.0/account/~/extension/${other}/presence?detailedTelephonyState=true`
    )
    expect(get.json).toMatchObject({
      extension: { id: Number(other) },
      telephonyStatus: 'NoCall',
      activeCalls: []
    })
    const all = await world.rest('get', '/restapi/v1.0/account/~/presence?perPage=3')
    expect((all.json as { records: Json[] }).records).toHaveLength(3)
    expect(world.received.every((r) => r.decoded.ok && r.decoded.warnings.length === 0)).toBe(true)
  })

  it('replaces monitored lines and favorites with change events', async () => {
    const world = await startWorld({ seed: 2 })
    const emu = world.emulator
    await world.subscribe([
      '/restapi/v1.0/account/~/extension/~/presence/line',
      '/restapi/v1.0/account/~/extension/~/favorite'
    ])
    const lines = await world.rest('get', '/restapi/v1.0/account/~/extension/~/presence/line')
    const records = (
      lines.json as { records: Array<{ id: string; extension: { id: string; name: string } }> }
    ).records
    expect(records.length).toBeGreaterThanOrEqual(9)
    // The legacy shape: the first two lines are the agent's own, and a line id is not an
    // extension id (docs/platform.md#line-records).
    expect(records.slice(0, 2).map((r) => r.extension.id)).toEqual([
      emu.agentExtensionId,
      emu.agentExtensionId
    ])
    expect(records.every((r) => r.id !== r.extension.id)).toBe(true)
    const kept = records.slice(2, 5).map((r) => r.extension.id)
    const put = await world.rest('put', '/restapi/v1.0/account/~/extension/~/presence/line', {
      records: kept.map((id) => ({ extension: { id } }))
    })
    const after = (put.json as { records: Array<{ extension: { id: string } }> }).records
    expect(after.map((r) => r.extension.id)).toEqual([
      emu.agentExtensionId,
      emu.agentExtensionId,
      ...kept
    ])
    const fav = emu.cast.agents[5]!.id
    const favPut = await world.rest('put', '/restapi/v1.0/account/~/extension/~/favorite', {
      records: [{ extensionId: fav }]
    })
    expect(favPut.json).toMatchObject({
      records: [{ id: 1, extensionId: fav, accountId: emu.accountId }]
    })
    await world.waitFor(() => world.received.length >= 2, 'list change events')
    expect(world.bodies((e) => e.endsWith('/presence/line'))[0]).toEqual({
      extension: [emu.agentExtensionId, ...kept].map((id) => ({ id })),
      sequence: 1
    })
    expect(world.bodies((e) => e.endsWith('/favorite'))[0]).toEqual({
      extensionId: emu.agentExtensionId
    })
    expect(world.received.every((r) => r.decoded.ok && r.decoded.warnings.length === 0)).toBe(true)
  })

  it('controls calls over REST with the same events as the director; 403 without CallControl', async () => {
    const world = await startWorld({ seed: 4 })
    const emu = world.emulator
    await world.subscribe([
      '/restapi/v1.0/account/~/telephony/sessions',
      '/restapi/v1.0/account/~/extension/~/presence?detailedTelephonyState=true'
    ])
    const made = await world.control('POST', '/__emulator/calls', {
      type: 'inbound',
      ring: ['@demo', '@line1']
    })
    expect(made.status).toBe(201)
    const sid = (made.json as { telephonySessionId: string }).telephonySessionId
    const mine = (
      made.json as { parties: Array<{ partyId: string; extensionId?: string }> }
    ).parties.find((p) => p.extensionId === emu.agentExtensionId)!
    const device = emu.cast.demoAgent.devices[0]!.id
    const base = `/restapi/v1.0/account/~/telephony/sessions/${sid}/parties/${mine.partyId}`
    expect((await world.rest('post', `${base}/answer`, { deviceId: device })).status).toBe(200)
    expect((await world.rest('post', `${base}/hold`)).json).toMatchObject({
      status: { code: 'Hold' }
    })
    expect((await world.rest('post', `${base}/unhold`)).json).toMatchObject({
      status: { code: 'Answered' }
    })
    const parked = await world.rest('post', `${base}/park`)
    expect(parked.status).toBe(201)
    expect(parked.json).toMatchObject({
      status: { code: 'Parked', parkData: '*801' },
      park: { id: '801' }
    })
    const session = await world.rest('get', `/restapi/v1.0/account/~/telephony/sessions/${sid}`)
    expect((session.json as { parties: Json[] }).parties.length).toBe(4)
    const badTransfer = await world.rest('post', `${base}/transfer`, {
      extensionNumber: '102',
      phoneNumber: '+14155550100'
    })
    expect(badTransfer.status).toBe(400)
    expect((await world.rest('delete', base)).status).toBe(204)
    await world.waitFor(
      () =>
        world
          .parties((e) => e.includes('/telephony/sessions'))
          .some((p) => p.id === mine.partyId && p.status.code === 'Disconnected'),
      'the dropped leg'
    )
    const codes = world
      .parties((e) => e.endsWith(`/extension/${emu.agentExtensionId}/telephony/sessions`))
      .map((p) => p.status.code)
    // Every leg starts at Setup, as on the platform (docs/platform.md#status-semantics).
    expect(codes).toEqual([
      'Setup',
      'Proceeding',
      'Answered',
      'Hold',
      'Answered',
      'Parked',
      'Disconnected'
    ])
    expect(world.received.every((r) => r.decoded.ok && r.decoded.warnings.length === 0)).toBe(true)

    // An app registered without CallControl gets the platform's 403 naming the permission.
    const app = emu.control.registerClient({ scopes: ['ReadPresence', 'WebSocketsSubscription'] })
    const { SDK } = await import('@ringcentral/sdk')
    const { MemoryStorage } = await import('../../support/memory-storage')
    const sdk = new SDK({
      server: emu.url,
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      localStorage: new MemoryStorage()
    })
    await sdk
      .platform()
      .login({ jwt: emu.platform.mintJwt(emu.agentExtensionId, { clientId: app.clientId }) })
    const denied = await sdk
      .platform()
      .get(`/restapi/v1.0/account/~/telephony/sessions/${sid}`)
      .catch((e: { response: Response }) => e.response)
    expect(denied.status).toBe(403)
    expect(await denied.json()).toMatchObject({
      errorCode: 'InsufficientPermissions',
      permissionName: 'CallControl'
    })
  })
})
