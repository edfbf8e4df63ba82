import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createMemoryVault } from '../../../../src/main/core/auth'
import { newSdkSignIn, signInMeta } from '../../../../src/main/core/auth/sdk-sign-in'
import { createRestClient } from '../../../../src/main/core/rest'
import { type CoreRig, startCoreRig, waitFor } from '../integration/rig'

/**
 * The SDK runs on Node's fetch (docs/platform.md#sdk-fetch), and the one REST client's timeout
 * still reaches the wire through it: the request is aborted, not merely abandoned.
 */
const TOKEN = {
  access_token: 'at-1',
  token_type: 'bearer',
  expires_in: 3600,
  refresh_token: 'rt-1',
  refresh_token_expires_in: 604_800,
  owner_id: '101'
}

let server: Server | undefined
let rig: CoreRig | undefined
afterEach(async () => {
  await rig?.dispose()
  rig = undefined
  vi.restoreAllMocks()
  server?.closeAllConnections()
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined))
  server = undefined
})

/** Answers the token endpoint and holds every other request open, counting the ones that close. */
async function hangingServer(): Promise<{ url: string; closed: () => number; held: () => number }> {
  let held = 0
  let closed = 0
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.url === '/restapi/oauth/token') {
      req.resume()
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.end(JSON.stringify(TOKEN))
      return
    }
    held++
    res.on('close', () => closed++)
  })
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}`, closed: () => closed, held: () => held }
}

async function until(condition: () => boolean, what: string, ms = 5_000): Promise<void> {
  const start = Date.now()
  while (!condition()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

describe('the SDK on Node fetch', () => {
  it('is built with the global fetch, Request, Response and Headers', async () => {
    const meta = signInMeta('jwt', 'http://127.0.0.1:9', { clientId: 'c' })
    const signIn = await newSdkSignIn(createMemoryVault(), meta, {
      appVersion: '0.0.0-test',
      onWarning: () => undefined
    })
    const externals = signIn.sdk.externals()
    expect(externals.fetch).toBe(globalThis.fetch)
    expect(externals.Request).toBe(globalThis.Request)
    expect(externals.Response).toBe(globalThis.Response)
    expect(externals.Headers).toBe(globalThis.Headers)
  })

  it('aborts a request on the wire when the REST client times out', async () => {
    const hang = await hangingServer()
    const meta = signInMeta('jwt', hang.url, { clientId: 'c', clientSecret: 's' })
    const signIn = await newSdkSignIn(createMemoryVault(), meta, {
      appVersion: '0.0.0-test',
      onWarning: () => undefined
    })
    await signIn.platform.login({ jwt: 'a.b.c' })
    const rest = createRestClient({ platform: () => signIn.platform, timeoutMs: 200 })

    const out = await rest.get('/restapi/v1.0/account/~/extension/~')

    expect(out).toEqual({ ok: false, failure: { kind: 'timeout', timeoutMs: 200 } })
    expect(hang.held()).toBe(1)
    // The server sees the connection go: fetch got the signal, so nothing is left hanging.
    await until(() => hang.closed() === 1, 'the aborted request to close')
  })

  it('carries the subscription too: wstoken goes through the same fetch', async () => {
    // The SDK takes the global at construction, so a spy installed first sees all of its requests.
    const fetchSpy = vi.spyOn(globalThis, 'fetch')
    rig = await startCoreRig({ traffic: false })
    await rig.core.signInDemo()
    await waitFor(() => rig!.core.status().connection.status === 'live', 'live')
    const paths = fetchSpy.mock.calls.map(
      ([input]) => new URL(input instanceof Request ? input.url : String(input)).pathname
    )
    expect(paths).toContain('/restapi/oauth/token')
    expect(paths).toContain('/restapi/oauth/wstoken')
  })
})
