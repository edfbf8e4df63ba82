import { readdir } from 'node:fs/promises'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createPlatform, staticDirectory, type Platform } from '../../../../src/emulator/platform'
import { createKeyFileVault } from '../../../../src/main/core/auth/key-file-vault'
import { createAuthService } from '../../../../src/main/core/auth/auth-service'
import type { AuthService } from '../../../../src/main/core/auth/auth-types'
import { fakeBrowser, type FakeBrowser } from './support/fake-browser'
import { findInFiles, tempDir } from './support/files'

/**
 * Integration: the real @ringcentral/sdk over real HTTP against the platform emulator
 * (src/emulator/platform): PKCE S256 authorize + code exchange, JWT bearer, refresh rotation,
 * server-side expiry and revoke.
 */
const AGENT = '37439511'
const ME = '/restapi/v1.0/account/~/extension/~'
const directory = staticDirectory('37439510', [
  { id: AGENT, extensionNumber: '101', name: 'Ada Agent', type: 'User', status: 'Enabled' }
])

interface Rig {
  platform: Platform
  dir: string
  browser: FakeBrowser
  service: AuthService
  restart(): AuthService
  secrets: Set<string>
  logged: unknown[][]
  cleanup(): Promise<void>
}

let rig: Rig | undefined
afterEach(async () => {
  if (rig === undefined) return
  await rig.service.signOut()
  await rig.platform.close()
  vi.restoreAllMocks()
  await rig.cleanup()
  rig = undefined
})

async function start(options: { autoApprove?: boolean } = {}): Promise<Rig> {
  const platform = await createPlatform({
    port: 0,
    directory,
    defaultExtensionId: AGENT,
    autoApprove: options.autoApprove ?? true
  })
  const { dir, cleanup } = await tempDir()
  const logged: unknown[][] = []
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args))
  }
  const browser = fakeBrowser()
  const make = (): AuthService =>
    createAuthService({
      vault: createKeyFileVault({ dir }),
      browser,
      appVersion: '0.1.0-it',
      // Browser sign-in is a public client (no secret); JWT sign-in passes the secret explicitly.
      client: { clientId: platform.clientId },
      server: platform.url
    })
  rig = {
    platform,
    dir,
    browser,
    service: make(),
    restart: make,
    secrets: new Set([platform.clientSecret]),
    logged,
    cleanup
  }
  return rig
}

function jwtClient(platform: Platform): { clientId: string; clientSecret: string } {
  return { clientId: platform.clientId, clientSecret: platform.clientSecret }
}

/** Counts token-endpoint requests made by the service's SDK from now on. */
function countTokenRequests(service: AuthService): { count: number } {
  const counter = { count: 0 }
  service
    .sdk()
    .client()
    .on(service.sdk().client().events.beforeRequest, (request: Request) => {
      if (request.url.includes('/restapi/oauth/token')) counter.count += 1
    })
  return counter
}

/** Remembers the tokens now in the SDK so the leak check can look for them. */
async function remember(r: Rig, service: AuthService): Promise<void> {
  const data = await service.platform().auth().data()
  for (const value of [data.access_token, data.refresh_token]) if (value) r.secrets.add(value)
}

async function expectNoLeaks(r: Rig): Promise<void> {
  expect(await findInFiles(r.dir, [...r.secrets])).toEqual([])
  const text = r.logged.flat().map(String).join('\n')
  expect([...r.secrets].filter((s) => text.includes(s))).toEqual([])
}

describe('AuthService against the platform emulator', () => {
  it('browser sign-in: PKCE S256 through the loopback, then a refresh without a client secret', async () => {
    const r = await start()
    await r.service.signInWithBrowser()
    expect(r.service.state).toMatchObject({
      status: 'signed-in',
      ownerId: AGENT,
      method: 'browser'
    })
    await remember(r, r.service)
    const tokens = countTokenRequests(r.service)
    r.platform.control.expireTokens('access')
    expect((await r.service.sdk().get(ME)).status).toBe(200)
    expect(tokens.count).toBe(1)
    await remember(r, r.service)
    await expectNoLeaks(r)
  })

  it('browser sign-in: Deny on the consent page is a clear cancellation', async () => {
    const r = await start({ autoApprove: false })
    r.browser.behaviour = async (url) => {
      const page = await (await fetch(url)).text()
      const requestId = /name="request_id" value="([^"]+)"/.exec(page)?.[1] ?? ''
      const res = await fetch(new URL('/restapi/oauth/authorize', url), {
        method: 'POST',
        body: new URLSearchParams({ request_id: requestId, decision: 'deny' }),
        redirect: 'manual'
      })
      await fetch(res.headers.get('location') ?? '')
    }
    await expect(r.service.signInWithBrowser()).rejects.toMatchObject({ code: 'cancelled' })
    expect(r.service.state).toMatchObject({ reason: { code: 'cancelled' } })
  })

  it('JWT sign-in, and a tampered JWT explained', async () => {
    const r = await start()
    const jwt = r.platform.mintJwt(AGENT)
    r.secrets.add(jwt)
    const tampered = `${jwt.slice(0, -2)}${jwt.endsWith('AA') ? 'BB' : 'AA'}`
    await expect(r.service.signInWithJwt(tampered, jwtClient(r.platform))).rejects.toMatchObject({
      code: 'invalid-credentials'
    })
    await r.service.signInWithJwt(jwt, jwtClient(r.platform))
    expect(r.service.state).toMatchObject({ status: 'signed-in', ownerId: AGENT })
    await remember(r, r.service)
    await expectNoLeaks(r)
  })

  it('20 concurrent 401s (server-side expiry) → exactly 1 refresh, all calls succeed', async () => {
    const r = await start()
    await r.service.signInWithJwt(r.platform.mintJwt(AGENT), jwtClient(r.platform))
    await remember(r, r.service)
    const tokens = countTokenRequests(r.service)
    r.platform.control.expireTokens('access')
    const results = await Promise.all(Array.from({ length: 20 }, () => r.service.sdk().get(ME)))
    expect(results.map((res) => res.status)).toEqual(Array(20).fill(200))
    expect(tokens.count).toBe(1)
    await remember(r, r.service)
    // The rotated refresh token is what a restart resumes with.
    const next = r.restart()
    await next.restore()
    expect(next.state).toMatchObject({ status: 'signed-in', ownerId: AGENT })
    expect((await next.sdk().get(ME)).status).toBe(200)
    await expectNoLeaks(r)
  })

  it('an expired/revoked refresh token signs out with a reason and clears the vault', async () => {
    const r = await start()
    await r.service.signInWithJwt(r.platform.mintJwt(AGENT), jwtClient(r.platform))
    await remember(r, r.service)
    r.platform.control.expireTokens('all')
    await expect(r.service.sdk().get(ME)).rejects.toThrow()
    await vi.waitFor(() => expect(r.service.state.status).toBe('signed-out-with-reason'))
    expect(r.service.state).toMatchObject({ reason: { code: 'revoked' } })
    expect(await readdir(r.dir)).toEqual([])
  })

  it('sign-out revokes at the server and clears the vault', async () => {
    const r = await start()
    await r.service.signInWithJwt(r.platform.mintJwt(AGENT), jwtClient(r.platform))
    const { access_token: token } = await r.service.platform().auth().data()
    await remember(r, r.service)
    await r.service.signOut()
    expect(await readdir(r.dir)).toEqual([])
    const res = await fetch(`${r.platform.url}${ME}`, {
      headers: { Authorization: `Bearer ${token}` }
    })
    expect(res.status).toBe(401)
  })

  it('demo sign-in with credentials from the emulator keeps tokens in memory', async () => {
    const r = await start()
    await r.service.signInDemo({
      server: r.platform.url,
      clientId: r.platform.clientId,
      clientSecret: r.platform.clientSecret,
      jwt: r.platform.mintJwt(AGENT)
    })
    expect(r.service.state).toMatchObject({
      status: 'signed-in',
      method: 'demo',
      persistence: 'memory'
    })
    expect(await readdir(r.dir)).toEqual([])
    expect((await r.service.sdk().get(ME)).status).toBe(200)
  })
})
