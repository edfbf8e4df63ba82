import { afterEach, describe, expect, it } from 'vitest'
import { AGENT, Harness, sleep } from './helpers'
import {
  accessTokenFor,
  openSession,
  postSubscription,
  RawClient,
  tokenRequest,
  wsUrlFor
} from './raw'

const h = new Harness()
afterEach(() => h.dispose())

const PRESENCE = '/restapi/v1.0/account/~/extension/~/presence'

describe('WSG handshake', () => {
  it('closes with 4400 when access_token is missing', async () => {
    const platform = await h.start()
    const client = await RawClient.open(platform.wsUrl)
    h.defer(() => client.close())
    expect(await client.closed).toBe(4400)
  })

  it('rejects an unknown token with an Error frame and 4401', async () => {
    const platform = await h.start()
    const client = await RawClient.open(`${platform.wsUrl}?access_token=nope`)
    h.defer(() => client.close())
    expect(await client.closed).toBe(4401)
    expect(client.frames[0]).toEqual([
      {
        type: 'Error',
        messageId: expect.any(String),
        status: 401,
        headers: { RCRequestId: expect.any(String) }
      },
      { errorCode: 'WSG-401', message: 'Invalid or expired access token' }
    ])
  })

  it('sends ConnectionDetails first, with wsc and the configured timeouts', async () => {
    const platform = await h.start({
      wsg: { recoveryTimeout: 30, idleTimeout: 600, absoluteTimeout: 3600 }
    })
    const { client } = await openSession(h, platform)
    expect(client.frames[0]).toEqual([
      {
        type: 'ConnectionDetails',
        messageId: expect.any(String),
        status: 200,
        wsc: { token: expect.stringMatching(/^EMU-WSC-/), sequence: 1 },
        headers: { RCRequestId: expect.any(String) }
      },
      {
        creationTime: expect.stringMatching(/^\d{4}-.*\.\d{3}\+0000$/),
        maxConnectionsPerSession: 50,
        recoveryBufferSize: 100,
        recoveryTimeout: 30,
        idleTimeout: 600,
        absoluteTimeout: 3600,
        maxActiveRequests: 10
      }
    ])
  })

  it('answers a garbage wsc with WSG-400 and closes', async () => {
    const platform = await h.start()
    const token = await accessTokenFor(platform)
    const client = await RawClient.open(`${await wsUrlFor(platform, token)}&wsc=garbage`)
    h.defer(() => client.close())
    await client.closed
    expect(client.frames.map((f) => f[1])).toEqual([
      { errorCode: 'WSG-400', message: 'Malformed WebSocket session context token' }
    ])
  })

  it('recovers with a refreshed token of the same OAuth session, not with another session', async () => {
    const platform = await h.start()
    const login = await tokenRequest(platform, {
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      assertion: platform.mintJwt(AGENT)
    })
    const first = await openSession(h, platform, login.body.access_token)
    await postSubscription(first.client, [PRESENCE])
    platform.control.killSockets()

    const other = await accessTokenFor(platform)
    const foreign = await openSession(h, platform, other, `&wsc=${first.wsc.token}`)
    expect(foreign.client.frames[0]?.[1]).toMatchObject({
      recoveryState: 'Failed',
      recoveryErrorCode: 'WSG-1003'
    })
    expect(foreign.wsc.token).not.toBe(first.wsc.token)

    const refreshed = await tokenRequest(platform, {
      grant_type: 'refresh_token',
      refresh_token: login.body.refresh_token
    })
    expect(refreshed.body.session_id).toBe(login.body.session_id)
    const same = await openSession(
      h,
      platform,
      refreshed.body.access_token,
      `&wsc=${first.wsc.token}`
    )
    expect(same.client.frames[0]?.[1]).toMatchObject({ recoveryState: 'Successful' })
    expect(same.client.frames[0]?.[1]).not.toHaveProperty('recoveryErrorCode')
    // The recovered session keeps its token and continues its sequence.
    expect(same.wsc).toEqual({ token: first.wsc.token, sequence: 2 })
  })

  it('fails recovery with WSG-1005 when the session had no subscription', async () => {
    const platform = await h.start()
    const first = await openSession(h, platform)
    platform.control.killSockets()
    const again = await openSession(h, platform, first.accessToken, `&wsc=${first.wsc.token}`)
    expect(again.client.frames[0]?.[1]).toMatchObject({
      recoveryState: 'Failed',
      recoveryErrorCode: 'WSG-1005'
    })
  })
})

describe('WSG timeouts', () => {
  it('WS pings do not count: idle timeout gives WSG-902 and a close', async () => {
    const platform = await h.start({ wsg: { idleTimeout: 0.4 } })
    const { client } = await openSession(h, platform)
    const pinger = setInterval(() => client.ws.ping(), 100)
    h.defer(() => clearInterval(pinger))
    await client.closed
    const error = client.frames.find((f) => f[0]['type'] === 'Error')
    expect(error?.[1]).toEqual({ errorCode: 'WSG-902', message: 'Idle timeout expired' })
  })

  it('heartbeats keep the socket idle-alive until the absolute timeout (WSG-903)', async () => {
    const platform = await h.start({ wsg: { idleTimeout: 0.6, absoluteTimeout: 1.2 } })
    const { client } = await openSession(h, platform)
    let n = 0
    const beat = setInterval(
      () => client.send([{ type: 'Heartbeat', messageId: `hb-${++n}` }]),
      100
    )
    h.defer(() => clearInterval(beat))
    const started = Date.now()
    await client.closed
    expect(Date.now() - started).toBeGreaterThan(1000)
    const errors = client.frames.filter((f) => f[0]['type'] === 'Error').map((f) => f[1])
    expect(errors).toEqual([{ errorCode: 'WSG-903', message: 'Absolute timeout expired' }])
  })

  it('keeps the session recoverable after a timeout close', async () => {
    const platform = await h.start({ wsg: { idleTimeout: 0.3 } })
    const first = await openSession(h, platform)
    await postSubscription(first.client, [PRESENCE])
    await first.client.closed
    await sleep(20)
    const again = await openSession(h, platform, first.accessToken, `&wsc=${first.wsc.token}`)
    expect(again.client.frames[0]?.[1]).toMatchObject({ recoveryState: 'Successful' })
  })
})
