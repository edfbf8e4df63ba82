/**
 * The renderer's shim, in Node, with a fake socket: request/response matching, timeouts,
 * reconnects and the secret handling. test/main/web/web-bridge-host.test.ts runs it against the
 * real host; the real browser WebSocket is covered end to end with Playwright.
 */
import { afterEach, describe, expect, it, type Mock, vi } from 'vitest'
import {
  type BridgeEnv,
  createWebTransport,
  installWebBridge,
  LOST,
  onWebBridgeDisconnect,
  onWebBridgeReconnect,
  type SocketEvents,
  type SocketFactory,
  takeSecret
} from '../../src/renderer/src/web-bridge'

const SECRET = 'A'.repeat(43)

interface FakeSocket {
  readonly url: string
  readonly on: SocketEvents
  readonly sent: Array<Record<string, unknown>>
  closed: number | undefined
  reply(frame: unknown): void
}

function fakeSockets(): { factory: SocketFactory; sockets: FakeSocket[] } {
  const sockets: FakeSocket[] = []
  const factory: SocketFactory = (url, on) => {
    const s: FakeSocket = {
      url,
      on,
      sent: [],
      closed: undefined,
      reply: (frame) => on.message(JSON.stringify(frame))
    }
    sockets.push(s)
    return {
      send: (d) => void s.sent.push(JSON.parse(d) as Record<string, unknown>),
      close: (code) => void (s.closed = code)
    }
  }
  return { factory, sockets }
}

/** Opens the newest fake socket and welcomes it. */
function welcome(s: FakeSocket | undefined): void {
  s!.on.open()
  s!.reply({ type: 'welcome', protocol: 1 })
}

const env = (
  factory: SocketFactory
): Pick<BridgeEnv, 'createSocket' | 'random' | 'invokeTimeoutMs'> => ({
  createSocket: factory,
  random: () => 0.5,
  invokeTimeoutMs: 1_000
})

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

describe('createWebTransport', () => {
  it('says hello with the secret, then matches replies to requests by id', async () => {
    const { factory, sockets } = fakeSockets()
    const t = createWebTransport('ws://127.0.0.1:1/bridge', SECRET, env(factory))
    const s = sockets[0]!
    expect(s.url).toBe('ws://127.0.0.1:1/bridge')
    s.on.open()
    expect(s.sent).toEqual([{ type: 'hello', secret: SECRET }])
    s.reply({ type: 'welcome', protocol: 1 })
    await t.ready
    const a = t.transport.invoke('app:version', [])
    const b = t.transport.invoke('calls:hold', ['s-1', 'p-1'])
    expect(s.sent.slice(1)).toEqual([
      { id: 1, channel: 'app:version', args: [] },
      { id: 2, channel: 'calls:hold', args: ['s-1', 'p-1'] }
    ])
    s.reply({ id: 99, envelope: { ok: true, value: 'stray' } })
    s.reply('not json')
    s.on.message('{')
    s.reply({ id: 2, envelope: { ok: true, value: 'second' } })
    s.reply({ id: 1, envelope: { ok: true, value: 'first' } })
    expect(await a).toEqual({ ok: true, value: 'first' })
    expect(await b).toEqual({ ok: true, value: 'second' })
  })

  it('times out an unanswered request', async () => {
    vi.useFakeTimers()
    const { factory, sockets } = fakeSockets()
    const t = createWebTransport('ws://h/bridge', SECRET, env(factory))
    welcome(sockets[0])
    const p = t.transport.invoke('app:version', [])
    vi.advanceTimersByTime(1_001)
    expect(await p).toMatchObject({ ok: false, error: { code: 'transport' } })
  })

  it('fails calls while disconnected, reconnects with backoff, and tells the hooks', async () => {
    vi.useFakeTimers()
    const { factory, sockets } = fakeSockets()
    const hooks = { reconnected: vi.fn(), disconnected: vi.fn() }
    const t = createWebTransport('ws://h/bridge', SECRET, env(factory), hooks)
    welcome(sockets[0])
    await t.ready
    const pending = t.transport.invoke('app:version', [])
    sockets[0]!.on.close(1006)
    expect(await pending).toEqual(LOST)
    expect(hooks.disconnected).toHaveBeenCalledTimes(1)
    expect(await t.transport.invoke('app:version', [])).toEqual({
      ok: false,
      error: { code: 'transport', message: 'Lost the connection to Ringside' }
    })
    expect(sockets).toHaveLength(1)
    vi.advanceTimersByTime(200) // first retry: max(100, 0.5 × 250)
    expect(sockets).toHaveLength(2)
    sockets[1]!.on.close(1006) // host still down
    vi.advanceTimersByTime(249)
    expect(sockets).toHaveLength(2)
    vi.advanceTimersByTime(2) // second retry: 0.5 × 500
    expect(sockets).toHaveLength(3)
    welcome(sockets[2])
    expect(hooks.reconnected).toHaveBeenCalledTimes(1)
    const again = t.transport.invoke('app:version', [])
    sockets[2]!.reply({ id: sockets[2]!.sent[1]!['id'], envelope: { ok: true, value: 'v' } })
    expect(await again).toEqual({ ok: true, value: 'v' })
  })

  it('stops for good when the host refuses the secret (1008)', async () => {
    vi.useFakeTimers()
    const { factory, sockets } = fakeSockets()
    const t = createWebTransport('ws://h/bridge', SECRET, env(factory))
    sockets[0]!.on.open()
    sockets[0]!.on.close(1008)
    await expect(t.ready).rejects.toThrow(/refused/)
    vi.advanceTimersByTime(60_000)
    expect(sockets).toHaveLength(1)
    expect(await t.transport.invoke('app:version', [])).toMatchObject({
      error: { code: 'transport', message: expect.stringMatching(/refused/) }
    })
  })

  it('delivers events to listeners until they unsubscribe; a throwing one harms no other', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const { factory, sockets } = fakeSockets()
    const t = createWebTransport('ws://h/bridge', SECRET, env(factory))
    welcome(sockets[0])
    const seen: unknown[] = []
    t.transport.on('notify:popup', () => {
      throw new Error('broken listener')
    })
    const off = t.transport.on('notify:popup', (p) => seen.push(p))
    const popup = { title: 't', body: 'b', tag: 'x' }
    sockets[0]!.reply({ event: 'notify:popup', payload: popup })
    sockets[0]!.reply({ event: 'not:an-event', payload: 1 })
    off()
    sockets[0]!.reply({ event: 'notify:popup', payload: popup })
    expect(seen).toEqual([popup])
    expect(() => t.transport.on('nope' as 'notify:popup', () => undefined)).toThrow()
  })

  it('close() fails pending calls and never reconnects', async () => {
    vi.useFakeTimers()
    const { factory, sockets } = fakeSockets()
    const t = createWebTransport('ws://h/bridge', SECRET, env(factory))
    welcome(sockets[0])
    const p = t.transport.invoke('app:version', [])
    t.close()
    expect(sockets[0]!.closed).toBe(1000)
    expect(await p).toEqual(LOST)
    sockets[0]!.on.close(1000)
    vi.advanceTimersByTime(60_000)
    expect(sockets).toHaveLength(1)
  })
})

describe('onWebBridgeReconnect and onWebBridgeDisconnect', () => {
  it('are told of every drop and return until removed; a throwing one harms no other', async () => {
    vi.useFakeTimers()
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const { factory, sockets } = fakeSockets()
    const seen: string[] = []
    const offBroken = onWebBridgeReconnect(() => {
      throw new Error('broken listener')
    })
    const offR = onWebBridgeReconnect(() => seen.push('reconnected'))
    const offD = onWebBridgeDisconnect(() => seen.push('disconnected'))
    const installing = installWebBridge({
      ...env(factory),
      location: { hash: `#s=${SECRET}`, host: 'h', pathname: '/', search: '', protocol: 'http:' },
      history: { replaceState: () => undefined },
      storage: undefined,
      target: {}
    })
    welcome(sockets[0])
    await installing
    const dropAndReturn = (): void => {
      sockets.at(-1)!.on.close(1006)
      vi.advanceTimersByTime(10_000)
      welcome(sockets.at(-1))
    }
    dropAndReturn()
    expect(seen).toEqual(['disconnected', 'reconnected'])
    expect(console.error).toHaveBeenCalledTimes(1)
    offR()
    offD()
    offBroken()
    dropAndReturn()
    expect(seen).toEqual(['disconnected', 'reconnected'])
    expect(console.error).toHaveBeenCalledTimes(1)
  })
})

interface Place {
  readonly location: BridgeEnv['location']
  readonly history: { readonly replaceState: Mock<History['replaceState']> }
  readonly storage: Map<string, string>
}

describe('takeSecret', () => {
  const place = (hash: string): Place => ({
    location: { hash, host: '127.0.0.1:1', pathname: '/', search: '?x=1', protocol: 'http:' },
    history: { replaceState: vi.fn<History['replaceState']>() },
    storage: new Map<string, string>()
  })
  const storageOf = (m: Map<string, string>): NonNullable<BridgeEnv['storage']> => ({
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v)
  })

  it('reads #s=, removes it from the address bar, and keeps it for a reload', () => {
    const p = place(`#s=${SECRET}`)
    expect(takeSecret({ ...p, storage: storageOf(p.storage) })).toBe(SECRET)
    expect(p.history.replaceState).toHaveBeenCalledWith(null, '', '/?x=1')
    const reload = { ...place(''), storage: storageOf(p.storage) }
    expect(takeSecret(reload)).toBe(SECRET)
    expect(reload.history.replaceState).not.toHaveBeenCalled()
  })

  it('prefers the address over an older stored secret, even when storage refuses writes', () => {
    const p = place(`#s=${SECRET}`)
    const stale = {
      getItem: () => 'B'.repeat(43),
      setItem: () => {
        throw new Error('QuotaExceededError')
      }
    }
    expect(takeSecret({ ...p, storage: stale })).toBe(SECRET)
  })

  it.each([
    '',
    '#',
    '#s=',
    '#s=short',
    `#s=${SECRET}%00`,
    '#s=<script>alert(1)</script>xxxxxxxxxxxx'
  ])('refuses %j with an explanation', (hash) => {
    const p = place(hash)
    expect(() => takeSecret({ ...p, storage: undefined })).toThrow(/#s=/)
  })
})
