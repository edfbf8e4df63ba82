import fc from 'fast-check'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { MAX_PAYLOAD_BYTES } from '../../../src/shared/ipc/bridge-protocol'
import { CHANNELS, type EmitEvent } from '../../../src/shared/ipc/contract'
import { type WebServer, startWebServer } from '../../../src/main/web/server'
import type { Handlers } from '../../../src/main/host/dispatch'
import {
  authed,
  calls,
  client,
  type Client,
  type Frame,
  secretOf,
  sleep,
  spyHandlers,
  tempSite,
  type TempSite
} from './support'

let site: TempSite
let server: WebServer
let handlers: Handlers
let emit: EmitEvent
let secret: string
const open: Client[] = []
const track = (c: Client): Client => (open.push(c), c)

// Never crash on a bad frame (docs/platform.md#bad-frames): count what would otherwise kill the
// process.
let crashes = 0
const onCrash = (): void => void crashes++

beforeAll(() => {
  site = tempSite()
  process.on('uncaughtException', onCrash)
  process.on('unhandledRejection', onCrash)
})
afterAll(() => {
  process.off('uncaughtException', onCrash)
  process.off('unhandledRejection', onCrash)
  site.cleanup()
})
beforeEach(async () => {
  handlers = spyHandlers()
  server = await startWebServer({
    handlers,
    staticDir: site.root,
    forward: (e) => {
      emit = e
      return () => undefined
    },
    greeting: () => [{ event: 'notify:popup', payload: { title: 'hi', body: '', tag: 't' } }],
    tuning: { helloTimeoutMs: 300, maxInFlight: 1_000 },
    log: () => undefined
  })
  secret = secretOf(server.url)
})
afterEach(async () => {
  for (const c of open.splice(0)) c.ws.terminate()
  await server.close()
  expect(crashes).toBe(0)
})

describe('the upgrade', () => {
  it('binds 127.0.0.1 and puts the secret only in the fragment', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#s=[A-Za-z0-9_-]{43}$/)
    expect(server.origin).toBe(`http://127.0.0.1:${server.port}`)
  })

  it.each([
    ['another site', { origin: 'http://evil.example' }],
    ['localhost instead of 127.0.0.1', { origin: 'http://localhost:PORT' }],
    ['another port', { origin: 'http://127.0.0.1:1' }],
    ['https', { origin: 'https://127.0.0.1:PORT' }],
    ['no Origin (a local process)', { origin: null }],
    ['a rebound Host', { host: 'evil.example:PORT' }],
    ['localhost Host', { host: 'localhost:PORT' }],
    ['another path', { path: '/bridge/' }],
    ['a query', { path: '/bridge?s=x' }]
  ])('refuses %s with 403 and runs no handler', async (_name, raw) => {
    const port = String(server.port)
    const opts = Object.fromEntries(
      Object.entries(raw).map(([k, v]) => [k, typeof v === 'string' ? v.replace('PORT', port) : v])
    )
    const c = track(client(server.port, opts))
    expect(await c.refused).toBe(403)
    expect(calls(handlers)).toBe(0)
  })
})

describe('the hello', () => {
  it('a wrong secret closes with 1008 and no handler runs, even for frames sent right after', async () => {
    const c = track(client(server.port))
    await c.opened
    const wrong = `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`
    c.send({ type: 'hello', secret: wrong })
    c.send({ id: 1, channel: 'app:version', args: [] })
    c.send({ type: 'hello', secret })
    c.send({ id: 2, channel: 'app:version', args: [] })
    expect(await c.closed).toBe(1008)
    await sleep(50)
    expect(calls(handlers)).toBe(0)
    expect(c.frames).toEqual([])
  })

  it.each([
    ['a request first', { id: 1, channel: 'app:version', args: [] }],
    ['a hello without secret', { type: 'hello' }],
    ['a secret that is not a string', { type: 'hello', secret: 42 }],
    ['the secret in another field', { type: 'hi', secret: 'SECRET' }],
    ['not JSON', 'hello'],
    ['an empty secret', { type: 'hello', secret: '' }]
  ])('%s → closed 1008, no handler', async (_name, frame) => {
    const c = track(client(server.port))
    await c.opened
    c.send(JSON.parse(JSON.stringify(frame).replace('SECRET', secret)) as unknown)
    c.send({ id: 9, channel: 'app:version', args: [] })
    expect(await c.closed).toBe(1008)
    expect(calls(handlers)).toBe(0)
  })

  it('a binary hello is refused', async () => {
    const c = track(client(server.port))
    await c.opened
    c.ws.send(Buffer.from(JSON.stringify({ type: 'hello', secret })))
    expect(await c.closed).toBe(1008)
  })

  it('silence past the hello timeout closes with 1008', async () => {
    const c = track(client(server.port))
    await c.opened
    expect(await c.closed).toBe(1008)
    expect(calls(handlers)).toBe(0)
  })

  it('the right secret gets a welcome, the greeting, and an app:version round trip', async () => {
    const c = track(await authed(server.port, secret))
    expect(c.frames[0]).toEqual({ type: 'welcome', protocol: 1 })
    expect(c.frames[1]).toMatchObject({ event: 'notify:popup' })
    c.send({ id: 7, channel: 'app:version', args: [] })
    expect(await c.next((f) => f['id'] === 7)).toEqual({
      id: 7,
      envelope: { ok: true, value: '9.9.9' }
    })
    expect(calls(handlers)).toBe(1)
  })
})

describe('requests', () => {
  const envelopeOf = async (c: Client, id: number | string): Promise<Frame> =>
    (await c.next((f) => f['id'] === id))['envelope'] as Frame

  it('decodes arguments exactly as dispatch does', async () => {
    const c = track(await authed(server.port, secret))
    c.send({ id: 1, channel: 'app:version', args: ['extra'] })
    c.send({ id: 2, channel: 'nope', args: [] })
    c.send({ id: 'three', channel: 'app:open-external', args: ['file:///etc/passwd'] })
    c.send({ id: 4, channel: 'calls:hold', args: ['s-1', '../p'] })
    expect(await envelopeOf(c, 1)).toMatchObject({ ok: false, error: { code: 'bad-arguments' } })
    expect(await envelopeOf(c, 2)).toMatchObject({ ok: false, error: { code: 'unknown-channel' } })
    expect(await envelopeOf(c, 'three')).toMatchObject({ error: { code: 'bad-arguments' } })
    expect(await envelopeOf(c, 4)).toMatchObject({ error: { code: 'bad-arguments' } })
    expect(calls(handlers)).toBe(0)
  })

  it('malformed frames get an error reply and the connection stays usable', async () => {
    const c = track(await authed(server.port, secret))
    for (const bad of ['{', '[]', 'null', '"x"', '{"id":-1}', '{"id":1.5}', '{"type":"hello"}'])
      c.ws.send(bad)
    c.ws.send(Buffer.from([0, 1, 2]))
    c.send({ id: 'x'.repeat(65), channel: 'app:version', args: [] })
    await c.next(() => c.frames.filter((f) => f['id'] === null).length >= 9)
    for (const f of c.frames.filter((x) => x['id'] === null))
      expect(f['envelope']).toMatchObject({ ok: false, error: { code: 'bad-frame' } })
    c.send({ id: 1, channel: 'app:version', args: [] })
    expect(await envelopeOf(c, 1)).toEqual({ ok: true, value: '9.9.9' })
  })

  it('fuzzed channels and arguments always get a well-formed envelope', async () => {
    const c = track(await authed(server.port, secret))
    const requests = fc.sample(
      fc.record({
        channel: fc.oneof(fc.constantFrom(...CHANNELS), fc.string(), fc.anything()),
        args: fc.oneof(fc.anything(), fc.array(fc.anything(), { maxLength: 3 }))
      }),
      { numRuns: 600, seed: 42 }
    )
    requests.forEach((r, id) => c.send({ id, channel: r.channel, args: r.args }))
    await c.next(() => c.frames.filter((f) => typeof f['id'] === 'number').length === 600, 15_000)
    for (const f of c.frames.filter((x) => typeof x['id'] === 'number')) {
      const env = f['envelope'] as { ok: boolean; error?: { code: string } }
      if (!env.ok) expect(['bad-arguments', 'unknown-channel']).toContain(env.error?.code)
    }
  })

  it('fuzzed raw frames never crash the host', async () => {
    const c = track(await authed(server.port, secret))
    // Random text, random JSON, and valid requests cut short or with a byte replaced.
    const request = JSON.stringify({ id: 1, channel: 'settings:update', args: [{ theme: 'dark' }] })
    const damaged = fc
      .tuple(fc.nat(request.length), fc.string({ maxLength: 1 }))
      .map(([i, ch]) => request.slice(0, i) + ch + request.slice(i + 1))
    const frames = fc.oneof(fc.string({ unit: 'binary' }), fc.json(), damaged)
    for (const s of fc.sample(frames, { numRuns: 500, seed: 7 })) c.ws.send(s)
    c.send({ id: 'alive', channel: 'app:version', args: [] })
    expect(await envelopeOf(c, 'alive')).toEqual({ ok: true, value: '9.9.9' })
  })

  it('an oversized frame closes that client with 1009; the host serves the next one', async () => {
    const c = track(await authed(server.port, secret))
    c.ws.send('x'.repeat(MAX_PAYLOAD_BYTES + 1))
    expect(await c.closed).toBe(1009)
    const d = track(await authed(server.port, secret))
    d.send({ id: 1, channel: 'app:version', args: [] })
    expect(await envelopeOf(d, 1)).toEqual({ ok: true, value: '9.9.9' })
  })
})

describe('events', () => {
  it('reach authenticated clients only', async () => {
    const good = track(await authed(server.port, secret))
    const waiting = track(client(server.port))
    await waiting.opened
    emit('state:patch', { patches: [] })
    emit('notify:popup', { title: 'Line 101 is ringing', body: 'Ada', tag: 's-1' })
    await good.next(
      (f) =>
        f['event'] === 'notify:popup' &&
        f['payload'] !== undefined &&
        (f['payload'] as Frame)['tag'] === 's-1'
    )
    expect(good.frames).toContainEqual({ event: 'state:patch', payload: { patches: [] } })
    await sleep(50)
    expect(waiting.frames).toEqual([])
    expect(server.bridge.authenticated()).toBe(1)
  })
})
