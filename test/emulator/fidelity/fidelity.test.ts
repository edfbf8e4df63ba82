/**
 * The fidelity suite: one test per behaviour in which the emulator must be as strict and as odd as
 * RingCentral, each citing its public source, each body checked against the vendored OpenAPI
 * schema for its endpoint (test/fixtures/openapi/ringcentral-schemas.json, origin in the file).
 * Real SDK and subscriptions client over real sockets (test/emulator/integration/support.ts).
 */
import { describe, expect, it } from 'vitest'
import type { Emulator } from '../../../src/emulator'
import { startWorld, type World } from '../integration/support'
import { RawClient, rawRequest } from '../platform/raw'
import { violations } from './schema'

type Json = Record<string, unknown>
const DETAILED = '?detailedTelephonyState=true&sipData=true'

function ok<T>(out: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!out.ok) throw new Error(out.error.message)
  return out.value
}

async function queueCall(world: World): Promise<{ e: Emulator; sid: string; agent: string }> {
  const e = world.emulator
  const agent = e.engine.lines(e.agentExtensionId)[0]!
  const sid = ok(
    e.engine.inboundCall({ caller: { phoneNumber: '+14155550101' }, ring: [agent] })
  ).telephonySessionId
  return { e, sid, agent }
}

describe('emulator fidelity', () => {
  // Source: ringcentral-call-control-js test fixtures (https://github.com/ringcentral/ringcentral-call-control-js)
  // and the api-docs samples: no uiCallInfo; the agent leg's `to` is the agent; the queue is its
  // own Department party. Schema: CallSessionObject.
  it('queue call: no uiCallInfo, the agent leg to the agent, the queue its own party', async () => {
    const world = await startWorld({ seed: 3 })
    const { e, sid, agent } = await queueCall(world)
    const r = await world.rest('get', `/restapi/v1.0/account/~/telephony/sessions/${sid}`)
    expect(violations('CallSessionObject', r.json)).toEqual([])
    const parties = (r.json as { parties: Json[] }).parties
    expect(parties.some((p) => 'uiCallInfo' in p)).toBe(false)
    const leg = parties.find((p) => p['extensionId'] === agent)!
    expect((leg['to'] as Json)['extensionId']).toBe(agent)
    expect(parties.some((p) => p['extensionId'] === e.cast.queue.id)).toBe(true)
    expect(e.cast.queue.type).toBe('Department')
  })

  // Source: PresenceInfoResponse in the OpenAPI spec (https://github.com/ringcentral/ringcentral-api-docs/tree/HEAD/specs)
  // has no `sequence`. Schema: PresenceInfoResponse.
  it('REST presence has no sequence', async () => {
    const world = await startWorld({ seed: 3 })
    const e = world.emulator
    const r = await world.rest(
      'get',
      `/restapi/v1.0/account/~/extension/${e.agentExtensionId}/presence${DETAILED}`
    )
    expect(violations('PresenceInfoResponse', r.json)).toEqual([])
    expect(r.json).not.toHaveProperty('sequence')
  })

  // Source: the spec's readUserPresenceStatus: Department, Park Location and similar extensions
  // return only `presenceStatus: Offline` (https://developers.ringcentral.com/api-reference/Presence/readUserPresenceStatus).
  it('a park location is Offline over REST, even with a call parked there', async () => {
    const world = await startWorld({ seed: 3 })
    const { e, sid, agent } = await queueCall(world)
    const leg = e.engine.parties(sid).find((p) => p.extensionId === agent)!
    ok(e.engine.answer(leg.id))
    ok(e.engine.park(leg.id))
    const r = await world.rest(
      'get',
      `/restapi/v1.0/account/~/extension/${e.cast.parkLocation.id}/presence${DETAILED}`
    )
    expect(violations('PresenceInfoResponse', r.json)).toEqual([])
    const body = r.json as Json
    expect(body['presenceStatus']).toBe('Offline')
    expect(Object.keys(body).sort()).toEqual(['extension', 'presenceStatus', 'uri'])
  })

  // Source: the legacy GetMonitoredExtensionsResponse/LineInfo model (https://github.com/grokify/go-ringcentral-client):
  // own lines first, line ids, extension{id, uri, extensionNumber, type}, paged.
  it('presence/line: own lines first, line ids that are not extension ids, paging', async () => {
    const world = await startWorld({ seed: 3 })
    const e = world.emulator
    const r = await world.rest('get', '/restapi/v1.0/account/~/extension/~/presence/line?perPage=3')
    expect(violations('GetMonitoredExtensionsResponse', r.json)).toEqual([])
    const body = r.json as {
      records: Array<{ id: string; extension: Json }>
      navigation: Json
      paging: Json
    }
    expect(body.records.slice(0, 2).map((x) => x.extension['id'])).toEqual([
      e.agentExtensionId,
      e.agentExtensionId
    ])
    expect(body.records.every((x) => x.id !== x.extension['id'])).toBe(true)
    expect(body.records[2]!.extension).toMatchObject({ type: 'User' })
    expect(body.paging).toMatchObject({ page: 1, perPage: 3 })
    expect(body.navigation).toHaveProperty('nextPage')
  })

  // Source: ringcentral-call-control-js fixtures for transfer (https://github.com/ringcentral/ringcentral-call-control-js):
  // the answer is the transferring party, Disconnected/BlindTransfer without peerId. Schema: CallParty.
  it('blind transfer returns the transferring party, Disconnected/BlindTransfer, no peerId', async () => {
    const world = await startWorld({ seed: 3 })
    const e = world.emulator
    // The demo agent's own call: call control acts on the caller's own parties.
    const colleague = e.engine.lines(e.agentExtensionId)[1]!
    const sid = ok(
      e.engine.inboundCall({ caller: { phoneNumber: '+14155550102' }, ring: [e.agentExtensionId] })
    ).telephonySessionId
    const mine = e.engine.parties(sid).find((p) => p.extensionId === e.agentExtensionId)!
    ok(e.engine.answer(mine.id))
    const r = await world.rest(
      'post',
      `/restapi/v1.0/account/~/telephony/sessions/${sid}/parties/${mine.id}/transfer`,
      { extensionNumber: e.cast.findExtension(colleague)!.extensionNumber }
    )
    expect(r.status).toBe(200)
    expect(violations('CallParty', r.json)).toEqual([])
    expect(r.json).toMatchObject({
      id: mine.id,
      status: { code: 'Disconnected', reason: 'BlindTransfer' }
    })
    expect((r.json as { status: Json }).status).not.toHaveProperty('peerId')
  })

  // Source: the developer guide's telephony session notifications: Setup, Proceeding, Answered
  // (https://developers.ringcentral.com/guide/voice/telephony-session-notifications). Schema: CallStatusInfo.
  it('every leg starts at Setup', async () => {
    const world = await startWorld({ seed: 3 })
    await world.subscribe(['/restapi/v1.0/account/~/telephony/sessions'])
    const { sid } = await queueCall(world)
    await world.waitFor(
      () => world.parties(() => true).some((p) => p.status.code === 'Proceeding'),
      'the ringing legs'
    )
    const bodies = world.bodies(() => true).filter((b) => b['telephonySessionId'] === sid)
    const firstByParty = new Map<string, string>()
    for (const b of bodies) {
      for (const p of b['parties'] as Json[]) {
        expect(violations('CallStatusInfo', p['status'])).toEqual([])
        const id = String(p['id'])
        if (!firstByParty.has(id)) firstByParty.set(id, String((p['status'] as Json)['code']))
      }
    }
    expect(firstByParty.size).toBeGreaterThan(0)
    expect([...new Set(firstByParty.values())]).toEqual(['Setup'])
  })

  // Source: "returned if telephony status is changed" (https://developers.ringcentral.com/guide/notifications/event-filters/detailed-extension-presence-with-sip).
  it('a presence event after a settings change alone has no telephonyStatus or activeCalls', async () => {
    const world = await startWorld({ seed: 3 })
    const e = world.emulator
    await world.subscribe([`/restapi/v1.0/account/~/extension/~/presence${DETAILED}`])
    ok(e.engine.setPresence(e.agentExtensionId, { userStatus: 'Busy' }))
    await world.waitFor(() => world.received.length >= 1, 'the presence event')
    const body = world.bodies(() => true).at(-1)!
    expect(body['userStatus']).toBe('Busy')
    expect(body).not.toHaveProperty('telephonyStatus')
    expect(body).not.toHaveProperty('activeCalls')
  })

  // Source: listCompanyActiveCalls, Heavy, ReadCallLog (https://developers.ringcentral.com/api-reference/Call-Log/listCompanyActiveCalls).
  // Schema: CallLogResponse.
  it('account active calls list live sessions with their telephonySessionId', async () => {
    const world = await startWorld({ seed: 3 })
    const { sid } = await queueCall(world)
    const r = await world.rest('get', '/restapi/v1.0/account/~/active-calls?view=Simple')
    expect(violations('CallLogResponse', r.json)).toEqual([])
    const records = (r.json as { records: Json[] }).records
    expect(records.find((x) => x['telephonySessionId'] === sid)).toMatchObject({
      result: 'In Progress',
      type: 'Voice'
    })
    const bad = await world.rest('get', '/restapi/v1.0/account/~/active-calls?direction=Sideways')
    expect(bad.status).toBe(400)
  })
})

describe('emulator refusals', () => {
  // Source: CreateSubscriptionRequest in the OpenAPI spec requires `deliveryMode`
  // (https://developers.ringcentral.com/api-reference/Subscriptions/createSubscription).
  it('refuses a subscription without deliveryMode, naming the parameter', async () => {
    const world = await startWorld({ seed: 3 })
    const token = (await world.sdk.platform().auth().data()).access_token ?? ''
    const ws = (await (
      await fetch(`${world.emulator.url}/restapi/oauth/wstoken`, {
        method: 'POST',
        headers: { Authorization: `bearer ${token}` }
      })
    ).json()) as { uri: string; ws_access_token: string }
    const client = await RawClient.open(`${ws.uri}?access_token=${ws.ws_access_token}`)
    try {
      await client.next((m) => m['type'] === 'ConnectionDetails', 'ConnectionDetails')
      const [meta, body] = await rawRequest(client, 'POST', '/restapi/v1.0/subscription', {
        eventFilters: ['/restapi/v1.0/account/~/extension/~/presence']
      })
      expect(meta['status']).toBe(400)
      expect(JSON.stringify(body)).toContain('deliveryMode')
    } finally {
      client.close()
    }
  })
})

describe('the schema checker', () => {
  it('names each field that is off the spec', () => {
    expect(
      violations('PresenceInfoResponse', {
        telephonyStatus: 'Teleporting',
        extension: { id: '12' },
        activeCalls: [{ direction: 'Sideways' }]
      })
    ).toEqual(
      [
        'PresenceInfoResponse.activeCalls[0].direction: "Sideways" is not one of the spec\'s values',
        'PresenceInfoResponse.extension.id: expected integer, got "12"',
        'PresenceInfoResponse.telephonyStatus: "Teleporting" is not one of the spec\'s values'
      ].sort((a, b) => (a < b ? -1 : 1))
    )
  })
})
