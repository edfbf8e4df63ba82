import { fileURLToPath } from 'node:url'
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

/**
 * The proxy refuses bodies over 2 KiB: every ordinary request of a sign-in passes (the JWT grant is
 * about 450 bytes), while a list of 100 monitored lines (a 4.6 KB PUT) and a 3.5 KB JWT do not.
 * Both stay inside what the IPC contract accepts, so the upload reaches the SDK.
 */
const LIMIT_BYTES = 2 * 1024
const manyLines = (): string[] => Array.from({ length: 100 }, (_, i) => String(1_000_000 + i))

const NODE_FETCH = fileURLToPath(
  new URL('../../web/fixtures/node-fetch-global.mjs', import.meta.url)
)

/** Browser mode signed in through a reset proxy in front of a fresh emulator. */
async function signedInThroughProxy(nodeArgs: readonly string[] = []): Promise<WebChild> {
  emulator = await startEmulator({ port: 0, traffic: false, rateLimits: UNLIMITED })
  const e = emulator
  proxy = await startResetProxy({ target: e.url, limitBytes: LIMIT_BYTES })
  web = await startWebChild({ nodeArgs })
  expect(await web.ask('sign-in:set-server', [proxy.url])).toEqual({ ok: true, value: null })
  const jwt = { jwt: e.jwt, clientId: e.clientId, clientSecret: e.clientSecret }
  expect(await web.ask('sign-in:submit-jwt', [jwt])).toEqual({ ok: true, value: null })
  return web
}

interface BundleLine {
  readonly type: string
  readonly [key: string]: unknown
}

async function bundleOf(w: WebChild): Promise<BundleLine[]> {
  const reply = (await w.ask('diagnostics:export')) as { value: { content: string } }
  return reply.value.content
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as BundleLine)
}

async function until<T>(
  probe: () => Promise<T | undefined>,
  what: string,
  ms = 15_000
): Promise<T> {
  const start = Date.now()
  for (;;) {
    const found = await probe()
    if (found !== undefined) return found
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

describe('a 413 and a reset during a large upload', () => {
  it('fails the request with a clear error, and browser mode survives and keeps serving', async () => {
    emulator = await startEmulator({ port: 0, traffic: false, rateLimits: UNLIMITED })
    const e = emulator
    proxy = await startResetProxy({ target: e.url, limitBytes: LIMIT_BYTES })
    web = await startWebChild()
    const client = { clientId: e.clientId, clientSecret: e.clientSecret }
    expect(await web.ask('sign-in:set-server', [proxy.url])).toEqual({ ok: true, value: null })

    // The token request itself is the large upload: the sign-in fails, the process lives.
    const hugeJwt = `${e.jwt}.${'x'.repeat(3_500 - e.jwt.length)}`
    expect(await web.ask('sign-in:submit-jwt', [{ jwt: hugeJwt, ...client }])).toMatchObject({
      ok: false,
      error: { code: 'protocol', message: expect.stringContaining('unexpected answer') }
    })
    expect(proxy.resets()).toBe(1)

    // Signed in through the proxy, a REST upload meets the same reset.
    expect(await web.ask('sign-in:submit-jwt', [{ jwt: e.jwt, ...client }])).toEqual({
      ok: true,
      value: null
    })
    expect(await web.ask('lines:set-monitored', [manyLines()])).toEqual({
      ok: false,
      error: {
        code: 'lines',
        message: 'RingCentral did not accept the new list of monitored lines: 413 Payload Too Large'
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

  it('with node-fetch put back, records the uncaught reset, recovers and keeps serving', async () => {
    // The SDK on node-fetch again: the reset now raises an 'error' nobody listens to, inside the
    // handler's work. The last-resort guard must take it instead of the process ending.
    const w = await signedInThroughProxy(['--import', NODE_FETCH])
    await w.post('lines:set-monitored', [manyLines()])

    const fault = await until(
      async () => (await bundleOf(w)).find((line) => line.type === 'fault'),
      'the fault in the support bundle'
    )
    expect(fault).toMatchObject({
      kind: 'uncaught-exception',
      errorName: 'Error',
      message: 'read ECONNRESET',
      // The class name stays readable in the stack too: it is not a person's name.
      stack: expect.stringMatching(/^Error: read ECONNRESET/)
    })
    expect(proxy?.resets()).toBe(1)
    const guardLines = w.stderr().match(/^\[last-resort\].*$/gm)
    expect(guardLines).toEqual([
      '[last-resort] uncaught exception: Error: read ECONNRESET; kept running, recorded in ' +
        'Diagnostics, recovering'
    ])
    // The restart: the socket probed and the state read back, with the fault as the reason.
    await until(async () => {
      const state = (await w.ask('state:get')) as {
        value: {
          status: { resync: { running: boolean; reason: string | null; at: string | null } }
        }
      }
      const resync = state.value.status.resync
      return resync.reason === 'fault' && !resync.running && resync.at !== null ? resync : undefined
    }, 'a completed resync for the fault')
    expect(await w.ask('app:version')).toMatchObject({ ok: true })
    expect(w.child.exitCode).toBeNull()
  }, 60_000)
})
