import { statSync } from 'node:fs'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { connect } from 'node:net'
import { networkInterfaces, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startEmbeddedEmulator } from '../../../src/main/core/demo'
import { startWebHost, type WebHost } from '../../../src/main/web/host'
import { authed, type Client, type Frame, secretOf, tempSite, type TempSite } from './support'

let site: TempSite
let dataDir: string
let host: WebHost
const clients: Client[] = []

beforeEach(async () => {
  site = tempSite()
  dataDir = join(mkdtempSync(join(tmpdir(), 'ringside-web-data-')), 'data')
  host = await startWebHost({
    dataDir,
    staticDir: site.root,
    appVersion: '1.2.3',
    // A fast call centre, so a call rings within a few seconds.
    coreOptions: { startDemo: () => startEmbeddedEmulator({ speed: 5 }) },
    log: () => undefined
  })
})
afterEach(async () => {
  for (const c of clients.splice(0)) c.ws.terminate()
  await host.close()
  site.cleanup()
  rmSync(join(dataDir, '..'), { recursive: true, force: true })
})

const port = (): number => Number(new URL(host.url).port)

function reachable(address: string, p: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port: p })
    socket.setTimeout(1_000)
    socket.once('connect', () => (socket.destroy(), resolve(true)))
    socket.once('error', () => resolve(false))
    socket.once('timeout', () => (socket.destroy(), resolve(false)))
  })
}

async function request(
  c: Client,
  id: number,
  channel: string,
  args: unknown[] = []
): Promise<Frame> {
  c.send({ id, channel, args })
  return (await c.next((f) => f['id'] === id, 15_000))['envelope'] as Frame
}

describe('startWebHost', () => {
  it('listens on 127.0.0.1 only', async () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#s=[A-Za-z0-9_-]{43}$/)
    expect(await reachable('127.0.0.1', port())).toBe(true)
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((i) => i !== undefined && i.address !== '127.0.0.1')
      .map((i) => i!.address)
    for (const address of ['::1', ...others]) expect(await reachable(address, port())).toBe(false)
  })

  it('creates its data directory owner-only', () => {
    expect(statSync(dataDir).mode & 0o777).toBe(0o700)
  })

  it('answers app:version and state:get, and greets with the status', async () => {
    const c = await authed(port(), secretOf(host.url))
    clients.push(c)
    expect(c.frames[1]).toMatchObject({
      event: 'state:status',
      payload: { auth: { status: 'signed-out' } }
    })
    expect(await request(c, 1, 'app:version')).toEqual({ ok: true, value: '1.2.3' })
    expect(await request(c, 2, 'state:get')).toMatchObject({
      ok: true,
      value: { status: { auth: { status: 'signed-out' } }, snapshot: { lines: [] } }
    })
  })

  it('persists settings in the data directory, 0600', async () => {
    const c = await authed(port(), secretOf(host.url))
    clients.push(c)
    expect(await request(c, 1, 'settings:update', [{ theme: 'dark' }])).toMatchObject({
      ok: true,
      value: { theme: 'dark' }
    })
    const file = join(dataDir, 'settings.json')
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ theme: 'dark' })
    expect(statSync(file).mode & 0o777).toBe(0o600)
  })

  it('signs in to the demo over the bridge and pushes status, patches and a pop-up', async () => {
    const c = await authed(port(), secretOf(host.url))
    clients.push(c)
    expect(await request(c, 1, 'sign-in:start-demo')).toEqual({ ok: true, value: null })
    const payload = (f: Frame): Frame => (f['payload'] ?? {}) as Frame
    await c.next(
      (f) =>
        f['event'] === 'state:status' &&
        (payload(f)['connection'] as Frame | undefined)?.['status'] === 'live',
      20_000
    )
    await c.next((f) => f['event'] === 'state:patch', 20_000)
    const popup = await c.next((f) => f['event'] === 'notify:popup', 25_000)
    expect(payload(popup)).toMatchObject({
      title: expect.stringMatching(/is ringing$/),
      tag: expect.any(String)
    })
  }, 40_000)

  it('close() says goodbye to clients with 1001', async () => {
    const c = await authed(port(), secretOf(host.url))
    await host.close()
    expect(await c.closed).toBe(1001)
    expect(await reachable('127.0.0.1', port())).toBe(false)
  })
})
