import { request } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { ACCOUNT_ID, AGENT, Harness, jwtLogin, makeSdk, waitFor } from './helpers'
import { openSession, postSubscription, tokenRequest } from './raw'

const h = new Harness()
afterEach(() => h.dispose())

async function call(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {}
): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${h.platform.url}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) })
  })
  const text = await res.text()
  return { status: res.status, json: text === '' ? undefined : (JSON.parse(text) as unknown) }
}

describe('control API over HTTP', () => {
  it('is loopback-only: a foreign Host header (DNS rebinding) is refused', async () => {
    const platform = await h.start()
    expect((await call('GET', '/__emulator/health')).json).toEqual({ ok: true })
    // fetch() will not let us forge Host, node:http will.
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: platform.port,
          path: '/__emulator/health',
          headers: { Host: 'evil.example' }
        },
        (res) => {
          res.resume()
          resolve(res.statusCode)
        }
      )
      req.on('error', reject)
      req.end()
    })
    expect(status).toBe(403)
  })

  it('mints JWTs, sets TTLs and rate limits, reports state', async () => {
    const platform = await h.start()
    const { json } = await call('POST', '/__emulator/jwt', { extensionId: AGENT })
    const login = await tokenRequest(platform, {
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      assertion: (json as { jwt: string }).jwt
    })
    expect(login.body['owner_id']).toBe(AGENT)

    expect((await call('PUT', '/__emulator/token-ttls', { accessTokenTtl: 2 })).json).toMatchObject(
      { accessTokenTtl: 2 }
    )
    expect(
      (await call('PUT', '/__emulator/rate-limits', { limits: { light: 1 }, penaltySeconds: 1 }))
        .json
    ).toMatchObject({
      limits: { light: 1, medium: 40, heavy: 10, auth: 5 },
      penaltySeconds: 1
    })
    expect((await call('PUT', '/__emulator/wsg', { recoveryTimeout: 2 })).json).toMatchObject({
      recoveryTimeout: 2
    })
    const bad = await call('PUT', '/__emulator/wsg', { recoveryTimeout: 'soon' })
    expect(bad.status).toBe(400)
    expect(bad.json).toMatchObject({ errors: [{ errorCode: 'CMN-101', parameterName: 'body' }] })

    const sdk = makeSdk(platform)
    await jwtLogin(platform, sdk)
    expect((await sdk.get('/restapi/v1.0/account/~')).status).toBe(200)
    await expect(sdk.get('/restapi/v1.0/account/~')).rejects.toMatchObject({ retryAfter: 1000 })
    await call('POST', '/__emulator/rate-limits/reset')
    expect((await sdk.get('/restapi/v1.0/account/~')).status).toBe(200)

    const state = (await call('GET', '/__emulator/state')).json
    expect(state).toMatchObject({ tokenTtls: { accessTokenTtl: 2 }, wsg: { recoveryTimeout: 2 } })
    const expired = await call('POST', '/__emulator/tokens/expire', {
      kind: 'access',
      extensionId: AGENT
    })
    expect(expired.json).toEqual({ expired: 2 })
  })

  it('registers and updates clients', async () => {
    await h.start()
    const created = await call('POST', '/__emulator/clients', {
      name: 'No presence',
      scopes: ['ReadAccounts']
    })
    expect(created.status).toBe(201)
    const app = created.json as { clientId: string; clientSecret: string; scopes: string[] }
    expect(app.scopes).toEqual(['ReadAccounts'])
    const patched = await call('PATCH', `/__emulator/clients/${app.clientId}`, {
      scopes: ['ReadPresence']
    })
    expect(patched.json).toMatchObject({ clientId: app.clientId, scopes: ['ReadPresence'] })
    expect((await call('PATCH', '/__emulator/clients/nope', {})).status).toBe(404)
    expect((await call('POST', '/__emulator/clients', { scopes: ['Bogus'] })).status).toBe(400)
    const list = (await call('GET', '/__emulator/clients')).json as { records: unknown[] }
    expect(list.records).toHaveLength(2)
  })

  it('lists sockets and subscriptions, notifies, and drives faults', async () => {
    const platform = await h.start()
    const { client } = await openSession(h, platform)
    const [, sub] = await postSubscription(client, ['/restapi/v1.0/account/~/extension/~/presence'])
    const id = (sub as { id: string }).id
    const sockets = (await call('GET', '/__emulator/sockets')).json as {
      records: Array<Record<string, unknown>>
    }
    expect(sockets.records).toEqual([
      expect.objectContaining({ extensionId: AGENT, subscriptionId: id })
    ])
    const subs = (await call('GET', '/__emulator/subscriptions')).json as {
      records: Array<Record<string, unknown>>
    }
    expect(subs.records[0]).toMatchObject({
      id,
      ownerExtensionId: AGENT,
      accountId: ACCOUNT_ID,
      scopes: expect.arrayContaining(['ReadPresence'])
    })

    const event = `/restapi/v1.0/account/${ACCOUNT_ID}/extension/${AGENT}/presence`
    const notified = await call('POST', '/__emulator/notify', {
      event,
      body: { telephonyStatus: 'Ringing' }
    })
    expect(notified.json).toMatchObject({
      published: [{ subscriptionId: id, event, disposition: 'sent' }]
    })
    await client.next((m) => m['type'] === 'ServerNotification', 'the notification')

    const faults = await call('PUT', '/__emulator/faults', {
      pauseDelivery: true,
      silence: false,
      wstokenFailures: { count: 1, status: 500 },
      earlyNotification: true,
      restLatencyMs: 0,
      hangUpgrades: 2
    })
    expect(faults.json).toEqual({
      earlyNotification: true,
      wstokenFailures: { count: 1, status: 500 },
      restLatencyMs: 0,
      silence: false,
      pauseDelivery: true,
      hangUpgrades: 2
    })
    await call('POST', '/__emulator/faults/reset')
    expect((await call('GET', '/__emulator/faults')).json).toEqual({
      earlyNotification: false,
      wstokenFailures: { count: 0, status: 503 },
      restLatencyMs: 0,
      silence: false,
      pauseDelivery: false,
      hangUpgrades: 0
    })

    expect(
      (await call('POST', '/__emulator/faults/raw-frame', { target: id, text: 'hello' })).json
    ).toEqual({ sent: 1 })
    await waitFor(() => client.texts.includes('hello'), 'raw frame')
    expect((await call('POST', '/__emulator/faults/kill-sockets', {})).json).toEqual({ killed: 1 })
    expect(await client.closed).toBe(1006)
  })

  it('holds REST API replies for the latency fault, but not the control API', async () => {
    const platform = await h.start()
    const sdk = makeSdk(platform)
    await jwtLogin(platform, sdk)
    expect((await call('PUT', '/__emulator/faults', { restLatencyMs: 400 })).json).toMatchObject({
      restLatencyMs: 400
    })
    let replied = false
    const start = performance.now()
    const api = sdk
      .platform()
      .get('/restapi/v1.0/account/~/extension/~')
      .then(() => {
        replied = true
        return performance.now() - start
      })
    // The control API answers while the API reply is still held.
    expect((await call('GET', '/__emulator/faults')).status).toBe(200)
    expect(replied).toBe(false)
    expect(await api).toBeGreaterThanOrEqual(390)
    expect((await call('PUT', '/__emulator/faults', { restLatencyMs: -1 })).status).toBe(400)
    // Not a count one can add one to: 1e29 + 1 === 1e29.
    expect((await call('PUT', '/__emulator/faults', { restLatencyMs: 1e29 })).status).toBe(400)
    await call('POST', '/__emulator/faults/reset')
    expect(platform.control.faults().restLatencyMs).toBe(0)
  })
})
