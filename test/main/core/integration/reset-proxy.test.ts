import { afterEach, describe, expect, it } from 'vitest'
import { type Emulator, startEmulator } from '../../../../src/emulator'
import { startResetProxy, type ResetProxy } from '../../../support/reset-proxy'
import { startWebChild, type WebChild } from '../../web/child'
import { UNLIMITED } from './rig'

/**
 * A 413 with the socket reset in the middle of a large upload. With the SDK's node-fetch this
 * ended the process with an unhandled `read ECONNRESET` (docs/platform.md#sdk-fetch); browser mode
 * runs in a child here, so a crash is the child dying rather than this test runner.
 */
let emulator: Emulator | undefined
let proxy: ResetProxy | undefined
let web: WebChild | undefined
afterEach(async () => {
  await web?.dispose()
  await proxy?.close()
  await emulator?.close()
  web = proxy = emulator = undefined
})

/** A list of monitored lines whose PUT body is about 1 MB, far past the proxy's 64 KiB. */
const manyLines = (): string[] => Array.from({ length: 20_000 }, (_, i) => String(1_000_000 + i))

describe('a 413 and a reset during a large upload', () => {
  it('fails the request with a clear error, and browser mode survives and keeps serving', async () => {
    emulator = await startEmulator({ port: 0, traffic: false, rateLimits: UNLIMITED })
    const e = emulator
    proxy = await startResetProxy({ target: e.url })
    web = await startWebChild()
    const client = { clientId: e.clientId, clientSecret: e.clientSecret }
    expect(await web.ask('session:set-server', [proxy.url])).toEqual({ ok: true, value: null })

    // The token request itself is the large upload: the sign-in fails, the process lives.
    const hugeJwt = `${e.jwt}.${'x'.repeat(200_000)}`
    expect(await web.ask('session:sign-in-jwt', [{ jwt: hugeJwt, ...client }])).toMatchObject({
      ok: false,
      error: { code: 'protocol', message: expect.stringContaining('unexpected answer') }
    })
    expect(proxy.resets()).toBe(1)

    // Signed in through the proxy, a REST upload meets the same reset.
    expect(await web.ask('session:sign-in-jwt', [{ jwt: e.jwt, ...client }])).toEqual({
      ok: true,
      value: null
    })
    expect(await web.ask('lines:set-monitored', [manyLines()])).toEqual({
      ok: false,
      error: {
        code: 'lines',
        message:
          'RingCentral did not accept the new list of monitored lines: 413 Payload Too Large'
      }
    })
    expect(proxy.resets()).toBe(2)

    // Still serving, still signed in, and nothing reached the last-resort guard.
    expect(await web.ask('state:get')).toMatchObject({
      ok: true,
      value: { status: { auth: { status: 'signed-in', method: 'jwt' } } }
    })
    expect(web.child.exitCode).toBeNull()
    expect(web.stderr()).not.toMatch(/ECONNRESET|uncaught|unhandled/i)
  }, 60_000)
})
