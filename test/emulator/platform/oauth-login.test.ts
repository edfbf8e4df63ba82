import type { SDK } from '@ringcentral/sdk'
import { afterEach, describe, expect, it } from 'vitest'
import {
  AGENT,
  Harness,
  makeSdk,
  REDIRECT_URI,
  SECOND_AGENT,
  sdkFailure,
  type ApiErrorLike
} from './helpers'

const h = new Harness()
afterEach(() => h.dispose())

/** Runs `fn`, expecting the SDK to throw; returns the error with its parsed JSON body. */
async function failure(
  fn: () => Promise<unknown>
): Promise<{ error: ApiErrorLike; status: number | undefined; body: unknown }> {
  const error = await sdkFailure(fn)
  const body: unknown = error.response ? await error.response.clone().json() : undefined
  return { error, status: error.response?.status, body }
}

/** Follows the authorize URL like a browser would, without following the 302. */
async function authorize(url: string): Promise<Response> {
  return fetch(url, { redirect: 'manual' })
}

async function codeFrom(sdk: SDK, response: Response): Promise<Record<string, string>> {
  expect(response.status).toBe(302)
  const location = new URL(response.headers.get('location') ?? '')
  expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI)
  return sdk.platform().parseLoginRedirect(location.search)
}

describe('JWT grant', () => {
  it('logs in and answers exactly the reference token shape', async () => {
    const platform = await h.start()
    const sdk = makeSdk(platform)
    const res = await sdk.platform().login({ jwt: platform.mintJwt(AGENT) })
    const body = (await res.json()) as Record<string, unknown>
    expect(Object.keys(body)).toEqual([
      'access_token',
      'token_type',
      'expires_in',
      'refresh_token',
      'refresh_token_expires_in',
      'scope',
      'owner_id',
      'endpoint_id',
      'session_id'
    ])
    expect(body).toMatchObject({
      token_type: 'bearer',
      expires_in: 3600,
      refresh_token_expires_in: 604800,
      scope:
        'ReadPresence ReadAccounts CallControl WebSocketsSubscription EditPresence ReadCallLog',
      owner_id: AGENT
    })
    expect(await sdk.platform().loggedIn()).toBe(true)
    const me = await sdk.get('/restapi/v1.0/account/~/extension/~')
    expect(await me.json()).toMatchObject({ id: Number(AGENT), extensionNumber: '101' })
  })

  it('rejects tampered, expired, foreign and disabled-user JWTs with invalid_grant', async () => {
    const platform = await h.start()
    const sdk = makeSdk(platform)
    const jwt = platform.mintJwt(AGENT)
    const tampered = `${jwt.slice(0, -2)}${jwt.endsWith('AA') ? 'BB' : 'AA'}`
    const other = platform.control.registerClient()
    const cases: Array<[string, string]> = [
      [tampered, 'Invalid resource owner credentials'],
      [platform.mintJwt(AGENT, { ttlSeconds: -10 }), 'JWT token is expired'],
      [
        platform.mintJwt(AGENT, { clientId: other.clientId }),
        'JWT token was not issued for this application'
      ],
      [platform.mintJwt('37439513'), 'Login for extension in current state is not allowed'],
      [platform.mintJwt('999'), 'Extension not found']
    ]
    for (const [assertion, message] of cases) {
      const { error, status, body } = await failure(() => sdk.platform().login({ jwt: assertion }))
      expect(status).toBe(400)
      expect(error.message).toBe(message)
      expect(body).toMatchObject({
        error: 'invalid_grant',
        error_description: message,
        errors: [{ message }]
      })
    }
  })

  it('requires client credentials (a JWT login without the secret is invalid_client)', async () => {
    const platform = await h.start()
    const sdk = makeSdk(platform, { clientSecret: undefined })
    const { status, body } = await failure(() =>
      sdk.platform().login({ jwt: platform.mintJwt(AGENT) })
    )
    expect(status).toBe(401)
    expect(body).toEqual({
      error: 'invalid_client',
      errors: [{ errorCode: 'OAU-123', message: 'Client authentication is required' }],
      error_description: 'Client authentication is required'
    })
  })
})

describe('authorization code + PKCE', () => {
  it('logs in through loginUrl → 302 → parseLoginRedirect → login({code, code_verifier})', async () => {
    const platform = await h.start({ autoApprove: true })
    const sdk = makeSdk(platform)
    const url = sdk.platform().loginUrl({ usePKCE: true, state: 'st-42', loginHint: '102' })
    const verifier = sdk.platform().codeVerifier
    const params = await codeFrom(sdk, await authorize(url))
    expect(params['state']).toBe('st-42')
    const res = await sdk.platform().login({ code: params['code'], code_verifier: verifier })
    expect(await res.json()).toMatchObject({ owner_id: SECOND_AGENT, token_type: 'bearer' })
  })

  it('rejects a wrong verifier and a replayed code with invalid_grant', async () => {
    const platform = await h.start({ autoApprove: true })
    const sdk = makeSdk(platform)
    const first = await codeFrom(
      sdk,
      await authorize(sdk.platform().loginUrl({ usePKCE: true, state: 's' }))
    )
    const wrong = await failure(() =>
      sdk.platform().login({ code: first['code'], code_verifier: 'x'.repeat(43) })
    )
    expect(wrong.status).toBe(400)
    expect(wrong.body).toEqual({
      error: 'invalid_grant',
      errors: [{ errorCode: 'OAU-106', message: 'Invalid code_verifier' }],
      error_description: 'Invalid code_verifier'
    })

    const second = await codeFrom(
      sdk,
      await authorize(sdk.platform().loginUrl({ usePKCE: true, state: 's' }))
    )
    const verifier = sdk.platform().codeVerifier
    await sdk.platform().login({ code: second['code'], code_verifier: verifier })
    const replay = await failure(() =>
      sdk.platform().login({ code: second['code'], code_verifier: verifier })
    )
    expect(replay.status).toBe(400)
    expect(replay.body).toMatchObject({
      error: 'invalid_grant',
      errors: [{ errorCode: 'OAU-106' }]
    })
  })

  it('serves a consent page whose Approve and Deny redirect back', async () => {
    const platform = await h.start()
    const sdk = makeSdk(platform)
    const page = await authorize(sdk.platform().loginUrl({ usePKCE: true, state: 'c1' }))
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toContain('text/html')
    const html = await page.text()
    const requestId = /name="request_id" value="([^"]+)"/.exec(html)?.[1] ?? ''
    expect(html).toContain('Approve')

    const post = (fields: Record<string, string>): Promise<Response> =>
      fetch(`${platform.url}/restapi/oauth/authorize`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields)
      })
    const approved = await codeFrom(
      sdk,
      await post({ request_id: requestId, decision: 'approve', extension_id: AGENT })
    )
    expect(approved['state']).toBe('c1')
    const login = await sdk.platform().login({ code: approved['code'] })
    expect(await login.json()).toMatchObject({ owner_id: AGENT })

    const again = await authorize(sdk.platform().loginUrl({ usePKCE: true, state: 'c2' }))
    const id2 = /name="request_id" value="([^"]+)"/.exec(await again.text())?.[1] ?? ''
    const denied = await post({ request_id: id2, decision: 'deny' })
    const search = new URL(denied.headers.get('location') ?? '').search
    let thrown: { message: string; error?: string } | undefined
    try {
      sdk.platform().parseLoginRedirect(search)
    } catch (e: unknown) {
      thrown = e as { message: string; error?: string }
    }
    expect(thrown).toMatchObject({ message: 'User denied access', error: 'access_denied' })
    expect(new URLSearchParams(search).get('state')).toBe('c2')
  })

  it('enforces S256 PKCE and registered redirect URIs', async () => {
    const platform = await h.start({ autoApprove: true })
    const sdk = makeSdk(platform)
    // Without PKCE the request is served (a confidential client may skip it, docs/platform.md#pkce);
    // a client registered with `pkce: 'required'` is refused at once.
    const noPkce = await authorize(sdk.platform().loginUrl({ state: 'p' }))
    expect(new URL(noPkce.headers.get('location') ?? '').searchParams.get('code')).toBeTruthy()
    platform.control.updateClient(platform.clientId, { pkce: 'required' })
    const required = await authorize(sdk.platform().loginUrl({ state: 'p' }))
    expect(new URL(required.headers.get('location') ?? '').searchParams.get('error')).toBe(
      'invalid_request'
    )

    const plain = new URL(sdk.platform().loginUrl({ usePKCE: true }))
    plain.searchParams.set('code_challenge_method', 'plain')
    plain.searchParams.set('code_challenge', 'p'.repeat(43))
    const plainRes = await authorize(plain.toString())
    expect(
      new URL(plainRes.headers.get('location') ?? '').searchParams.get('error_description')
    ).toContain('plain')

    const evil = makeSdk(platform, { redirectUri: 'https://evil.example/cb' })
    const res = await authorize(evil.platform().loginUrl({ usePKCE: true }))
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({
      error: 'invalid_request',
      errors: [{ errorCode: 'OAU-109' }]
    })
  })

  it('lets a public client (no secret) log in with PKCE and refresh', async () => {
    const platform = await h.start({ autoApprove: true })
    const sdk = makeSdk(platform, { clientSecret: undefined })
    const params = await codeFrom(sdk, await authorize(sdk.platform().loginUrl({ usePKCE: true })))
    await sdk.platform().login({ code: params['code'] })
    const before = (await sdk.platform().auth().data()).access_token
    await sdk.platform().refresh()
    expect((await sdk.platform().auth().data()).access_token).not.toBe(before)
  })
})
