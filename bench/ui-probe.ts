/**
 * Where bench:ui's latency goes (docs/performance.md): when each ringing call's first patch
 * reached the page's socket, and what the page's main thread spent its time on (a CDP CPU
 * profile, self time per function). Bench-only instruments; the app carries none of them.
 */
import { writeFileSync } from 'node:fs'
import type { CDPSession, Page } from 'playwright-core'

/**
 * Wraps the page's WebSocket and requestAnimationFrame before the app loads. For each telephony
 * session, the first time a message names it: when the page's socket delivered it (`__wire`),
 * when the next animation frame's callbacks began (`__frame`: the app applies its patch batch
 * there), and when that frame's callbacks and the microtasks they queued (Vue's render flush)
 * were done (`__flushed`). Written as a string: tsx's transform names inner functions with a
 * helper that does not exist in the page.
 */
const SOCKET_PROBE = `(() => {
  const wire = {}, frame = {}, flushed = {}
  let waiting = []
  Object.assign(window, { __wire: wire, __frame: frame, __flushed: flushed })
  const Native = window.WebSocket
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args)
      this.addEventListener('message', (e) => {
        if (typeof e.data !== 'string') return
        const now = Date.now()
        const re = /"telephonySessionId":"([^"]+)"/g
        let m
        while ((m = re.exec(e.data)) !== null) {
          if (wire[m[1]] !== undefined) continue
          wire[m[1]] = now
          waiting.push(m[1])
        }
      })
    }
  }
  const raf = window.requestAnimationFrame.bind(window)
  let frameT = -1, inFrame = []
  window.requestAnimationFrame = (cb) => raf((t) => {
    // Callbacks of one frame share its timestamp: the first of a new frame takes what arrived.
    if (t !== frameT) {
      frameT = t
      const now = Date.now()
      inFrame = waiting
      waiting = []
      for (const id of inFrame) frame[id] = now
    }
    const mine = inFrame
    try {
      cb(t)
    } finally {
      // After each callback and the render flush it queued; the frame's last one stays.
      if (mine.length > 0) queueMicrotask(() => {
        const done = Date.now()
        for (const id of mine) flushed[id] = done
      })
    }
  })
})()`

/** Installs the socket probe and reloads the page so the app's socket is a probed one. */
export async function installSocketProbe(page: Page): Promise<void> {
  await page.context().addInitScript(SOCKET_PROBE)
  await page.reload()
}

/** Per telephony session, when the page's socket delivered it, its frame began, and was flushed. */
export interface PageStages {
  readonly wire: Readonly<Record<string, number>>
  readonly frame: Readonly<Record<string, number>>
  readonly flushed: Readonly<Record<string, number>>
}

export async function readPageStages(page: Page): Promise<PageStages> {
  const read = await page.evaluate(
    '({ wire: window.__wire || {}, frame: window.__frame || {}, flushed: window.__flushed || {} })'
  )
  return read as PageStages
}

interface ProfileNode {
  readonly id: number
  readonly callFrame: { functionName: string; url: string; lineNumber: number }
  readonly hitCount?: number
}
interface Profile {
  readonly nodes: readonly ProfileNode[]
  readonly startTime: number
  readonly endTime: number
  readonly samples?: readonly number[]
}

/** A CPU profile of the page's main thread while `run` runs; resolves to the top self times. */
export async function profilePage<T>(
  page: Page,
  run: () => Promise<T>
): Promise<{ result: T; top: string[] }> {
  const cdp: CDPSession = await page.context().newCDPSession(page)
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 })
  await cdp.send('Profiler.start')
  const result = await run()
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile }
  await cdp.detach()
  // BENCH_UI_PROFILE_OUT=<file>: the raw profile, for Chromium's DevTools (Performance → load).
  const out = process.env['BENCH_UI_PROFILE_OUT']
  if (out) writeFileSync(out, JSON.stringify(profile))
  return { result, top: topSelf(profile) }
}

function topSelf(profile: Profile, n = 14): string[] {
  const total = profile.samples?.length ?? 0
  const wallMs = (profile.endTime - profile.startTime) / 1000
  const self = new Map<string, number>()
  for (const node of profile.nodes) {
    const f = node.callFrame
    const file = f.url.split('/').pop() ?? ''
    const name = `${f.functionName || '(anonymous)'} ${file}:${f.lineNumber + 1}`
    self.set(name, (self.get(name) ?? 0) + (node.hitCount ?? 0))
  }
  const busy = [...self].filter(([k]) => !k.startsWith('(idle)')).reduce((s, [, v]) => s + v, 0)
  const rows = [...self]
    .filter(([k]) => !k.startsWith('(idle)') && !k.startsWith('(program)'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `    ${((100 * v) / Math.max(1, total)).toFixed(1).padStart(5)}%  ${k}`)
  return [
    `  page main thread: ${((100 * busy) / Math.max(1, total)).toFixed(0)}% busy over ${wallMs.toFixed(0)} ms; top self time:`,
    ...rows
  ]
}

/** When a telephony session's id was first in a frame at each stage on this (Node) side. */
export interface NodeStages {
  /** The emulator wrote a WSG frame naming it. */
  readonly emulatorSent: Map<string, number>
  /** The core's subscription socket received it. */
  readonly coreReceived: Map<string, number>
  /** Browser mode's bridge sent a patch naming it to the page. */
  readonly bridgeSent: Map<string, number>
}

const SESSION_ID = /"telephonySessionId":"([^"]+)"/g

function noteIds(text: string, into: Map<string, number>): void {
  const now = Date.now()
  for (const m of text.matchAll(SESSION_ID)) if (!into.has(m[1]!)) into.set(m[1]!, now)
}

/**
 * Watches every `ws` socket of this process (the emulator's WSG, the core's subscription and the
 * bridge all use the `ws` package, and they share this process in bench:ui): frames sent or
 * received, told apart by their content. Bench-only.
 */
export function installNodeProbe(ws: { prototype: object }): NodeStages {
  const stages: NodeStages = {
    emulatorSent: new Map(),
    coreReceived: new Map(),
    bridgeSent: new Map()
  }
  const proto = ws.prototype as {
    send(data: unknown, ...rest: unknown[]): void
    emit(event: string | symbol, ...args: unknown[]): boolean
  }
  const send = proto.send
  proto.send = function (this: unknown, data: unknown, ...rest: unknown[]): void {
    if (typeof data === 'string') {
      if (data.includes('"patches"')) noteIds(data, stages.bridgeSent)
      else if (data.includes('telephony')) noteIds(data, stages.emulatorSent)
    }
    send.call(this, data, ...rest)
  }
  const emit = proto.emit
  proto.emit = function (this: unknown, event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'message' && (Buffer.isBuffer(args[0]) || typeof args[0] === 'string')) {
      const text = String(args[0])
      if (!text.includes('"patches"') && text.includes('telephony'))
        noteIds(text, stages.coreReceived)
    }
    return emit.call(this, event, ...args)
  }
  return stages
}

/**
 * A CPU profile of this (Node) process while `run` runs, written to `out` for DevTools: the
 * emulator, the core and the bridge share this process in bench:ui.
 */
export async function profileNode<T>(out: string, run: () => Promise<T>): Promise<T> {
  const { Session } = await import('node:inspector/promises')
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.start')
  try {
    return await run()
  } finally {
    const { profile } = await session.post('Profiler.stop')
    writeFileSync(out, JSON.stringify(profile))
    session.disconnect()
  }
}

/**
 * A Chromium trace of the page while `run` runs (BENCH_UI_TRACE=<file>): style, layout, paint and
 * script on the renderer's main thread, which a CPU profile shows only as "(program)". The file
 * opens in DevTools (Performance → load) or Perfetto; the top events are also summed here.
 */
export async function tracePage<T>(
  page: Page,
  out: string,
  run: () => Promise<T>
): Promise<{ result: T; top: string[] }> {
  const browser = page.context().browser()
  if (browser === null) return { result: await run(), top: [] }
  await browser.startTracing(page, {
    categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink']
  })
  const result = await run()
  const buffer = await browser.stopTracing()
  writeFileSync(out, buffer)
  return { result, top: traceTop(buffer) }
}

interface TraceEvent {
  readonly name: string
  readonly ph: string
  readonly tid: number
  readonly pid: number
  readonly dur?: number
  readonly args?: { readonly name?: string }
}

/** Time per event name on the renderer's main thread (nested events count in each). */
function traceTop(buffer: Buffer, n = 16): string[] {
  const events = (JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
  if (main === undefined) return ['  trace: no renderer main thread']
  const byName = new Map<string, number>()
  for (const e of events) {
    if (e.tid !== main.tid || e.pid !== main.pid || e.ph !== 'X' || e.dur === undefined) continue
    byName.set(e.name, (byName.get(e.name) ?? 0) + e.dur)
  }
  return [
    '  page main thread, trace (ms per event name, nested events counted in each):',
    ...[...byName]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `    ${(v / 1000).toFixed(0).padStart(7)}  ${k}`)
  ]
}
