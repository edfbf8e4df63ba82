/**
 * Browser mode cannot be locked out. 64 sockets that never send the secret, held open and
 * reopened in a loop by a local process that fakes the page's Origin (test/support/lockout.ts),
 * while the real page (the renderer's own bridge client, `createWebTransport`, over a real
 * WebSocket) connects, authenticates and goes live: greeted with `state:status`, its request
 * answered. Before the admission rules (bridge-admission.ts) the 16 places were all taken by
 * such sockets and the page was refused on every attempt; the rules themselves follow.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { createWebTransport, type SocketFactory } from '../../../src/renderer/src/web-bridge'
import { type BridgeTuning, DEFAULT_TUNING } from '../../../src/main/web/bridge'
import { startWebServer, type WebServer } from '../../../src/main/web/server'
import type { StatusView } from '../../../src/shared/ipc/status'
import { type Attack, lockoutAttack } from '../../support/lockout'
import {
  authed,
  client,
  type Client,
  secretOf,
  spyHandlers,
  tempSite,
  type TempSite
} from './support'

const STATUS = {
  auth: { status: 'signed-out' },
  connection: { status: 'idle' }
} as unknown as StatusView

/** How long one page may take to go live under the attack; CI machines are slow. */
const LIVE_WITHIN_MS = 15_000

let site: TempSite
let server: WebServer | undefined
let attack: Attack | undefined
let sampler: ReturnType<typeof setInterval> | undefined
const pages: Array<{ close(): void }> = []
const sockets: Client[] = []

async function start(tuning: Partial<BridgeTuning> = {}): Promise<WebServer> {
  server = await startWebServer({
    handlers: spyHandlers(),
    staticDir: site.root,
    greeting: () => [{ event: 'state:status', payload: STATUS }],
    tuning,
    log: () => undefined
  })
  return server
}

beforeEach(() => {
  site = tempSite()
})
afterEach(async () => {
  clearInterval(sampler)
  for (const p of pages.splice(0)) p.close()
  for (const c of sockets.splice(0)) c.ws.terminate()
  await attack?.stop()
  attack = undefined
  await server?.close()
  server = undefined
  site.cleanup()
})

/**
 * The renderer's bridge client on `ws`, counting its connection attempts and the close codes it
 * saw. `slowFirst` keeps the first socket from saying hello, like a page on a frozen machine.
 */
function realPage(
  s: WebServer,
  slowFirst = false
): {
  transport: ReturnType<typeof createWebTransport>
  attempts: () => number
  closes: number[]
} {
  let attempts = 0
  const closes: number[] = []
  const factory: SocketFactory = (url, on) => {
    const silent = slowFirst && ++attempts === 1
    if (!slowFirst) attempts++
    const ws = new WebSocket(url, { origin: s.origin })
    ws.onopen = () => (silent ? undefined : on.open())
    ws.onmessage = (e) => on.message(e.data)
    ws.onclose = (e) => {
      closes.push(e.code)
      on.close(e.code)
    }
    ws.onerror = () => undefined
    return { send: (d) => ws.send(d), close: (c, r) => ws.close(c, r) }
  }
  const transport = createWebTransport(`ws://127.0.0.1:${s.port}/bridge`, secretOf(s.url), {
    createSocket: factory,
    random: Math.random,
    invokeTimeoutMs: 5_000
  })
  pages.push(transport)
  return { transport, attempts: () => attempts, closes }
}

/** `p`, or a rejection naming what did not happen in time; the timer never outlives the race. */
async function within<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms)
  })
  try {
    return await Promise.race([p, late])
  } finally {
    clearTimeout(timer)
  }
}

function waitFor(what: string, check: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms
  return new Promise((resolve, reject) => {
    const poll = (): void => {
      if (check()) resolve()
      else if (Date.now() > deadline) reject(new Error(`no ${what} within ${ms} ms`))
      else setTimeout(poll, 10)
    }
    poll()
  })
}

/** One real page, from its first socket to an answered request; resolves with its figures. */
async function pageGoesLive(s: WebServer): Promise<{ ms: number; attempts: number }> {
  const started = Date.now()
  const page = realPage(s)
  const status = new Promise<unknown>((resolve) =>
    page.transport.transport.on('state:status', resolve)
  )
  await within(LIVE_WITHIN_MS, 'welcome for the page', page.transport.ready)
  expect(await within(5_000, 'greeting', status)).toEqual(STATUS)
  expect(await page.transport.transport.invoke('app:version', [])).toEqual({
    ok: true,
    value: '9.9.9'
  })
  return { ms: Date.now() - started, attempts: page.attempts() }
}

describe('the bridge under a lockout attack', () => {
  it('64 sockets without the secret, reopened in a loop, never keep the page out', async () => {
    const s = await start()
    attack = lockoutAttack(s.port, { sockets: 64 })
    let mostPending = 0
    sampler = setInterval(() => {
      mostPending = Math.max(mostPending, s.bridge.unauthenticated())
    }, 5)
    // Under way: all 64 are open or refused, and each has knocked again at least once on average.
    await waitFor('churning attack', () => attack!.opens() > 128)

    const live: Array<{ ms: number; attempts: number }> = []
    for (let i = 0; i < 5; i++) live.push(await pageGoesLive(s))

    expect(s.bridge.authenticated()).toBe(5)
    expect(mostPending).toBeLessThanOrEqual(DEFAULT_TUNING.maxPending)
    // The attack ran all along: it was still being closed and reopening when the last page went live.
    const closed = attack.closedAfterOpen()
    await waitFor('the attack to go on', () => attack!.closedAfterOpen() > closed)
    console.log(
      `[lockout] 5 pages live in ${live.map((l) => `${l.ms} ms/${l.attempts} attempt(s)`).join(', ')}; ` +
        `${attack.opens()} attacking sockets opened, ${attack.closedAfterOpen()} closed by the host, ` +
        `at most ${mostPending} without the secret at once`
    )
  })
})

describe('sockets without the secret', () => {
  it('have their own budget: one more closes the oldest with 1013, the rest stay', async () => {
    const s = await start({ maxPending: 2, helloTimeoutMs: 10_000 })
    const first = client(s.port)
    sockets.push(first)
    await first.opened
    await waitFor('the first to be admitted', () => s.bridge.unauthenticated() === 1)
    const second = client(s.port)
    sockets.push(second)
    await second.opened
    await waitFor('the second to be admitted', () => s.bridge.unauthenticated() === 2)
    const third = client(s.port)
    sockets.push(third)
    await third.opened

    expect(await first.closed).toBe(1013)
    expect(s.bridge.unauthenticated()).toBe(2)
    expect(second.ws.readyState).toBe(WebSocket.OPEN)
    expect(third.ws.readyState).toBe(WebSocket.OPEN)
    // The evicted socket's hello, had it come now, would be dropped; the others can still present it.
    second.send({ type: 'hello', secret: secretOf(s.url) })
    await second.next((f) => f['type'] === 'welcome')
    expect(s.bridge.authenticated()).toBe(1)
  })

  it('never count against the clients: with every budget full, the page still gets in', async () => {
    const s = await start({ maxClients: 2, maxPending: 3, helloTimeoutMs: 10_000 })
    for (let i = 0; i < 6; i++) {
      const silent = client(s.port)
      sockets.push(silent)
      await silent.opened
    }
    await waitFor('a full budget', () => s.bridge.unauthenticated() === 3)
    sockets.push(await authed(s.port, secretOf(s.url)), await authed(s.port, secretOf(s.url)))
    expect(s.bridge.authenticated()).toBe(2)

    // Only the clients that presented the secret fill the places: the third is refused at the door.
    const third = client(s.port)
    sockets.push(third)
    expect(await third.refused).toBe(403)
  })

  it('a hello that arrives when the clients are full is closed with 1013, to try again', async () => {
    const s = await start({ maxClients: 1, helloTimeoutMs: 10_000 })
    const early = client(s.port)
    sockets.push(early)
    await early.opened
    sockets.push(await authed(s.port, secretOf(s.url)))
    early.send({ type: 'hello', secret: secretOf(s.url) })
    expect(await early.closed).toBe(1013)
    expect(s.bridge.authenticated()).toBe(1)
  })

  it('a page closed to make room (1013) tries again and gets in', async () => {
    const s = await start({ maxPending: 1, helloTimeoutMs: 10_000 })
    const page = realPage(s, true)
    await waitFor('the silent page socket', () => s.bridge.unauthenticated() === 1)
    const newer = client(s.port)
    sockets.push(newer)
    await newer.opened
    await within(LIVE_WITHIN_MS, 'welcome after the retry', page.transport.ready)
    expect(page.closes).toEqual([1013])
    expect(page.attempts()).toBe(2)
    expect(await page.transport.transport.invoke('app:version', [])).toMatchObject({ ok: true })
  })

  it('have a short deadline: silence for helloTimeoutMs closes with 1008', async () => {
    expect(DEFAULT_TUNING.helloTimeoutMs).toBe(2_000)
    const s = await start({ helloTimeoutMs: 200 })
    const silent = client(s.port)
    sockets.push(silent)
    await silent.opened
    expect(await silent.closed).toBe(1008)
    expect(s.bridge.unauthenticated()).toBe(0)
  })
})
