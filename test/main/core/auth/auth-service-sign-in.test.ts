import { readdir } from 'node:fs/promises'
import { afterEach, describe, expect, it } from 'vitest'
import { AuthError, authMessage } from '../../../../src/main/core/auth/errors'
import { createMemoryVault } from '../../../../src/main/core/auth/memory-vault'
import { createAuthService } from '../../../../src/main/core/auth/auth-service'
import { createAuthFixture, eventually, type AuthFixture } from './support/auth-fixture'
import { authorizeRedirect } from './support/fake-browser'
import { rawRequest, statusOrError } from './support/http-client'

let fx: AuthFixture
afterEach(async () => {
  expect(await fx.leaks()).toEqual([])
  await fx.dispose()
  expect(fx.browser.errors).toEqual([])
})

describe('AuthService: browser sign-in (RFC 8252 + PKCE)', () => {
  it('signs in through the system browser with S256, state and a loopback redirect', async () => {
    fx = await createAuthFixture()
    await fx.service.signInWithBrowser()
    expect(fx.service.state).toMatchObject({
      status: 'signed-in',
      method: 'browser',
      ownerId: '1001',
      server: fx.stub.url,
      persistence: 'encrypted-file',
      // The fixture's vault keeps its key in a file: the state says so, with the reason.
      keyStorage: { where: 'key-file', reason: expect.stringContaining('no OS keyring') },
      reconnecting: false
    })
    expect(fx.states.map((s) => s.status)).toEqual(['signing-in', 'signed-in'])
    expect(fx.browser.opened).toHaveLength(1)
    const url = new URL(fx.browser.opened[0] ?? '')
    expect(url.pathname).toBe('/restapi/oauth/authorize')
    expect(url.searchParams.get('code_challenge_method')).toBe('S256')
    expect(url.searchParams.get('state')?.length).toBeGreaterThanOrEqual(43)
    const redirect = new URL(url.searchParams.get('redirect_uri') ?? '')
    expect(redirect.hostname).toBe('127.0.0.1')
    expect(fx.stub.counts.byGrant).toEqual({ authorization_code: 1 })
    // The listener is gone, and the sign-in works.
    expect(await statusOrError(Number(redirect.port), { path: '/oauth/callback' })).toBe(
      'ECONNREFUSED'
    )
    const me = await fx.service.sdk().get('/restapi/v1.0/account/~/extension/~')
    expect(((await me.json()) as { id: number }).id).toBe(1001)
    expect(await fx.leaks()).toEqual([])
  })

  it('reports a cancelled sign-in (error=access_denied) without any token exchange', async () => {
    fx = await createAuthFixture()
    fx.stub.deny = true
    const error: unknown = await fx.service.signInWithBrowser().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AuthError)
    expect(error).toMatchObject({ code: 'cancelled', message: expect.stringMatching(/cancelled/) })
    expect(fx.service.state).toMatchObject({
      status: 'signed-out-with-reason',
      reason: { code: 'cancelled' }
    })
    expect(fx.stub.counts.token).toBe(0)
    expect(await readdir(fx.dir)).toEqual([])
  })

  it('times out with a clear message when the browser never comes back', async () => {
    fx = await createAuthFixture({ loginTimeoutMs: 60_000 })
    fx.browser.behaviour = 'ignore'
    const pending = fx.service.signInWithBrowser().catch((e: unknown) => e)
    // The browser was asked to open: the login is waiting, with its timeout armed.
    await eventually(() => fx.browser.opened.length === 1)
    fx.clock.advance(60_000)
    expect(await pending).toMatchObject({ code: 'timeout' })
    expect(fx.service.state).toMatchObject({ reason: { code: 'timeout' } })
    expect(fx.stub.counts.token).toBe(0)
  })

  it('can be cancelled from the UI or by an AbortSignal', async () => {
    fx = await createAuthFixture()
    fx.browser.behaviour = 'ignore'
    const pending = fx.service.signInWithBrowser().catch((e: unknown) => e)
    await eventually(() => fx.browser.opened.length === 1)
    fx.service.cancelSignIn()
    expect(await pending).toMatchObject({ code: 'cancelled' })
    const controller = new AbortController()
    const second = fx.service.signInWithBrowser({ signal: controller.signal }).catch((e) => e)
    controller.abort()
    expect(await second).toMatchObject({ code: 'cancelled' })
    expect(fx.stub.counts.token).toBe(0)
    // The second attempt was cancelled before the browser was asked to open anything.
    expect(fx.browser.opened).toHaveLength(1)
  })

  it('rejects every loopback attack with 0 token exchanges, then exactly 1 for the real callback', async () => {
    fx = await createAuthFixture()
    let replay: URL | undefined
    fx.browser.behaviour = async (authorizeUrl) => {
      const good = await authorizeRedirect(authorizeUrl)
      const port = Number(good.port)
      const state = good.searchParams.get('state') ?? ''
      const code = good.searchParams.get('code') ?? ''
      const attacks: Array<{ path: string; host?: string; method?: string }> = [
        { path: `/oauth/callback?state=WRONG&code=${code}` },
        { path: `/oauth/callback?code=${code}` },
        { path: `${good.pathname}${good.search}`, host: `attacker.example:${port}` },
        { path: `/other${good.search}` },
        { path: `${good.pathname}${good.search}`, method: 'POST' },
        { path: `${good.pathname}${good.search}&pad=${'x'.repeat(64 * 1024)}` },
        { path: `/oauth/callback?state=${state}x&code=${code}` }
      ]
      for (const attack of attacks) {
        const status = await statusOrError(port, attack)
        expect([400, 404, 405, 414, 431]).toContain(status)
        expect(fx.stub.counts.token).toBe(0)
      }
      replay = good
      expect((await rawRequest(port, { path: `${good.pathname}${good.search}` })).status).toBe(200)
    }
    await fx.service.signInWithBrowser()
    expect(fx.stub.counts.token).toBe(1)
    // Replaying the same callback (state and code) after success is refused.
    const again = await statusOrError(Number(replay?.port), {
      path: `${replay?.pathname}${replay?.search}`
    })
    expect([400, 'ECONNREFUSED', 'ECONNRESET']).toContain(again)
    expect(fx.stub.counts.token).toBe(1)
  })
})

describe('AuthService: JWT and demo sign-in', () => {
  it('signs in with a JWT and never stores the JWT', async () => {
    fx = await createAuthFixture()
    await fx.service.signInWithJwt(fx.stub.validJwt)
    expect(fx.service.state).toMatchObject({ status: 'signed-in', method: 'jwt', ownerId: '1001' })
    expect(fx.stub.counts.byGrant).toEqual({ 'urn:ietf:params:oauth:grant-type:jwt-bearer': 1 })
    expect(await fx.vault.load()).not.toContain(fx.stub.validJwt)
    expect(await fx.leaks()).toEqual([])
  })

  it('explains a wrong JWT', async () => {
    fx = await createAuthFixture()
    const error: unknown = await fx.service.signInWithJwt('eyJ.wrong.jwt').catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'invalid-credentials' })
    expect((error as Error).message).toMatch(/did not accept these credentials/)
    expect(fx.service.state).toMatchObject({ reason: { code: 'invalid-credentials' } })
    expect(await fx.vault.load()).toBeUndefined()
  })

  it('explains an unreachable server', async () => {
    fx = await createAuthFixture()
    await fx.stub.close()
    const error: unknown = await fx.service.signInWithJwt(fx.stub.validJwt).catch((e) => e)
    expect(error).toMatchObject({ code: 'unreachable' })
    expect((error as Error).message).toMatch(/could not reach/)
  })

  it('demo sign-in keeps tokens in memory only', async () => {
    fx = await createAuthFixture()
    await fx.service.signInDemo({
      server: fx.stub.url,
      clientId: fx.stub.clientId,
      clientSecret: fx.stub.clientSecret,
      jwt: fx.stub.validJwt
    })
    expect(fx.service.state).toMatchObject({
      status: 'signed-in',
      method: 'demo',
      persistence: 'memory'
    })
    expect(await readdir(fx.dir)).toEqual([])
  })

  it('says why the sign-in will not survive a restart when there is no keychain', async () => {
    fx = await createAuthFixture()
    const reason = authMessage('encryption-unavailable')
    const service = createAuthService({
      vault: createMemoryVault({ unavailableReason: reason }),
      browser: fx.browser,
      appVersion: '0',
      client: { clientId: fx.stub.clientId, clientSecret: fx.stub.clientSecret },
      server: fx.stub.url
    })
    await service.signInWithJwt(fx.stub.validJwt)
    expect(service.state).toMatchObject({ persistence: 'memory', persistenceWarning: reason })
    expect(reason).toMatch(/only until Ringside quits/)
    await service.signOut()
  })

  it('validates the server choice', async () => {
    fx = await createAuthFixture()
    expect(() => fx.service.setServer('http://platform.ringcentral.com')).toThrow(AuthError)
    expect(fx.service.server).toBe(fx.stub.url)
    fx.service.setServer('https://platform.ringcentral.com/')
    expect(fx.service.server).toBe('https://platform.ringcentral.com')
    expect(() => fx.service.sdk()).toThrow(expect.objectContaining({ code: 'not-signed-in' }))
  })
})

describe('AuthService: sign-out', () => {
  it('revokes the token and clears the vault', async () => {
    fx = await createAuthFixture()
    await fx.service.signInWithJwt(fx.stub.validJwt)
    expect(await readdir(fx.dir)).not.toEqual([])
    await fx.service.signOut()
    expect(fx.stub.counts.revoke).toBe(1)
    expect(fx.stub.currentRefreshToken()).toBeUndefined()
    expect(await readdir(fx.dir)).toEqual([])
    expect(fx.service.state).toEqual({ status: 'signed-out' })
    expect(() => fx.service.sdk()).toThrow(AuthError)
  })

  it('still signs out locally when the revoke fails', async () => {
    fx = await createAuthFixture()
    await fx.service.signInWithJwt(fx.stub.validJwt)
    fx.stub.failRevoke = true
    await fx.service.signOut()
    expect(fx.stub.counts.revoke).toBe(1)
    expect(await readdir(fx.dir)).toEqual([])
    expect(fx.service.state).toEqual({ status: 'signed-out' })
  })
})
