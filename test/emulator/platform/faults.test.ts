import { WebSocket } from 'ws'
import { afterEach, describe, expect, it } from 'vitest'
import { ACCOUNT_ID, AGENT, Harness, sleep, waitFor } from './helpers'
import { accessTokenFor, openSession, postSubscription, RawClient, wsUrlFor } from './raw'

const h = new Harness()
afterEach(() => h.dispose())

const EVENT = `/restapi/v1.0/account/${ACCOUNT_ID}/extension/${AGENT}/presence`
const FILTER = '/restapi/v1.0/account/~/extension/~/presence'

async function subscribedRaw(): Promise<{ client: RawClient; subscriptionId: string }> {
  const { client } = await openSession(h, h.platform)
  const [, body] = await postSubscription(client, [FILTER])
  return { client, subscriptionId: (body as { id: string }).id }
}

const notifications = (c: RawClient): unknown[] =>
  c.frames
    .filter((f) => f[0]['type'] === 'ServerNotification')
    .map((f) => (f[1] as { body: unknown }).body)

describe('delivery faults', () => {
  it('pauseDelivery queues in order; resumeDelivery flushes', async () => {
    const platform = await h.start()
    const { client } = await subscribedRaw()
    platform.control.pauseDelivery()
    const published = platform.gateway.publish(() =>
      [1, 2, 3].map((n) => ({ event: EVENT, body: { n } }))
    )
    expect(published.map((p) => p.disposition)).toEqual(['queued', 'queued', 'queued'])
    client.send([{ type: 'Heartbeat', messageId: 'hb' }])
    await client.next((m) => m['messageId'] === 'hb', 'heartbeat while paused')
    expect(notifications(client)).toEqual([])
    expect(platform.control.resumeDelivery()).toBe(3)
    await waitFor(() => notifications(client).length === 3, 'flushed notifications')
    expect(notifications(client)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }])
  })

  it('silence: a half-open socket answers nothing and loses what is sent meanwhile', async () => {
    const platform = await h.start()
    const { client } = await subscribedRaw()
    platform.control.silence(true)
    client.send([{ type: 'Heartbeat', messageId: 'hb-silent' }])
    const lost = platform.gateway.publish(() => [{ event: EVENT, body: { n: 1 } }])
    expect(lost[0]?.disposition).toBe('discarded')
    await sleep(200)
    expect(client.frames.some((f) => f[0]['messageId'] === 'hb-silent')).toBe(false)
    expect(platform.control.sockets()).toHaveLength(1)
    platform.control.silence(false)
    client.send([{ type: 'Heartbeat', messageId: 'hb-back' }])
    await client.next((m) => m['messageId'] === 'hb-back', 'heartbeat after silence')
    expect(notifications(client)).toEqual([])
  })

  it('hangUpgrades: the next n upgrades stay CONNECTING until the fault ends', async () => {
    const hangs: unknown[] = []
    const platform = await h.start({ log: (event, d) => event === 'wsg.hang' && hangs.push(d) })
    const url = await wsUrlFor(platform, await accessTokenFor(platform))
    platform.control.hangUpgrades(1)
    expect(platform.control.faults().hangUpgrades).toBe(1)
    const hung = new WebSocket(url)
    const closed = new Promise<void>((resolve) => hung.once('close', () => resolve()))
    hung.on('error', () => undefined)
    h.defer(() => hung.terminate())
    // The gateway has taken the upgrade and will never write a byte to it.
    await waitFor(() => hangs.length === 1, 'the upgrade to be held')
    expect(hung.readyState).toBe(WebSocket.CONNECTING)
    expect(platform.control.faults().hangUpgrades).toBe(0)
    // The count is used up: the next upgrade is answered, while the first still hangs.
    const next = await RawClient.open(url)
    h.defer(() => next.close())
    await next.next((m) => m['type'] === 'ConnectionDetails', 'ConnectionDetails')
    expect(hung.readyState).toBe(WebSocket.CONNECTING)
    expect(platform.control.sockets()).toHaveLength(1)
    // Ending the fault drops what still hangs: the client hears of it instead of waiting for ever.
    platform.control.hangUpgrades(0)
    await closed
  })

  it('rawFrame reaches one subscription or all sockets', async () => {
    const platform = await h.start()
    const a = await subscribedRaw()
    const b = await subscribedRaw()
    expect(
      platform.control.rawFrame(a.subscriptionId, '[{"type":"ServerNotification"},"oops"')
    ).toBe(1)
    expect(platform.control.rawFrame('all', 'garbage')).toBe(2)
    await waitFor(() => b.client.texts.includes('garbage'), 'broadcast frame')
    await waitFor(() => a.client.texts.includes('garbage'), 'broadcast frame')
    expect(a.client.texts).toContain('[{"type":"ServerNotification"},"oops"')
    expect(b.client.texts).not.toContain('[{"type":"ServerNotification"},"oops"')
  })

  it('killSockets filters by extension and reports how many died', async () => {
    const platform = await h.start()
    const mine = await subscribedRaw()
    expect(platform.control.killSockets({ extensionId: '1' })).toBe(0)
    expect(platform.control.killSockets({ extensionId: AGENT })).toBe(1)
    expect(await mine.client.closed).toBe(1006)
    expect(platform.control.sockets()).toHaveLength(0)
    // The subscription survives for the recovery window and buffers.
    expect(platform.gateway.publish(() => [{ event: EVENT, body: {} }])[0]?.disposition).toBe(
      'buffered'
    )
  })
})

describe('wstoken faults and permission', () => {
  const wstoken = async (token: string): Promise<Response> =>
    fetch(`${h.platform.url}/restapi/oauth/wstoken`, {
      method: 'POST',
      headers: { Authorization: `bearer ${token}`, 'Content-Type': 'application/json' }
    })

  it('fails the next n calls with the given status, then recovers', async () => {
    const platform = await h.start()
    const token = await accessTokenFor(platform)
    platform.control.wstokenFailures(2, 503)
    expect((await wstoken(token)).status).toBe(503)
    const second = await wstoken(token)
    expect(await second.json()).toMatchObject({ errors: [{ errorCode: 'CMN-201' }] })
    const ok = await wstoken(token)
    expect(ok.status).toBe(200)
    expect(ok.headers.get('x-rate-limit-group')).toBe('auth')
    expect(await ok.json()).toEqual({
      uri: platform.wsUrl,
      ws_access_token: expect.stringMatching(/^EMU-WS-/),
      expires_in: 60
    })
  })

  it('403 SUB-528 without the WebSocket permission', async () => {
    const platform = await h.start()
    const app = platform.control.registerClient({ scopes: ['ReadPresence'] })
    const res = await wstoken(await accessTokenFor(platform, AGENT, app))
    expect(res.status).toBe(403)
    expect(await res.json()).toMatchObject({
      errorCode: 'InsufficientPermissions',
      errors: [{ errorCode: 'SUB-528', permissionName: 'WebSocketsSubscription' }]
    })
  })

  // The guide calls the ws token single use (docs/platform.md#wstoken): a second socket with it is
  // refused even inside its lifetime, and an unused one after its lifetime.
  it('refuses a ws token already used once, and an unused one after its TTL', async () => {
    const clock = { offset: 0, now: (): number => Date.now() + clock.offset }
    const platform = await h.start({ clock, tokenTtls: { wsTokenTtl: 5 } })
    const access = await accessTokenFor(platform)
    const url = await wsUrlFor(platform, access)
    const first = await RawClient.open(url)
    h.defer(() => first.close())
    await first.next((m) => m['type'] === 'ConnectionDetails', 'ConnectionDetails')
    const again = await RawClient.open(url)
    h.defer(() => again.close())
    expect(await again.closed).toBe(4401)
    const unused = await wsUrlFor(platform, access)
    clock.offset += 6000
    const late = await RawClient.open(unused)
    h.defer(() => late.close())
    expect(await late.closed).toBe(4401)
  })
})
