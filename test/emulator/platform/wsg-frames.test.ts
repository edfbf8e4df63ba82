import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { ACCOUNT_ID, AGENT, Harness } from './helpers'
import { accessTokenFor, openSession, postSubscription, rawRequest, subscriptionBody } from './raw'

const h = new Harness()
afterEach(() => h.dispose())

const PRESENCE = '/restapi/v1.0/account/~/extension/~/presence'
const TELEPHONY = '/restapi/v1.0/account/~/telephony/sessions'

describe('WSG frames', () => {
  it('echoes heartbeats', async () => {
    const { client } = await openSession(h, await h.start())
    client.send([{ type: 'Heartbeat', messageId: 'hb-1' }])
    expect(await client.next((m) => m['messageId'] === 'hb-1', 'heartbeat')).toEqual([
      { type: 'Heartbeat', messageId: 'hb-1' }
    ])
  })

  it('answers malformed frames with Error frames and keeps the socket', async () => {
    const { client } = await openSession(h, await h.start())
    client.send('not json')
    client.send('{"type":"Heartbeat"}')
    client.send([{ type: 'Bogus', messageId: 'm1' }])
    client.send([
      { type: 'ClientRequest', messageId: 'm2', method: 'GET', path: '/restapi/v1.0/account/~' }
    ])
    client.send([
      {
        type: 'ClientRequest',
        messageId: 'm3',
        method: 'PATCH',
        path: '/restapi/v1.0/subscription'
      }
    ])
    client.send([{ messageId: 'm4' }])
    client.ws.send(Buffer.from([1, 2, 3]), { binary: true })
    client.send([{ type: 'Heartbeat', messageId: 'still-here' }])
    await client.next((m) => m['messageId'] === 'still-here', 'heartbeat after garbage')
    const errors = client.frames.filter((f) => f[0]['type'] === 'Error')
    expect(errors.map((f) => (f[1] as { errorCode: string }).errorCode)).toEqual([
      'WSG-400',
      'WSG-400',
      'WSG-400',
      'WSG-404',
      'WSG-405',
      'WSG-400',
      'WSG-400'
    ])
    expect(errors.find((f) => f[0]['messageId'] === 'm2')?.[0]).toMatchObject({ status: 404 })
    expect(client.ws.readyState).toBe(WebSocket.OPEN)
  })
})

describe('subscription requests over the socket', () => {
  it('rejects all-invalid filters with 400 SUB-508, echoing messageId', async () => {
    const { client } = await openSession(h, await h.start())
    const [meta, body] = await postSubscription(client, ['/nope', '/restapi/v1.0/account/~/bogus'])
    expect(meta).toMatchObject({ type: 'ClientRequest', status: 400 })
    expect(body).toMatchObject({
      errorCode: 'SUB-508',
      errors: [{ errorCode: 'SUB-508', message: expect.stringContaining('Invalid event filters') }]
    })
  })

  it('lists filters the app has no permission for in disabledFilters', async () => {
    const platform = await h.start()
    const app = platform.control.registerClient({
      scopes: ['ReadPresence', 'WebSocketsSubscription']
    })
    const token = await accessTokenFor(platform, AGENT, app)
    const { client } = await openSession(h, platform, token)
    const [meta, body] = await postSubscription(client, [
      PRESENCE,
      TELEPHONY,
      '/restapi/v1.0/account/~/presence'
    ])
    expect(meta['status']).toBe(200)
    expect(body).toMatchObject({
      eventFilters: [`/restapi/v1.0/account/${ACCOUNT_ID}/extension/${AGENT}/presence`],
      disabledFilters: [
        {
          filter: `/restapi/v1.0/account/${ACCOUNT_ID}/telephony/sessions`,
          reason: 'InsufficientPermissions',
          message: expect.stringContaining('[CallControl]')
        },
        {
          filter: `/restapi/v1.0/account/${ACCOUNT_ID}/presence`,
          reason: 'InsufficientPermissions',
          message: expect.stringContaining('[ReadAccounts]')
        }
      ]
    })
    const [denied, deniedBody] = await postSubscription(client, [TELEPHONY])
    expect(denied['status']).toBe(403)
    expect(deniedBody).toMatchObject({
      errors: [{ errorCode: 'CMN-401', permissionName: 'CallControl' }]
    })
  })

  it('replaces the subscription on a second POST, updates on PUT, deletes with a bare 204', async () => {
    const platform = await h.start()
    const { client } = await openSession(h, platform)
    const [, a] = await postSubscription(client, [PRESENCE])
    const [, b] = await postSubscription(client, [TELEPHONY])
    const idA = (a as { id: string }).id
    const idB = (b as { id: string }).id
    expect(idB).not.toBe(idA)
    expect(platform.gateway.subscriptions().map((s) => s.id)).toEqual([idB])

    const [, put] = await rawRequest(
      client,
      'PUT',
      `/restapi/v1.0/subscription/${idB}`,
      subscriptionBody([PRESENCE, TELEPHONY])
    )
    expect(put).toMatchObject({
      id: idB,
      eventFilters: [
        expect.stringContaining('/presence'),
        expect.stringContaining('/telephony/sessions')
      ]
    })

    const stale = await rawRequest(client, 'DELETE', `/restapi/v1.0/subscription/${idA}`)
    expect(stale[0]['status']).toBe(404)
    expect(stale[1]).toMatchObject({
      errors: [{ errorCode: 'CMN-102', parameterName: 'subscriptionId' }]
    })

    const deleted = await rawRequest(client, 'DELETE', `/restapi/v1.0/subscription/${idB}`)
    expect(deleted).toHaveLength(1)
    expect(deleted[0]).toMatchObject({ type: 'ClientRequest', status: 204 })
    expect(platform.gateway.subscriptions()).toHaveLength(0)
  })

  it('stamps notifications with the returned id, uuid as messageId and a growing wsc sequence', async () => {
    const platform = await h.start()
    const { client, wsc } = await openSession(h, platform)
    const [, sub] = await postSubscription(client, [PRESENCE])
    const event = `/restapi/v1.0/account/${ACCOUNT_ID}/extension/${AGENT}/presence`
    platform.gateway.publish(() => [
      { event, body: { n: 1 } },
      { event, body: { n: 2 } }
    ])
    await client.next(
      (m) =>
        m['type'] === 'ServerNotification' && (m['wsc'] as { sequence: number }).sequence === 3,
      'two notifications'
    )
    const notes = client.frames.filter((f) => f[0]['type'] === 'ServerNotification')
    expect(notes.map((f) => f[0]['wsc'])).toEqual([
      { token: wsc.token, sequence: 2 },
      { token: wsc.token, sequence: 3 }
    ])
    for (const [meta, body] of notes) {
      expect(meta).toMatchObject({ status: 200, headers: { RCRequestId: expect.any(String) } })
      expect(body).toMatchObject({
        uuid: meta['messageId'],
        subscriptionId: (sub as { id: string }).id,
        ownerId: AGENT
      })
    }
  })
})
