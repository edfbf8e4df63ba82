import { afterEach, describe, expect, it } from 'vitest'
import type { Platform } from '../../../src/emulator/platform'
import { AGENT, Harness, makeSdk, type ApiErrorLike } from './helpers'
import { tokenRequest } from './raw'

const h = new Harness()
afterEach(() => h.dispose())

const apiGet = (
  p: Platform,
  token: string,
  path = '/restapi/v1.0/account/~/extension/~'
): Promise<Response> => fetch(`${p.url}${path}`, { headers: { Authorization: `bearer ${token}` } })

describe('refresh, 401 and revoke', () => {
  it('rotates: the old access and refresh tokens die at once', async () => {
    const platform = await h.start()
    const sdk = makeSdk(platform)
    await sdk.platform().login({ jwt: platform.mintJwt(AGENT) })
    const old = await sdk.platform().auth().data()
    await sdk.platform().refresh()
    const fresh = await sdk.platform().auth().data()
    expect(fresh.access_token).not.toBe(old.access_token)
    expect(fresh.refresh_token).not.toBe(old.refresh_token)

    const oldAccess = await apiGet(platform, old.access_token ?? '')
    expect(oldAccess.status).toBe(401)
    expect(await oldAccess.json()).toMatchObject({ errors: [{ errorCode: 'OAU-129' }] })
    const reuse = await tokenRequest(platform, {
      grant_type: 'refresh_token',
      refresh_token: old.refresh_token ?? ''
    })
    expect(reuse).toEqual({
      status: 400,
      body: {
        error: 'invalid_grant',
        errors: [{ errorCode: 'OAU-211', message: 'Token revoked' }],
        error_description: 'Token revoked'
      }
    })
    expect((await apiGet(platform, fresh.access_token ?? '')).status).toBe(200)
  })

  it('clamps access_token_ttl: -1 and small values become the minimum, never above the default', async () => {
    const platform = await h.start()
    const login = await tokenRequest(platform, {
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      assertion: platform.mintJwt(AGENT)
    })
    const refreshed = await tokenRequest(platform, {
      grant_type: 'refresh_token',
      refresh_token: login.body.refresh_token,
      access_token_ttl: '-1',
      refresh_token_ttl: '604800'
    })
    expect(refreshed.status).toBe(200)
    expect(refreshed.body.expires_in).toBe(600)
    platform.control.setTokenTtls({ accessTokenTtl: 2 })
    const short = await tokenRequest(platform, {
      grant_type: 'refresh_token',
      refresh_token: refreshed.body.refresh_token,
      access_token_ttl: '3600'
    })
    expect(short.body.expires_in).toBe(2)
  })

  it('an expired access token gets 401 OAU-128; the SDK refreshes and retries', async () => {
    const platform = await h.start({ tokenTtls: { accessTokenTtl: 1 } })
    // A negative handicap makes the SDK keep using the token past its expiry, so the 401 comes
    // from the server rather than from the SDK's own clock.
    const sdk = makeSdk(platform, { refreshHandicapMs: -60_000, refreshDelayMs: 0 })
    await sdk.platform().login({ jwt: platform.mintJwt(AGENT) })
    const errors: unknown[] = []
    sdk.client().on(sdk.client().events.requestError, (e: ApiErrorLike) => {
      errors.push(e.response?.clone().json())
    })
    let refreshed = 0
    sdk.platform().on(sdk.platform().events.refreshSuccess, () => refreshed++)
    await new Promise((r) => setTimeout(r, 1100))
    const res = await sdk.get('/restapi/v1.0/account/~/extension/~')
    expect(res.status).toBe(200)
    expect(refreshed).toBe(1)
    expect(await Promise.all(errors)).toEqual([
      {
        errorCode: 'TokenExpired',
        message: 'Access token expired',
        errors: [{ errorCode: 'OAU-128', message: 'Access token expired' }]
      }
    ])
  })

  it('expireTokens forces the same 401 → refresh → retry path', async () => {
    const platform = await h.start()
    const sdk = makeSdk(platform, { refreshDelayMs: 0 })
    await sdk.platform().login({ jwt: platform.mintJwt(AGENT) })
    const before = (await sdk.platform().auth().data()).access_token
    expect(platform.control.expireTokens('access', { extensionId: AGENT })).toBe(1)
    const res = await sdk.get('/restapi/v1.0/account/~/extension/~')
    expect(res.status).toBe(200)
    expect((await sdk.platform().auth().data()).access_token).not.toBe(before)
  })

  it('revoke kills the whole pair', async () => {
    const platform = await h.start()
    const sdk = makeSdk(platform)
    await sdk.platform().login({ jwt: platform.mintJwt(AGENT) })
    const data = await sdk.platform().auth().data()
    const res = await sdk.platform().logout()
    expect(res.status).toBe(200)
    expect((await apiGet(platform, data.access_token ?? '')).status).toBe(401)
    const refresh = await tokenRequest(platform, {
      grant_type: 'refresh_token',
      refresh_token: data.refresh_token ?? ''
    })
    expect(refresh.status).toBe(400)
    const byQuery = await fetch(`${platform.url}/restapi/oauth/revoke?token=unknown`, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from(`${platform.clientId}:${platform.clientSecret}`).toString('base64')}`
      }
    })
    expect(byQuery.status).toBe(200)
  })
})
