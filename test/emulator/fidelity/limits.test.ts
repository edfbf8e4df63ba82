/**
 * Fidelity rows for the platform's limits: one test per limit, each citing its public source, each
 * error body checked against the vendored `ApiErrorResponseModel`
 * (test/fixtures/openapi/ringcentral-schemas.json). Raw `ws` clients, because the real client
 * hides the frames; the real SDK where it shows what an app sees.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_WSG_SETTINGS } from '../../../src/emulator/platform/wsg/types'
import { AGENT, Harness, makeSdk, jwtLogin, sdkFailure } from '../platform/helpers'
import { accessTokenFor, RawClient, wsUrlFor, type Frame } from '../platform/raw'
import { violations } from './schema'

const h = new Harness()
afterEach(() => h.dispose())

const FILTER = '/restapi/v1.0/account/~/extension/~/presence'

/** A raw socket past its ConnectionDetails, closed with the harness. */
async function connect(url: string): Promise<RawClient> {
  const client = await RawClient.open(url)
  h.defer(() => client.close())
  await client.next(
    (m) => m['type'] === 'ConnectionDetails' || m['type'] === 'Error',
    'first frame'
  )
  return client
}

let requestNo = 0
/** Sends a ClientRequest; returns its messageId. */
function request(client: RawClient, method: string, path: string, body?: unknown): string {
  const messageId = `limits/${requestNo++}`
  const meta = { type: 'ClientRequest', messageId, method, path, headers: {} }
  client.send(body === undefined ? [meta] : [meta, body])
  return messageId
}

const reply = (client: RawClient, messageId: string): Promise<Frame> =>
  client.next((m) => m['messageId'] === messageId, `reply to ${messageId}`)

function expectError(json: unknown, errorCode: string): Record<string, unknown> {
  expect(violations('ApiErrorResponseModel', json)).toEqual([])
  const body = json as { errors: Array<Record<string, unknown>>; errorCode: unknown }
  expect(body.errors[0]!['errorCode']).toBe(errorCode)
  expect(body.errorCode).toBe(errorCode)
  return body.errors[0]!
}

const subscribeBody = { eventFilters: [FILTER], deliveryMode: { transportType: 'WebSocket' } }

describe('the emulator enforces the limits the platform advertises', () => {
  // Source: the real ConnectionDetails advertise maxConnectionsPerSession 50 and maxActiveRequests
  // 10 (ringcentral/ringcentral-js-widgets, ws/connectionDetails.json; docs/platform.md#connectiondetails).
  it('ConnectionDetails carry the published numbers by default', async () => {
    const p = await h.start()
    const client = await connect(await wsUrlFor(p, await accessTokenFor(p)))
    expect(client.frames[0]![1]).toMatchObject({
      maxConnectionsPerSession: 50,
      maxActiveRequests: 10
    })
    expect(DEFAULT_WSG_SETTINGS.maxSubscriptions).toBe(20)
  })

  // Source: as above; the refusal's code and close are not published (docs/platform.md#connection-limits).
  it('a socket beyond maxConnectionsPerSession of one OAuth session is refused; others are not', async () => {
    const p = await h.start({ wsg: { maxConnectionsPerSession: 2 } })
    const token = await accessTokenFor(p)
    await connect(await wsUrlFor(p, token))
    await connect(await wsUrlFor(p, token))
    const third = await connect(await wsUrlFor(p, token))
    expect(await third.closed).toBe(4429)
    expect(third.frames[0]).toEqual([
      expect.objectContaining({ type: 'Error', status: 429 }),
      { errorCode: 'WSG-429', message: 'Connections limit per session exceeded' }
    ])
    // Another sign-in (another OAuth session) has its own allowance.
    const other = await connect(await wsUrlFor(p, await accessTokenFor(p)))
    expect(other.frames[0]![0]['type']).toBe('ConnectionDetails')
    expect(p.gateway.sockets()).toHaveLength(3)
  })

  // Source: "Subscriptions are currently limited to 20 subscriptions per user/extension (for
  // particular application)" (the specification's createSubscription, as @rc-ex/core 1.6.17 ships
  // it); the SUB-505 body in RingCentral's developer community (docs/platform.md#subscription-limits).
  it('subscriptions beyond the limit are 403 SUB-505, over the socket and over HTTP', async () => {
    const p = await h.start({ wsg: { maxSubscriptions: 2 } })
    const token = await accessTokenFor(p)
    for (let i = 0; i < 2; i++) {
      const c = await connect(await wsUrlFor(p, token))
      expect(
        (await reply(c, request(c, 'POST', '/restapi/v1.0/subscription', subscribeBody)))[0][
          'status'
        ]
      ).toBe(200)
    }
    const third = await connect(await wsUrlFor(p, token))
    const [meta, body] = await reply(
      third,
      request(third, 'POST', '/restapi/v1.0/subscription', subscribeBody)
    )
    expect(meta['status']).toBe(403)
    expect(expectError(body, 'SUB-505')['message']).toBe('Subscriptions limit exceeded')
    expect(p.gateway.subscriptions()).toHaveLength(2)

    const sdk = makeSdk(p)
    await jwtLogin(p, sdk)
    h.defer(() => sdk.platform().logout())
    // The SDK's sign-in is the same user and app: the webhook counts against the same 20.
    const hook = { transportType: 'WebHook', address: 'https://example.com/hook' }
    const failure = await sdkFailure(() =>
      sdk
        .platform()
        .post('/restapi/v1.0/subscription', { eventFilters: [FILTER], deliveryMode: hook })
    )
    expect(failure.response?.status).toBe(403)
    expectError(await failure.response?.json(), 'SUB-505')
  })

  // Source: maxActiveRequests in the real ConnectionDetails (as above); the refusal's body is not
  // published, so the emulator answers as for a rate limit (docs/platform.md#connection-limits).
  it('a request beyond maxActiveRequests in flight is 429 with Retry-After and is not applied', async () => {
    const p = await h.start({ wsg: { maxActiveRequests: 1, requestLatencyMs: 300 } })
    const c = await connect(await wsUrlFor(p, await accessTokenFor(p, AGENT)))
    const first = request(c, 'POST', '/restapi/v1.0/subscription', subscribeBody)
    const second = request(c, 'GET', '/restapi/v1.0/subscription/whatever')
    const [meta, body] = await reply(c, second)
    expect(meta['status']).toBe(429)
    expect((meta['headers'] as Record<string, string>)['Retry-After']).toBe('1')
    expectError(body, 'CMN-301')
    // The refusal came first: the one in flight is still being answered.
    expect(c.frames.some((f) => f[0]['messageId'] === first)).toBe(false)
    expect((await reply(c, first))[0]['status']).toBe(200)
    // Once it is answered, the next one is served.
    const third = request(
      c,
      'DELETE',
      `/restapi/v1.0/subscription/${p.gateway.subscriptions()[0]!.id}`
    )
    expect((await reply(c, third))[0]['status']).toBe(204)
  })

  // Source: the rate limits guide (https://developers.ringcentral.com/guide/basics/rate-limits):
  // 429 with Retry-After and X-Rate-Limit-* on every response; CMN-301 "Request rate exceeded"
  // (https://developers.ringcentral.com/guide/basics/errors).
  it("a request over its group's limit is 429 CMN-301 with Retry-After and the rate headers", async () => {
    const p = await h.start({ rateLimits: { limits: { light: 1 }, penaltySeconds: 60 } })
    const token = await accessTokenFor(p)
    const get = (): Promise<Response> =>
      fetch(`${p.url}/restapi/v1.0/subscription`, { headers: { Authorization: `bearer ${token}` } })
    const first = await get()
    expect(first.status).toBe(200)
    expect(first.headers.get('X-Rate-Limit-Group')).toBe('light')
    expect(first.headers.get('X-Rate-Limit-Remaining')).toBe('0')
    const second = await get()
    expect(second.status).toBe(429)
    expect(second.headers.get('Retry-After')).toBe('60')
    expect(second.headers.get('X-Rate-Limit-Limit')).toBe('1')
    expect(second.headers.get('X-Rate-Limit-Window')).toBe('60')
    expect(expectError(await second.json(), 'CMN-301')['message']).toBe('Request rate exceeded')
  })
})
