/**
 * Fidelity rows for `/restapi/v1.0/subscription` over HTTP: create, list, read, update, renew,
 * delete, expiry and how they meet the socket's own subscription. The real SDK signs in and sends
 * every request; bodies are checked against the vendored `SubscriptionInfo`,
 * `SubscriptionListResource` and `ApiErrorResponseModel`
 * (test/fixtures/openapi/ringcentral-schemas.json). Source of every row unless it says otherwise:
 * the specification's Subscriptions operations (createSubscription, listSubscriptions,
 * readSubscription, updateSubscription, renewSubscription, deleteSubscription, as @rc-ex/core
 * 1.6.17 ships them; https://developers.ringcentral.com/api-reference/Subscriptions).
 */
import type { SDK } from '@ringcentral/sdk'
import { afterEach, describe, expect, it } from 'vitest'
import { ACCOUNT_ID, AGENT, Harness, jwtLogin, makeSdk, waitFor } from '../platform/helpers'
import { violations } from './schema'

const h = new Harness()
afterEach(() => h.dispose())

type Json = Record<string, unknown>
const BASE = '/restapi/v1.0/subscription'
const FILTER = '/restapi/v1.0/account/~/extension/~/presence'
const EXPANDED = `/restapi/v1.0/account/${ACCOUNT_ID}/extension/${AGENT}/presence`
const HOOK = { transportType: 'WebHook', address: 'https://example.com/hook' }

/** A platform on a clock the test moves, and the SDK signed in to it. */
async function start(): Promise<{ sdk: SDK; advance: (s: number) => void }> {
  let offset = 0
  const p = await h.start({ clock: { now: () => Date.now() + offset } })
  const sdk = makeSdk(p)
  await jwtLogin(p, sdk)
  h.defer(() => sdk.platform().logout())
  return { sdk, advance: (s) => (offset += s * 1000) }
}

/** One request through the SDK; a refusal comes back as its status and body, not a throw. */
async function call(
  sdk: SDK,
  method: 'get' | 'post' | 'put' | 'delete',
  path: string,
  body?: unknown
): Promise<{ status: number; json: Json }> {
  try {
    const platform = sdk.platform()
    const res =
      method === 'get' || method === 'delete'
        ? await platform[method](path)
        : await platform[method](path, body)
    const text = await res.text()
    return { status: res.status, json: text === '' ? {} : (JSON.parse(text) as Json) }
  } catch (e) {
    const response = (e as { response?: Response }).response
    if (response === undefined) throw e
    return { status: response.status, json: (await response.json()) as Json }
  }
}

function expectError(json: Json, errorCode: string): Json {
  expect(violations('ApiErrorResponseModel', json)).toEqual([])
  const item = (json['errors'] as Json[])[0]!
  expect(item['errorCode']).toBe(errorCode)
  return item
}

function expectInfo(json: Json): Json {
  expect(violations('SubscriptionInfo', json)).toEqual([])
  return json
}

describe('HTTP subscriptions as the platform serves them', () => {
  it('POST creates a WebHook subscription: ~ expanded, the default lifetime, listed and read back', async () => {
    const { sdk } = await start()
    const created = await call(sdk, 'post', BASE, { eventFilters: [FILTER], deliveryMode: HOOK })
    expect(created.status).toBe(200)
    const info = expectInfo(created.json)
    expect(info).toMatchObject({
      uri: `${BASE}/${String(info['id'])}`,
      status: 'Active',
      eventFilters: [EXPANDED],
      expiresIn: 604800,
      deliveryMode: { transportType: 'WebHook', address: HOOK.address, encryption: false }
    })
    const lifetime =
      Date.parse(String(info['expirationTime'])) - Date.parse(String(info['creationTime']))
    expect(lifetime).toBe(604800 * 1000)

    const list = await call(sdk, 'get', BASE)
    expect(violations('SubscriptionListResource', list.json)).toEqual([])
    expect((list.json['records'] as Json[]).map((r) => r['id'])).toEqual([info['id']])
    expect((await call(sdk, 'get', `${BASE}/${String(info['id'])}`)).json).toEqual(info)
  })

  it('an unknown id is 404 CMN-102 naming subscriptionId, for read, update, renew and delete', async () => {
    const { sdk } = await start()
    for (const [method, path] of [
      ['get', `${BASE}/nope`],
      ['put', `${BASE}/nope`],
      ['post', `${BASE}/nope/renew`],
      ['delete', `${BASE}/nope`]
    ] as const) {
      const r = await call(sdk, method, path, method === 'put' ? {} : undefined)
      expect(r.status, `${method} ${path}`).toBe(404)
      expect(expectError(r.json, 'CMN-102')['parameterName']).toBe('subscriptionId')
    }
  })

  // Source for the body: the CMN-101 sample for a bad expiresIn (ringcentral/ringcentral-api-docs#14).
  it('refuses a bad body with 400 CMN-101 naming the parameter, and creates nothing', async () => {
    const { sdk } = await start()
    const cases: Array<[unknown, string]> = [
      [{ eventFilters: [FILTER] }, 'deliveryMode'],
      [{ eventFilters: [FILTER], deliveryMode: HOOK, expiresIn: 0 }, 'expiresIn'],
      [{ eventFilters: [FILTER], deliveryMode: HOOK, expiresIn: 315360001 }, 'expiresIn'],
      [
        { eventFilters: [FILTER], deliveryMode: { transportType: 'WebHook' } },
        'deliveryMode.address'
      ],
      // WebSocket subscriptions are created over the socket, "as opposed to making a REST API call".
      [
        { eventFilters: [FILTER], deliveryMode: { transportType: 'WebSocket' } },
        'deliveryMode.transportType'
      ]
    ]
    for (const [body, parameterName] of cases) {
      const r = await call(sdk, 'post', BASE, body)
      expect(r.status, parameterName).toBe(400)
      expect(expectError(r.json, 'CMN-101')['parameterName']).toBe(parameterName)
    }
    const invalid = await call(sdk, 'post', BASE, {
      eventFilters: ['/nonsense'],
      deliveryMode: HOOK
    })
    expect(invalid.status).toBe(400)
    expectError(invalid.json, 'SUB-508')
    expect((await call(sdk, 'get', BASE)).json['records']).toEqual([])
  })

  it('PUT changes filters and lifetime, an empty PUT and renew restart it, expiry ends it', async () => {
    const { sdk, advance } = await start()
    const id = String(
      (await call(sdk, 'post', BASE, { eventFilters: [FILTER], deliveryMode: HOOK, expiresIn: 10 }))
        .json['id']
    )
    const telephony = '/restapi/v1.0/account/~/telephony/sessions'
    const put = await call(sdk, 'put', `${BASE}/${id}`, {
      eventFilters: [telephony],
      expiresIn: 20
    })
    expect(expectInfo(put.json)).toMatchObject({
      id,
      eventFilters: [`/restapi/v1.0/account/${ACCOUNT_ID}/telephony/sessions`],
      expiresIn: 20
    })
    advance(15)
    const renewed = expectInfo((await call(sdk, 'post', `${BASE}/${id}/renew`)).json)
    expect(renewed['expiresIn']).toBe(20)
    expect(Date.parse(String(renewed['expirationTime']))).toBeGreaterThan(
      Date.parse(String(put.json['expirationTime']))
    )
    advance(15)
    // "If the request body is empty then the specified subscription will be renewed."
    expect((await call(sdk, 'put', `${BASE}/${id}`)).json['expiresIn']).toBe(20)
    advance(21)
    expect((await call(sdk, 'get', `${BASE}/${id}`)).status).toBe(404)
    expect((await call(sdk, 'post', `${BASE}/${id}/renew`)).status).toBe(404)
    expect((await call(sdk, 'get', BASE)).json['records']).toEqual([])
  })

  it('DELETE is 204 and the subscription is gone', async () => {
    const { sdk } = await start()
    const id = String(
      (await call(sdk, 'post', BASE, { eventFilters: [FILTER], deliveryMode: HOOK })).json['id']
    )
    expect((await call(sdk, 'delete', `${BASE}/${id}`)).status).toBe(204)
    expect((await call(sdk, 'get', `${BASE}/${id}`)).status).toBe(404)
  })

  // Source: "WebSocket subscriptions cannot be updated via HTTP interface" and "are renewed
  // automatically while websocket session is alive" (updateSubscription, renewSubscription).
  it("the socket's subscription is listed and read over HTTP, not updated; a DELETE ends its events", async () => {
    await h.start()
    const ws = await h.subscribe([FILTER])
    const sdk = ws.sdk
    const id = ws.registered.subscriptionInfo!.id!
    const listed = (await call(sdk, 'get', BASE)).json['records'] as Json[]
    expect(listed.map((r) => r['id'])).toEqual([id])
    expect(expectInfo(listed[0]!)['deliveryMode']).toEqual({
      transportType: 'WebSocket',
      encryption: false
    })
    const put = await call(sdk, 'put', `${BASE}/${id}`, { eventFilters: [FILTER] })
    expect(put.status).toBe(400)
    expectError(put.json, 'CMN-101')
    expect((await call(sdk, 'post', `${BASE}/${id}/renew`)).json['id']).toBe(id)

    const event = EXPANDED
    const publish = (): readonly unknown[] =>
      h.platform.gateway.publish(() => [{ event, body: { extensionId: AGENT, sequence: 1 } }])
    expect(publish()).toHaveLength(1)
    await waitFor(() => ws.received.length === 1, 'the event before the DELETE')
    expect((await call(sdk, 'delete', `${BASE}/${id}`)).status).toBe(204)
    expect(publish()).toHaveLength(0)
    expect((await call(sdk, 'get', `${BASE}/${id}`)).status).toBe(404)
    expect(h.platform.gateway.subscriptions()).toHaveLength(0)
  })
})
