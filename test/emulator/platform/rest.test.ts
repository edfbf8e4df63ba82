import { afterEach, describe, expect, it } from 'vitest'
import { apiErrors, noContent, ok, RateLimiter } from '../../../src/emulator/platform'
import {
  ACCOUNT_ID,
  AGENT,
  Harness,
  jwtLogin,
  makeSdk,
  sdkFailure,
  type ApiErrorLike
} from './helpers'

const h = new Harness()
afterEach(() => h.dispose())

describe('rate limits', () => {
  it('stamps X-Rate-Limit-* on every API response', async () => {
    const platform = await h.start()
    const sdk = makeSdk(platform)
    await jwtLogin(platform, sdk)
    const res = await sdk.get('/restapi/v1.0/account/~/extension/~')
    expect(res.headers.get('x-rate-limit-group')).toBe('light')
    expect(res.headers.get('x-rate-limit-limit')).toBe('50')
    expect(res.headers.get('x-rate-limit-remaining')).toBe('49')
    expect(res.headers.get('x-rate-limit-window')).toBe('60')
    const list = await sdk.get('/restapi/v1.0/account/~/extension', { type: 'User' })
    expect(list.headers.get('x-rate-limit-group')).toBe('medium')
    expect(((await list.json()) as { records: unknown[] }).records).toHaveLength(3)
  })

  it('429 with Retry-After surfaces as e.retryAfter and rateLimitError', async () => {
    const platform = await h.start({ rateLimits: { limits: { light: 2 }, penaltySeconds: 3 } })
    const sdk = makeSdk(platform)
    await jwtLogin(platform, sdk)
    const seen: ApiErrorLike[] = []
    sdk.platform().on(sdk.platform().events.rateLimitError, (e: ApiErrorLike) => seen.push(e))
    await sdk.get('/restapi/v1.0/account/~')
    await sdk.get('/restapi/v1.0/account/~')
    const e = await sdkFailure(() => sdk.get('/restapi/v1.0/account/~'))
    expect(e.response?.status).toBe(429)
    expect(e.retryAfter).toBe(3000)
    expect(e.message).toBe('Request rate exceeded')
    expect(e.response?.headers.get('retry-after')).toBe('3')
    expect(e.response?.headers.get('x-rate-limit-remaining')).toBe('0')
    expect(await e.response?.json()).toEqual({
      errorCode: 'CMN-301',
      message: 'Request rate exceeded',
      errors: [{ errorCode: 'CMN-301', message: 'Request rate exceeded' }]
    })
    expect(seen).toHaveLength(1)
    // Other groups are counted separately.
    expect((await sdk.get('/restapi/v1.0/account/~/extension')).status).toBe(200)
  })

  it('penalises: every request during the penalty restarts it', () => {
    let now = 0
    const limiter = new RateLimiter({ now: () => now })
    limiter.configure({ limits: { heavy: 2 }, windowSeconds: 60, penaltySeconds: 10 })
    expect(limiter.take('u', 'heavy').allowed).toBe(true)
    expect(limiter.take('u', 'heavy').allowed).toBe(true)
    const over = limiter.take('u', 'heavy')
    expect(over).toMatchObject({ allowed: false, retryAfterSeconds: 10 })
    now = 9_000
    expect(limiter.take('u', 'heavy').allowed).toBe(false)
    now = 18_000
    expect(limiter.take('u', 'heavy').allowed).toBe(false)
    now = 28_001
    expect(limiter.take('u', 'heavy')).toMatchObject({
      allowed: true,
      headers: { 'X-Rate-Limit-Remaining': '1' }
    })
    expect(limiter.take('other', 'heavy').allowed).toBe(true)
    now = 100_000
    limiter.take('u', 'heavy')
    expect(limiter.take('u', 'heavy').headers['X-Rate-Limit-Remaining']).toBe('0')
  })
})

describe('errors and routing', () => {
  it('403 names the missing permission in the real shape', async () => {
    const platform = await h.start()
    const app = platform.control.registerClient({
      scopes: ['ReadPresence', 'WebSocketsSubscription']
    })
    const sdk = makeSdk(platform, { clientId: app.clientId, clientSecret: app.clientSecret })
    await sdk.platform().login({ jwt: platform.mintJwt(AGENT, { clientId: app.clientId }) })
    const e = await sdkFailure(() => sdk.get('/restapi/v1.0/account/~/extension/~'))
    const message =
      'In order to call this API endpoint, application needs to have [ReadAccounts] permission'
    expect(e.response?.status).toBe(403)
    expect(e.message).toBe(message)
    expect(await e.response?.json()).toEqual({
      errorCode: 'InsufficientPermissions',
      message,
      errors: [{ errorCode: 'CMN-401', message, permissionName: 'ReadAccounts' }],
      permissionName: 'ReadAccounts'
    })
  })

  it('404s: CMN-120 for unknown paths, CMN-102 for unknown ids', async () => {
    const platform = await h.start()
    const sdk = makeSdk(platform)
    await jwtLogin(platform, sdk)
    const uri = await sdkFailure(() => sdk.get('/restapi/v1.0/nothing-here'))
    expect(await uri.response?.json()).toMatchObject({
      errors: [{ errorCode: 'CMN-120', message: 'Invalid URI' }]
    })
    expect(uri.response?.headers.get('x-rate-limit-group')).toBe('light')
    const ext = await sdkFailure(() => sdk.get('/restapi/v1.0/account/~/extension/424242'))
    expect(await ext.response?.json()).toMatchObject({
      errorCode: 'CMN-102',
      message: 'Resource for parameter [extensionId] is not found',
      errors: [{ errorCode: 'CMN-102', parameterName: 'extensionId', parameterValue: '424242' }],
      parameterName: 'extensionId'
    })
    const acc = await sdkFailure(() => sdk.get('/restapi/v1.0/account/1/extension/~'))
    expect(acc.response?.status).toBe(404)
  })

  it('401s: OAU-149 for garbage, OAU-129 for unknown tokens; the scheme is case-insensitive', async () => {
    const platform = await h.start()
    const sdk = makeSdk(platform)
    await jwtLogin(platform, sdk)
    const token = (await sdk.platform().auth().data()).access_token ?? ''
    const get = (authorization: string): Promise<Response> =>
      fetch(`${platform.url}/restapi/v1.0/account/~`, { headers: { Authorization: authorization } })
    expect((await get(`BEARER ${token}`)).status).toBe(200)
    const garbage = await get('Bearer abc')
    expect(garbage.status).toBe(401)
    expect(await garbage.json()).toMatchObject({ errors: [{ errorCode: 'OAU-149' }] })
    const unknown = await get(`bearer EMU-AT-${'x'.repeat(43)}`)
    expect(await unknown.json()).toMatchObject({ errors: [{ errorCode: 'OAU-129' }] })
    expect((await fetch(`${platform.url}/restapi/v1.0/account/~`)).status).toBe(401)
  })

  it('serves routes added by the call centre: ~ resolved, body-less POST, 409 TAS errors', async () => {
    const platform = await h.start()
    platform.router.route(
      'POST',
      '/restapi/v1.0/account/:accountId/extension/:extensionId/echo',
      { group: 'heavy', permission: 'CallControl' },
      (req) => ok({ params: req.params, body: req.body ?? null, owner: req.auth.extensionId })
    )
    platform.router.route(
      'POST',
      '/restapi/v1.0/account/:accountId/telephony/sessions/:sessionId/parties/:partyId/hold',
      { group: 'light', permission: 'CallControl' },
      (req) => {
        if (req.params['sessionId'] === 's-held')
          throw apiErrors.conflict('TAS-102', 'Incorrect State')
        return noContent()
      }
    )
    const sdk = makeSdk(platform)
    await jwtLogin(platform, sdk)
    const echo = await sdk.post('/restapi/v1.0/account/~/extension/~/echo')
    expect(echo.headers.get('x-rate-limit-group')).toBe('heavy')
    expect(await echo.json()).toEqual({
      params: { accountId: ACCOUNT_ID, extensionId: AGENT },
      body: null,
      owner: AGENT
    })
    const withBody = await sdk.post('/restapi/v1.0/account/~/extension/~/echo', { muted: true })
    expect(await withBody.json()).toMatchObject({ body: { muted: true } })
    const conflict = await sdkFailure(() =>
      sdk.post('/restapi/v1.0/account/~/telephony/sessions/s-held/parties/p-1/hold')
    )
    expect(conflict.response?.status).toBe(409)
    expect(await conflict.response?.json()).toEqual({
      errorCode: 'TAS-102',
      message: 'Incorrect State',
      errors: [{ errorCode: 'TAS-102', message: 'Incorrect State' }]
    })
    expect(() =>
      platform.router.route('GET', '/restapi/v1.0/account/:accountId', { group: 'light' }, () =>
        ok({})
      )
    ).toThrow(/duplicate/)
  })
})

describe('the platform’s own extension list', () => {
  it('pages as the call centre’s lists do: paging, navigation, a page past the end is the last', async () => {
    const platform = await h.start()
    const sdk = makeSdk(platform)
    await jwtLogin(platform, sdk)
    const read = async (page: number): Promise<Record<string, unknown>> =>
      (await (
        await sdk.get('/restapi/v1.0/account/~/extension', { perPage: 3, page })
      ).json()) as Record<string, unknown>
    const second = await read(2)
    expect(second['records']).toHaveLength(1)
    expect(second['paging']).toEqual({
      page: 2,
      totalPages: 2,
      perPage: 3,
      totalElements: 4,
      pageStart: 3,
      pageEnd: 3
    })
    expect(Object.keys(second['navigation'] as object).sort()).toEqual([
      'firstPage',
      'lastPage',
      'previousPage'
    ])
    expect(await read(9)).toEqual(second)
  })
})
