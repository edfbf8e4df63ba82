/**
 * bench:ui's ringing rounds (docs/performance.md): ring, then read when each call reached each
 * stage and the screen. Two kinds: calls that ring on (every one must get a card, checked by a
 * sweep of the pane) and calls that ring for a few ms and stop (each must get a card or be
 * counted by the announcer as having rung and stopped between two frames).
 */
import type { Page } from 'playwright-core'
import type { BenchEmulator } from './ui-emulator'
import { readPageStages, type NodeStages, type PageStages } from './ui-probe'
import { readScreen, screenTimes, sweepPane } from './ui-screen'

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/** Emitted → each stage, ms, one entry per call that reached it. */
export interface Latencies {
  readonly dom: number[]
  readonly stages: Readonly<Record<StageName, number[]>>
}

export const STAGES = [
  ['emulatorSent', 'emulator sent WSG'],
  ['coreReceived', 'core received'],
  ['bridgeSent', 'bridge sent patch'],
  ['pageReceived', 'page received'],
  ['frameBegan', 'page frame began'],
  ['flushed', 'frame + Vue flushed']
] as const
export type StageName = (typeof STAGES)[number][0]

function stageLatencies(
  emitted: ReadonlyMap<string, number>,
  node: NodeStages,
  emulatorSent: ReadonlyMap<string, number>,
  page: PageStages
): Latencies['stages'] {
  const of = (at: (session: string) => number | undefined): number[] => {
    const xs: number[] = []
    for (const [id, t0] of emitted) {
      const t = at(id.slice('ringing-'.length))
      if (t !== undefined) xs.push(t - t0)
    }
    return xs
  }
  return {
    emulatorSent: of((s) => emulatorSent.get(s)),
    coreReceived: of((s) => node.coreReceived.get(s)),
    bridgeSent: of((s) => node.bridgeSent.get(s)),
    pageReceived: of((s) => page.wire[s]),
    frameBegan: of((s) => page.frame[s]),
    flushed: of((s) => page.flushed[s])
  }
}

/** Rings `count` calls at `rate`/s that ring on; every one must reach the screen. */
export async function ringLatency(
  page: Page,
  emu: BenchEmulator,
  node: NodeStages,
  rate: number,
  count: number,
  /** Wraps the ringing itself (BENCH_UI_PROFILE profiles only that, not the sweep after it). */
  during: <T>(run: () => Promise<T>) => Promise<T> = (run) => run()
): Promise<Latencies> {
  const since = Date.now()
  const rung = await during(() => emu.ring({ rate, count }))
  const emitted = new Map(rung.emitted)
  // The emission loop shares its process with the core: a core that cannot keep up slows it.
  const times = [...emitted.values()]
  const took = Math.max(1, (times[times.length - 1] ?? 0) - (times[0] ?? 0))
  console.log(
    `  ${rate}/s: rang ${emitted.size} calls in ${took} ms ` +
      `(${((1000 * (emitted.size - 1)) / took).toFixed(0)}/s achieved)`
  )
  // Falling behind shows as the later hundreds taking longer than the first.
  const hundreds: number[] = []
  for (let i = 100; i < times.length; i += 100) hundreds.push(times[i]! - times[i - 100]!)
  if (hundreds.length > 1) console.log(`  each 100 calls took, ms: ${hundreds.join(' ')}`)
  await sleep(1500)
  const order = [...emitted.keys()]
  let screen = screenTimes(order, await readScreen(page), since)
  const late = order.length - screen.size
  // Late is not lost: a loaded machine falls behind, so wait (up to 30 s) for the stragglers and
  // tell the two apart. Every late call still counts in the latencies, with its real latency.
  for (const until = Date.now() + 30_000; screen.size < order.length && Date.now() < until;) {
    await sleep(250)
    screen = screenTimes(order, await readScreen(page), since)
  }
  // Every card must have rendered at some point: the count alone cannot hide a missing call.
  const swept = await sweepPane(page)
  const cards = (await readScreen(page)).cards
  const unseen = order.filter((id) => cards[id] === undefined).length
  // A sweep cut short by a stalled page saw only part of the pane: its unseen cards are not lost.
  const lost = swept ? String(unseen) : `unknown (the sweep stalled; ${unseen} unseen)`
  const dom: number[] = []
  for (const [id, at] of emitted) {
    const t = screen.get(id)
    if (t !== undefined) dom.push(t - at)
  }
  console.log(
    `  ${rate}/s: ${lost} of ${emitted.size} ringing calls lost (no card even in the sweep); ` +
      `${late} not on the screen 1.5 s after the last one rang, ` +
      `${emitted.size - dom.length} not within 30 s more`
  )
  const stages = stageLatencies(emitted, node, rung.emulatorSent, await readPageStages(page))
  // Clean up so the next round starts from an idle board.
  await emu.endAll()
  await sleep(500)
  return { dom, stages }
}

const BRIEF_COUNT = `parseInt(document.querySelector('[data-testid="announcer-brief"]')?.getAttribute('data-count') || '0', 10)`

/**
 * Calls that ring for `ringMs` and stop (the caller hangs up). Each one is shown if its card
 * appeared, or counted if the announcer counted it as rung and stopped between two frames (it
 * then never had a card: the two are disjoint). Latencies are of the cards.
 */
export async function briefRound(
  page: Page,
  emu: BenchEmulator,
  node: NodeStages,
  round: { rate: number; count: number; ringMs: number }
): Promise<
  Latencies & {
    shown: number
    carded: number
    counted: number
    total: number
    reached: number
    /** Named in a frame the core's socket received, and in a patch the bridge sent. */
    atCore: number
    bridged: number
  }
> {
  const before = (await page.evaluate(BRIEF_COUNT)) as number
  const rung = await emu.ring(round)
  const emitted = new Map(rung.emitted)
  const total = emitted.size
  const tally = async (): Promise<{ carded: number; counted: number }> => {
    const cards = (await readScreen(page)).cards
    const carded = [...emitted.keys()].filter((id) => cards[id] !== undefined).length
    return { carded, counted: ((await page.evaluate(BRIEF_COUNT)) as number) - before }
  }
  let t = await tally()
  for (const until = Date.now() + 15_000; t.carded + t.counted < total && Date.now() < until;) {
    await sleep(250)
    t = await tally()
  }
  const cards = (await readScreen(page)).cards
  const dom: number[] = []
  for (const [id, at] of emitted) if (cards[id] !== undefined) dom.push(cards[id] - at)
  const pageStages = await readPageStages(page)
  const reached = [...emitted.keys()].filter(
    (id) => pageStages.wire[id.slice('ringing-'.length)] !== undefined
  ).length
  const sessions = [...emitted.keys()].map((id) => id.slice('ringing-'.length))
  const atCore = sessions.filter((s) => node.coreReceived.has(s)).length
  const bridged = sessions.filter((s) => node.bridgeSent.has(s)).length
  await emu.endAll()
  await sleep(300)
  return {
    atCore,
    bridged,
    dom,
    stages: stageLatencies(emitted, node, rung.emulatorSent, pageStages),
    shown: t.carded + t.counted,
    carded: t.carded,
    counted: t.counted,
    total,
    reached
  }
}
