import { readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defaultFs, type VaultFs } from '../../../../src/main/core/auth/secure-file'
import type { AuthService } from '../../../../src/main/core/auth/auth-types'
import { createAuthFixture, eventually, type AuthFixture } from './support/auth-fixture'

const ME = '/restapi/v1.0/account/~/extension/~'

let fx: AuthFixture
afterEach(async () => {
  expect(await fx.leaks()).toEqual([])
  await fx.dispose()
})

/** Makes the SDK consider its access token expired (as after a long sleep). */
async function expireLocally(service: AuthService): Promise<void> {
  await service.platform().auth().setData({ expire_time: 1 })
}

function reconnecting(service: AuthService): boolean {
  return service.state.status === 'signed-in' && service.state.reconnecting
}

async function storedRefreshToken(fx: AuthFixture): Promise<string | undefined> {
  const blob = await fx.vault.load()
  if (blob === undefined) return undefined
  const items = (JSON.parse(blob) as { items: Record<string, string> }).items
  return (JSON.parse(items['rc-platform'] ?? '{}') as { refresh_token?: string }).refresh_token
}

describe('AuthService: revoked and transient refresh failures', () => {
  it.each(['503', 'reset'] as const)(
    'a transient failure (%s) keeps the tokens, shows reconnecting, and backs off',
    async (fault) => {
      fx = await createAuthFixture()
      await fx.service.signInWithJwt(fx.stub.validJwt)
      const before = fx.stub.currentRefreshToken()
      await expireLocally(fx.service)
      fx.stub.refreshFaults.push(fault)
      await expect(fx.service.sdk().get(ME)).rejects.toThrow()
      await eventually(() => reconnecting(fx.service))
      expect(await storedRefreshToken(fx)).toBe(before)
      // While the retry is pending, calls fail fast instead of hammering the token endpoint.
      const tokenCalls = fx.stub.counts.token
      await expect(fx.service.sdk().get(ME)).rejects.toMatchObject({ code: 'unreachable' })
      expect(fx.stub.counts.token).toBe(tokenCalls)
      fx.clock.advance(5_000)
      await eventually(() => !reconnecting(fx.service))
      expect(fx.service.state.status).toBe('signed-in')
      expect(fx.stub.currentRefreshToken()).not.toBe(before)
      expect(await storedRefreshToken(fx)).toBe(fx.stub.currentRefreshToken())
      expect((await fx.service.sdk().get(ME)).status).toBe(200)
    }
  )

  it('waits out Retry-After on a 429 before retrying', async () => {
    fx = await createAuthFixture()
    await fx.service.signInWithJwt(fx.stub.validJwt)
    await expireLocally(fx.service)
    fx.stub.refreshFaults.push('429')
    await expect(fx.service.sdk().get(ME)).rejects.toThrow()
    await eventually(() => reconnecting(fx.service))
    const calls = fx.stub.counts.token
    fx.clock.advance(29_000)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(fx.stub.counts.token).toBe(calls)
    fx.clock.advance(1_000)
    await eventually(() => !reconnecting(fx.service))
    expect(fx.stub.counts.token).toBe(calls + 1)
  })

  it('invalid_grant (revoked) signs out with a reason, clears the vault and stops retrying', async () => {
    fx = await createAuthFixture()
    await fx.service.signInWithJwt(fx.stub.validJwt)
    await expireLocally(fx.service)
    fx.stub.revokeAll()
    const sdk = fx.service.sdk()
    await expect(sdk.get(ME)).rejects.toThrow()
    await eventually(() => fx.service.state.status === 'signed-out-with-reason')
    expect(fx.service.state).toMatchObject({
      reason: { code: 'revoked', message: expect.stringMatching(/sign in again/) }
    })
    expect(await readdir(fx.dir)).toEqual([])
    const calls = fx.stub.counts.token
    fx.clock.advance(10 * 60_000)
    await expect(sdk.get(ME)).rejects.toMatchObject({ code: 'revoked' })
    expect(fx.stub.counts.token).toBe(calls)
  })
})

describe('AuthService: one refresh for many callers (concurrent 401s)', () => {
  it('20 concurrent requests with an expired access token cause exactly 1 refresh', async () => {
    fx = await createAuthFixture()
    await fx.service.signInWithJwt(fx.stub.validJwt)
    await expireLocally(fx.service)
    const responses = await Promise.all(Array.from({ length: 20 }, () => fx.service.sdk().get(ME)))
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200))
    expect(fx.stub.counts.byGrant.refresh_token).toBe(1)
    expect(await storedRefreshToken(fx)).toBe(fx.stub.currentRefreshToken())
  })

  it('20 concurrent 401s cause exactly 1 refresh, and every call is retried once', async () => {
    fx = await createAuthFixture()
    await fx.service.signInWithJwt(fx.stub.validJwt)
    fx.stub.invalidateAccessTokens()
    const apiBefore = fx.stub.counts.api
    const responses = await Promise.all(Array.from({ length: 20 }, () => fx.service.sdk().get(ME)))
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200))
    expect(fx.stub.counts.byGrant.refresh_token).toBe(1)
    expect(fx.stub.counts.api - apiBefore).toBe(40)
    expect(await storedRefreshToken(fx)).toBe(fx.stub.currentRefreshToken())
  })

  it('a crash between rotation and the vault write never corrupts the store', async () => {
    let crash = false
    const fs: VaultFs = {
      ...defaultFs,
      rename: async (from, to) => {
        if (crash) throw Object.assign(new Error('power cut'), { code: 'EIO' })
        return defaultFs.rename(from, to)
      }
    }
    fx = await createAuthFixture({ fs })
    await fx.service.signInWithJwt(fx.stub.validJwt)
    await expireLocally(fx.service)
    crash = true
    await fx.service.sdk().get(ME)
    // The server rotated; the disk still has the old pair. The next start asks for a login.
    const next = fx.restart()
    await next.restore()
    expect(next.state).toMatchObject({
      status: 'signed-out-with-reason',
      reason: { code: 'revoked' }
    })
    crash = false
  })
})

describe('AuthService: clock jumps', () => {
  afterEach(() => vi.useRealTimers())

  it('a jump forward refreshes once; a jump back refreshes never', async () => {
    fx = await createAuthFixture()
    await fx.service.signInWithJwt(fx.stub.validJwt)
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(Date.now() + 2 * 3600_000)
    const sdk = fx.service.sdk()
    await Promise.all(Array.from({ length: 5 }, () => sdk.get(ME)))
    await sdk.get(ME)
    expect(fx.stub.counts.byGrant.refresh_token).toBe(1)
    vi.setSystemTime(Date.now() - 2 * 3600_000 - 15 * 60_000)
    await Promise.all(Array.from({ length: 5 }, () => sdk.get(ME)))
    expect(fx.stub.counts.byGrant.refresh_token).toBe(1)
  })
})

describe('AuthService: restore at start-up', () => {
  it('resumes the stored sign-in without a token request while the access token is valid', async () => {
    fx = await createAuthFixture()
    await fx.service.signInWithJwt(fx.stub.validJwt)
    const calls = fx.stub.counts.token
    const next = fx.restart()
    await next.restore()
    expect(next.state).toMatchObject({ status: 'signed-in', ownerId: '1001', method: 'jwt' })
    expect(fx.stub.counts.token).toBe(calls)
    expect((await next.sdk().get(ME)).status).toBe(200)
  })

  it('refreshes once at start-up when the access token expired meanwhile', async () => {
    fx = await createAuthFixture()
    await fx.service.signInWithBrowser()
    await expireLocally(fx.service)
    const next = fx.restart()
    await next.restore()
    expect(next.state).toMatchObject({
      status: 'signed-in',
      method: 'browser',
      reconnecting: false
    })
    expect(fx.stub.counts.byGrant.refresh_token).toBe(1)
  })

  it('signs out with a reason when the sign-in was revoked while Ringside was closed', async () => {
    fx = await createAuthFixture()
    await fx.service.signInWithJwt(fx.stub.validJwt)
    await expireLocally(fx.service)
    fx.stub.revokeAll()
    const next = fx.restart()
    await next.restore()
    expect(next.state).toMatchObject({
      status: 'signed-out-with-reason',
      reason: { code: 'revoked' }
    })
    expect(await readdir(fx.dir)).toEqual([])
  })

  it('stays signed in (reconnecting) when the server is unreachable at start-up', async () => {
    fx = await createAuthFixture()
    await fx.service.signInWithJwt(fx.stub.validJwt)
    await expireLocally(fx.service)
    const kept = await storedRefreshToken(fx)
    fx.stub.refreshFaults.push('reset')
    const next = fx.restart()
    await next.restore()
    await eventually(() => reconnecting(next))
    expect(await storedRefreshToken(fx)).toBe(kept)
    fx.clock.advance(5_000)
    await eventually(() => !reconnecting(next))
    expect((await next.sdk().get(ME)).status).toBe(200)
  })

  it('starts signed out from an empty or damaged store, without throwing', async () => {
    fx = await createAuthFixture()
    const empty = fx.restart()
    await empty.restore()
    expect(empty.state).toEqual({ status: 'signed-out' })
    await fx.service.signInWithJwt(fx.stub.validJwt)
    await writeFile(join(fx.dir, 'tokens.enc'), 'garbage')
    const damaged = fx.restart()
    await damaged.restore()
    expect(damaged.state).toEqual({ status: 'signed-out' })
  })
})
