/**
 * `npm run bench:ui`: how fast a ringing call reaches the agent's screen, and how smooth the board
 * is with 1,000 lines. Real parts end to end: the emulator publishes, the real core decodes and
 * reduces, browser mode bridges, the real renderer draws in Debian's Chromium.
 *
 * 1. Latency from the emulator emitting a ringing event to the ringing call's element appearing in
 *    the DOM, as p50/p99, at 50 and 500 events per second. The baseline, measured in the same run,
 *    is a single event with the system idle.
 * 2. Frame timing while scrolling a board of 1,000 lines, against the same page idle (no scroll).
 */
import type { Page } from 'playwright-core'
import { launchBrowser, openApp, signInDemo } from '../test/e2e/support'
import WebSocket from 'ws'
import { childEmulator, inProcessEmulator, type BenchEmulator } from './ui-emulator'
import {
  installNodeProbe,
  installSocketProbe,
  profileNode,
  profilePage,
  tracePage
} from './ui-probe'
import { briefRound, ringLatency, STAGES, type Latencies } from './ui-rounds'
import { observeScreen } from './ui-screen'

/** Where each call's latency accrues on this side (docs/performance.md). */
const nodeStages = installNodeProbe(WebSocket)

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN
}
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/**
 * The app signed in to the emulator: with `inProcess`, the one openApp starts in this process,
 * else one in a child process; with `lines`, the agent then monitors that many lines.
 */
async function openSignedIn(
  agents: number,
  inProcess: boolean,
  lines?: number
): Promise<{
  page: Page
  ringer: BenchEmulator
  close: () => Promise<void>
}> {
  const browser = await launchBrowser()
  const child = inProcess ? undefined : await childEmulator(agents)
  // The same app the end-to-end tests open: browser mode, the real core.
  const app = await openApp(
    browser,
    { seed: 3, agents, traffic: false },
    { width: 1400, height: 900 },
    child?.startDemo ? { coreOptions: { startDemo: child.startDemo } } : {}
  )
  const { page } = app
  await installSocketProbe(page)
  await signInDemo(page)
  await observeScreen(page)
  const ringer = child ?? inProcessEmulator(() => app.emulator(), nodeStages)
  if (lines !== undefined) await monitorLines(page, ringer, lines)
  return {
    page,
    ringer,
    close: async () => {
      // The browser and the child go even when the page logged errors (app.close throws then).
      try {
        await app.close()
      } finally {
        await browser.close()
        await child?.close()
      }
    }
  }
}

const BOARD_SIZE = `parseInt(document.querySelector('[data-testid="board-summary"]')?.textContent || '0', 10)`

/** Waits until the board shows `count` lines (polled: the page's CSP forbids waitForFunction). */
async function boardShows(page: Page, count: number): Promise<void> {
  const deadline = Date.now() + 30_000
  while (((await page.evaluate(BOARD_SIZE)) as number) < count) {
    if (Date.now() > deadline) throw new Error(`the board never showed ${count} lines`)
    await sleep(200)
  }
}

/** The agent monitors `count` lines; the line-list event makes the core fetch them again. */
async function monitorLines(page: Page, ringer: BenchEmulator, count: number): Promise<void> {
  const set = await ringer.monitor(count)
  await boardShows(page, set)
  console.log(`the agent monitors ${set} lines`)
}

/**
 * Frame intervals from requestAnimationFrame, optionally scrolling the board each frame. Written as
 * a string: tsx's transform names inner functions with a helper that does not exist in the page.
 */
const FRAME_SCRIPT = `(async ({ scroll, ms }) => {
  const board = document.querySelector('[data-testid="board"]')
  const scroller = (board && board.querySelector('[data-scroller]')) || board
  const times = []
  let last = performance.now()
  const end = last + ms
  await new Promise((resolve) => {
    const step = (t) => {
      times.push(t - last)
      last = t
      if (scroll && scroller) {
        scroller.scrollTop += 240
        if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight) scroller.scrollTop = 0
      }
      if (t < end) requestAnimationFrame(step)
      else resolve()
    }
    requestAnimationFrame(step)
  })
  return times.slice(1)
})`

async function frameTimes(page: Page, scroll: boolean, ms: number): Promise<number[]> {
  return page.evaluate(`${FRAME_SCRIPT}(${JSON.stringify({ scroll, ms })})`) as Promise<number[]>
}

const ms = (xs: number[], q: number): string => quantile(xs, q).toFixed(0).padStart(5)
const row = (name: string, xs: number[]): string =>
  `${name.padEnd(26)} n=${String(xs.length).padStart(4)}  p50 ${ms(xs, 0.5)} ms  p95 ${ms(xs, 0.95)} ms  p99 ${ms(xs, 0.99)} ms`

function printStages(name: string, r: Latencies): void {
  for (const [key, label] of STAGES) console.log(row(`  ${name} ${label}`, r.stages[key]))
  console.log(row(`  ${name} on the screen`, r.dom))
}

/**
 * The ringing rounds ring the agent's own monitored lines (the cast's 6 to 8), as the issue's
 * figures were measured. BENCH_UI_LINES=100 rings them across a board of 100 lines instead: fewer
 * calls per person's line (ui-ring.ts `monitorPeople`), and more of the board changing in view.
 */
const RING_LINES = Number(process.env['BENCH_UI_LINES'] ?? 0)
/** The cast: enough agents for the lines, the signed-in agent and the supervisor. */
const RING_AGENTS = RING_LINES + 4

async function ringRounds(inProcess: boolean): Promise<void> {
  const small = await openSignedIn(
    RING_LINES > 0 ? RING_AGENTS : 12,
    inProcess,
    RING_LINES > 0 ? RING_LINES : undefined
  )
  try {
    console.log(`the emulator runs in the ${small.ringer.where}`)
    const baseline = await ringLatency(small.page, small.ringer, nodeStages, 2, 6)
    const at50 = await ringLatency(small.page, small.ringer, nodeStages, 50, 150)
    // BENCH_UI_PROFILE=1: where the page's main thread spends the 500/s round (it slows the page).
    const profiled = process.env['BENCH_UI_PROFILE'] === '1'
    // Only the ringing and the page catching up are profiled, not the sweep of the pane after it.
    let top: string[] = []
    const nodeOut = process.env['BENCH_UI_NODE_PROFILE_OUT']
    const during = async <T>(run: () => Promise<T>): Promise<T> => {
      // BENCH_UI_NODE_PROFILE_OUT=<file>: this process's profile of the round (emulator, core).
      if (nodeOut) return profileNode(nodeOut, run)
      const traceOut = process.env['BENCH_UI_TRACE']
      if (traceOut) {
        const r = await tracePage(small.page, traceOut, run)
        top = r.top
        return r.result
      }
      if (!profiled) return run()
      const r = await profilePage(small.page, async () => {
        const out = await run()
        await sleep(300)
        return out
      })
      top = r.top
      return r.result
    }
    const at500 = await ringLatency(small.page, small.ringer, nodeStages, 500, 1000, during)
    // Calls that ring for a few ms, up to about a frame, and stop: each shown or counted.
    const brief = await briefRound(small.page, small.ringer, nodeStages, {
      rate: 500,
      count: 300,
      ringMs: 8
    })
    console.log('ringing event → screen latency (its card, or the ringing count that includes it)')
    console.log(row('baseline (idle, 2/s)', baseline.dom))
    console.log(row('50 events/s', at50.dom))
    console.log(row('500 events/s', at500.dom))
    console.log('where it goes: ringing event → each stage')
    printStages('2/s', baseline)
    printStages('50/s', at50)
    printStages('500/s', at500)
    for (const line of top) console.log(line)
    console.log(
      `calls that rang 8 ms and stopped, 500/s: ${brief.shown} of ${brief.total} shown ` +
        `(${brief.carded} as a card, ${brief.counted} counted by the announcer as rung and stopped ` +
        `between two frames); ${brief.atCore} reached the core's socket, ${brief.bridged} were in ` +
        `a patch the bridge sent, ${brief.reached} reached the page's socket; ` +
        `${brief.total - brief.shown} missing`
    )
    printStages('brief', brief)
    const b50 = quantile(baseline.dom, 0.5)
    console.log(
      `p99 at 50/s: ${(quantile(at50.dom, 0.99) / b50).toFixed(2)}× idle p50; p99 at 500/s: ${(quantile(at500.dom, 0.99) / b50).toFixed(2)}× idle p50`
    )
  } finally {
    await small.close()
  }
}

async function main(): Promise<void> {
  // The emulator in this process by default; BENCH_UI_EMULATOR=child puts it in a process of its
  // own, which on a 2-core machine is a third busy process next to Node and Chromium
  // (docs/performance.md).
  await ringRounds(process.env['BENCH_UI_EMULATOR'] !== 'child')
  if (process.env['BENCH_UI_BOARD'] === '0') return
  // The board part: a board of 1,000 lines, idle and scrolled (its emulator in this process).
  const big = await openSignedIn(1000, true, 1000)
  try {
    await sleep(500)
    const tiles = await big.page.locator('[data-testid^="line-"]').count()
    const idle = await frameTimes(big.page, false, 2000)
    const scrolling = await frameTimes(big.page, true, 3000)
    const p = (xs: number[], q: number): string => quantile(xs, q).toFixed(1)
    const shown = (await big.page.evaluate(BOARD_SIZE)) as number
    console.log(`board with ${shown} lines (${tiles} tiles in the DOM: the rest are virtualised)`)
    console.log(`idle frames:      p50 ${p(idle, 0.5)} ms  p99 ${p(idle, 0.99)} ms`)
    console.log(`scrolling frames: p50 ${p(scrolling, 0.5)} ms  p99 ${p(scrolling, 0.99)} ms`)
    console.log(
      `frame time while scrolling: ${(quantile(scrolling, 0.5) / quantile(idle, 0.5)).toFixed(2)}× idle (p50)`
    )
  } finally {
    await big.close()
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e)
    process.exit(1)
  }
)
