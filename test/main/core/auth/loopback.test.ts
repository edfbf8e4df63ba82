import { afterEach, describe, expect, it, vi } from 'vitest'
import { AuthError } from '../../../../src/main/core/auth/errors'
import { startLoopback, type LoopbackListener } from '../../../../src/main/core/auth/loopback'
import { createState } from '../../../../src/main/core/auth/pkce'
import { rawRequest, statusOrError } from './support/http-client'
import { createManualClock } from './support/manual-clock'

const open: LoopbackListener[] = []

async function start(
  extra: Partial<Parameters<typeof startLoopback>[0]> = {}
): Promise<{ listener: LoopbackListener; state: string; onCode: ReturnType<typeof vi.fn> }> {
  const state = createState()
  const listener = await startLoopback({ state, ...extra })
  open.push(listener)
  const onCode = vi.fn()
  listener.result.then(onCode, () => undefined)
  return { listener, state, onCode }
}

function callback(state: string | undefined, extra = ''): string {
  const q = state === undefined ? '' : `state=${encodeURIComponent(state)}&`
  return `/oauth/callback?${q}code=AUTHCODE${extra}`
}

/** Lets pending promise callbacks run. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 20))

afterEach(() => {
  for (const listener of open.splice(0)) {
    listener.close()
  }
})

describe('loopback redirect listener (RFC 8252 §7.3, §8.3)', () => {
  it('binds 127.0.0.1 on an ephemeral port', async () => {
    const { listener } = await start()
    expect(listener.port).toBeGreaterThan(0)
    expect(listener.redirectUri).toBe(`http://127.0.0.1:${listener.port}/oauth/callback`)
    expect(listener.listening()).toBe(true)
  })

  it('resolves once with the code, answers a static no-store page and closes within 1 s', async () => {
    const { listener, state } = await start()
    const res = await rawRequest(listener.port, { path: callback(state) })
    expect(res.status).toBe(200)
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.body).toContain('You can close this tab and return to Ringside')
    expect(res.body).not.toContain('AUTHCODE')
    await expect(listener.result).resolves.toEqual({ code: 'AUTHCODE' })
    const started = Date.now()
    while (listener.listening() && Date.now() - started < 1000) {
      await settle()
    }
    expect(listener.listening()).toBe(false)
    expect(await statusOrError(listener.port, { path: callback(state) })).toBe('ECONNREFUSED')
  })

  it('answers 400 to a wrong, missing or doubled state and keeps waiting for the real callback', async () => {
    const { listener, state, onCode } = await start()
    for (const path of [
      callback(createState()),
      callback(undefined),
      callback(state, `&state=${createState()}`),
      callback(`${state}x`)
    ]) {
      expect((await rawRequest(listener.port, { path })).status).toBe(400)
    }
    await settle()
    expect(onCode).not.toHaveBeenCalled()
    expect(listener.listening()).toBe(true)
    expect((await rawRequest(listener.port, { path: callback(state) })).status).toBe(200)
    await expect(listener.result).resolves.toEqual({ code: 'AUTHCODE' })
  })

  it('refuses a DNS-rebinding Host header before reading the query', async () => {
    const { listener, state, onCode } = await start()
    for (const host of [
      `evil.example:${listener.port}`,
      `localhost:${listener.port}`,
      '127.0.0.1'
    ]) {
      expect((await rawRequest(listener.port, { path: callback(state), host })).status).toBe(400)
    }
    await settle()
    expect(onCode).not.toHaveBeenCalled()
  })

  it('answers 404 to other paths and 405 to other methods', async () => {
    const { listener, state, onCode } = await start()
    expect((await rawRequest(listener.port, { path: `/?state=${state}&code=x` })).status).toBe(404)
    expect((await rawRequest(listener.port, { path: '/oauth/callback/x' })).status).toBe(404)
    const post = await rawRequest(listener.port, { path: callback(state), method: 'POST' })
    expect(post.status).toBe(405)
    expect(post.headers.allow).toBe('GET')
    await settle()
    expect(onCode).not.toHaveBeenCalled()
  })

  it('refuses oversized queries (9 KB → 414, 64 KB → 431 from the parser)', async () => {
    const { listener, state, onCode } = await start()
    const nine = await rawRequest(listener.port, {
      path: callback(state, `&x=${'a'.repeat(9000)}`)
    })
    expect(nine.status).toBe(414)
    const big = await statusOrError(listener.port, {
      path: callback(state, `&x=${'a'.repeat(64 * 1024)}`)
    })
    expect(big).toBe(431)
    await settle()
    expect(onCode).not.toHaveBeenCalled()
    expect(listener.listening()).toBe(true)
  })

  it('answers 400 to an unparsable request target instead of crashing', async () => {
    const { listener, onCode } = await start()
    expect((await rawRequest(listener.port, { path: 'http://[' })).status).toBe(400)
    await settle()
    expect(onCode).not.toHaveBeenCalled()
    expect(listener.listening()).toBe(true)
  })

  it('never reflects request data into the page', async () => {
    const { listener } = await start()
    const evil = encodeURIComponent('<script>alert(1)</script>')
    const res = await rawRequest(listener.port, {
      path: `/oauth/callback?state=${evil}&code=${evil}`
    })
    expect(res.body).not.toContain('<script>')
    expect(res.headers['content-security-policy']).toContain("default-src 'none'")
  })

  it('turns error=access_denied with our state into a clear cancellation', async () => {
    const { listener, state } = await start()
    const res = await rawRequest(listener.port, {
      path: `/oauth/callback?state=${state}&error=access_denied&error_description=User+denied`
    })
    expect(res.status).toBe(200)
    expect(res.body).toContain('Sign-in cancelled')
    await expect(listener.result).rejects.toMatchObject({ code: 'cancelled' })
    expect(listener.listening()).toBe(false)
  })

  it('ignores error=access_denied without our state (nobody else can abort our sign-in)', async () => {
    const { listener, onCode } = await start()
    const path = `/oauth/callback?state=${createState()}&error=access_denied`
    expect((await rawRequest(listener.port, { path })).status).toBe(400)
    await settle()
    expect(listener.listening()).toBe(true)
    expect(onCode).not.toHaveBeenCalled()
  })

  it('refuses a replayed code or second callback after success', async () => {
    const { listener, state } = await start()
    await rawRequest(listener.port, { path: callback(state) })
    const second = await statusOrError(listener.port, { path: callback(state, '&code=OTHER') })
    expect([400, 'ECONNREFUSED', 'ECONNRESET']).toContain(second)
    await expect(listener.result).resolves.toEqual({ code: 'AUTHCODE' })
  })

  it('times out (default 5 min) with a clear error, closes, and refuses late callbacks', async () => {
    const clock = createManualClock()
    const { listener, state, onCode } = await start({ clock })
    clock.advance(5 * 60 * 1000 - 1)
    await settle()
    expect(listener.listening()).toBe(true)
    clock.advance(1)
    const error: unknown = await listener.result.catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AuthError)
    expect(error).toMatchObject({ code: 'timeout' })
    expect((error as Error).message).toMatch(/timed out/)
    expect(listener.listening()).toBe(false)
    expect(await statusOrError(listener.port, { path: callback(state) })).toBe('ECONNREFUSED')
    expect(onCode).not.toHaveBeenCalled()
    expect(clock.pending()).toBe(0)
  })

  it('cancels through an AbortSignal, before or after it starts', async () => {
    const controller = new AbortController()
    const { listener } = await start({ signal: controller.signal })
    controller.abort()
    await expect(listener.result).rejects.toMatchObject({ code: 'cancelled' })
    expect(listener.listening()).toBe(false)
    await expect(startLoopback({ state: 's', signal: controller.signal })).rejects.toMatchObject({
      code: 'cancelled'
    })
    // Aborted while the port is being bound.
    const late = new AbortController()
    const starting = startLoopback({ state: 's', signal: late.signal })
    late.abort()
    const bound = await starting
    await expect(bound.result).rejects.toMatchObject({ code: 'cancelled' })
    expect(bound.listening()).toBe(false)
  })
})
