/**
 * 10 000 hostile frames over a real WebSocket into browser mode (startWebHost): the bridge, the
 * shared dispatch and the real handlers of a core signed in to the emulator. bridge.test.ts checks
 * the bridge against stub handlers; this one checks that nothing behind the real handlers breaks:
 * no crash, no unhandled rejection, one reply per frame, the state as it was, and a page that
 * connects afterwards is still served.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { startEmulator } from '../../../src/emulator'
import { demoHandle } from '../../../src/main/core/demo'
import { startWebHost, type WebHost } from '../../../src/main/web/host'
import { MAX_PAYLOAD_BYTES } from '../../../src/shared/ipc/bridge-protocol'
import {
  hostileFrameText,
  smokeSettled as settled,
  watchFaults
} from '../../support/hostile-frames'
import { UNLIMITED, waitFor } from '../core/integration/rig'
import { authed, secretOf, tempSite, type TempSite } from './support'

const FRAMES = 10_000
/** Under the bridge's in-flight limit, so every frame is dispatched rather than answered "busy". */
const BATCH = 50

let host: WebHost | undefined
let site: TempSite | undefined
let dataDir: string | undefined
const sockets: WebSocket[] = []
afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate()
  await host?.close()
  site?.cleanup()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  host = site = dataDir = undefined
})

/** A page's socket that counts the replies (frames with an `envelope`), ignoring pushed events. */
interface Page {
  readonly ws: WebSocket
  replies(): number
  /** Resolves once `n` replies arrived in total. */
  until(n: number): Promise<void>
  codes: Map<string, number>
}

function page(ws: WebSocket): Page {
  let replies = 0
  let waiter: { n: number; resolve: () => void } | undefined
  const codes = new Map<string, number>()
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as {
      envelope?: { ok: boolean; error?: { code: string } }
    }
    if (frame.envelope === undefined) return
    replies++
    const code = frame.envelope.ok ? 'ok' : (frame.envelope.error?.code ?? 'no code')
    codes.set(code, (codes.get(code) ?? 0) + 1)
    if (waiter !== undefined && replies >= waiter.n) waiter.resolve()
  })
  return {
    ws,
    replies: () => replies,
    codes,
    until: (n) =>
      replies >= n
        ? Promise.resolve()
        : new Promise((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`${replies} of ${n} replies`)), 15_000)
            waiter = {
              n,
              resolve: () => {
                clearTimeout(timer)
                resolve()
              }
            }
          })
  }
}

async function connectPage(h: WebHost): Promise<Page> {
  const c = await authed(Number(new URL(h.url).port), secretOf(h.url))
  sockets.push(c.ws)
  return page(c.ws)
}

/** Browser mode with its real core signed in to the demo (smoke scenario) and settled. */
async function startBrowserMode(): Promise<WebHost> {
  site = tempSite()
  dataDir = mkdtempSync(join(tmpdir(), 'ringside-fuzz-'))
  const started = await startWebHost({
    dataDir,
    staticDir: site.root,
    coreOptions: {
      safetyPollMs: 0,
      startDemo: async () =>
        demoHandle(
          await startEmulator({
            port: 0,
            seed: 5,
            scenario: 'smoke',
            traffic: false,
            rateLimits: UNLIMITED
          })
        )
    },
    log: () => undefined
  })
  host = started
  await started.begin()
  await waitFor(() => settled(started.core), 'the demo board', 20_000)
  return started
}

/** Sends the frames in batches the bridge dispatches at once, each batch after the last's replies. */
async function sendAll(p: Page, frames: readonly string[]): Promise<void> {
  for (let i = 0; i < frames.length; i += BATCH) {
    const batch = frames.slice(i, i + BATCH)
    for (const text of batch) p.ws.send(text)
    await p.until(i + batch.length)
  }
}

describe('the browser bridge in front of the real handlers', () => {
  it(`survives ${FRAMES} hostile frames with the state unchanged`, async () => {
    const h = await startBrowserMode()
    const core = h.core
    const before = {
      snapshot: core.snapshot(),
      auth: core.status().auth,
      settings: h.settings.get()
    }
    const p = await connectPage(h)
    const frames = fc.sample(hostileFrameText, { numRuns: FRAMES, seed: 20_240_611 })

    const started = Date.now()
    const { faults } = await watchFaults(() => sendAll(p, frames))
    const elapsed = Date.now() - started

    expect(faults).toEqual([])
    expect(p.replies()).toBe(FRAMES)
    expect(p.ws.readyState).toBe(WebSocket.OPEN)
    expect(p.codes.get('internal')).toBeUndefined()
    expect(p.codes.get('busy')).toBeUndefined()
    expect(core.snapshot()).toEqual(before.snapshot)
    expect(core.status().auth).toEqual(before.auth)
    expect(h.settings.get()).toEqual(before.settings)
    expect(Object.prototype).not.toHaveProperty('polluted')
    console.info(`[fuzz] bridge: ${FRAMES} frames in ${elapsed} ms`, Object.fromEntries(p.codes))

    // A frame over the cap closes that socket (the ws library's 1009); the host keeps serving.
    const closed = new Promise<number>((resolve) => p.ws.once('close', (code) => resolve(code)))
    p.ws.send('x'.repeat(MAX_PAYLOAD_BYTES + 1))
    expect(await closed).toBe(1009)
    const next = await connectPage(h)
    next.ws.send(JSON.stringify({ id: 1, channel: 'state:get', args: [] }))
    await next.until(1)
    expect(next.codes.get('ok')).toBe(1)
  }, 60_000)
})
