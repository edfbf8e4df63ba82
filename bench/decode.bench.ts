/**
 * `npm run bench:decode`: what decoding costs on top of `JSON.parse`, on a realistic mix of presence
 * and telephony payloads (what a busy supervisor's socket carries).
 *
 * Three sides are timed on the SAME texts in the same round: `JSON.parse` alone (the floor),
 * `JSON.parse` + the decode Ringside uses (compiled checks, io-ts on any failure or warning) and
 * `JSON.parse` + the io-ts-only decode (the definition). A round walks the texts in blocks and times
 * every side on each block back to back, rotating which side goes first, so a burst of load from
 * another process, the caches and the garbage of the previous side fall on every side alike. Each
 * round gives its own ratio; the figure is the median over the rounds, with its spread
 * (docs/performance.md#how-the-decode-benchmark-measures). The target is a decode within 1.5× of JSON.parse.
 *
 * Knobs for experiments (environment): DECODE_BENCH_ROUNDS, DECODE_BENCH_BLOCK (texts per block),
 * DECODE_BENCH_WARMUP (untimed passes), DECODE_BENCH_GC (`round`: a full GC before each round,
 * the default; `side`: also a scavenge before each side of each block; `none`), DECODE_BENCH_ORDER (`rotate`, the default; `fixed`: always parse first),
 * DECODE_BENCH_ONLY (keep only the texts whose event path contains it, to time one kind).
 */
import { spawnSync } from 'node:child_process'
import { loadavg } from 'node:os'
import { PerformanceObserver } from 'node:perf_hooks'
import { decodeNotification, decodeNotificationByIoTs } from '../src/shared/events'
import { makeMix } from './notification-mix'

// A full GC before each round needs `gc`; rerun this file with it rather than depend on the script.
const gc = (globalThis as { gc?: (options?: { type: 'minor' | 'major' }) => void }).gc
if (gc === undefined) {
  const args = ['--expose-gc', ...process.execArgv, ...process.argv.slice(1)]
  const child = spawnSync(process.execPath, args, { stdio: 'inherit' })
  process.exit(child.status ?? 1)
}

const env = (name: string, fallback: number): number => {
  const n = Number(process.env[name] ?? fallback)
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${name} must be a whole number`)
  return n
}
const MIX = 20_000
const ROUNDS = env('DECODE_BENCH_ROUNDS', 15)
const BLOCK = Math.max(1, env('DECODE_BENCH_BLOCK', 250))
const WARMUP = env('DECODE_BENCH_WARMUP', 3)
const GC_EACH_ROUND = process.env.DECODE_BENCH_GC !== 'none'
const GC_EACH_SIDE = process.env.DECODE_BENCH_GC === 'side'
const ROTATE = process.env.DECODE_BENCH_ORDER !== 'fixed'

type Work = (text: string) => unknown
const SIDES: ReadonlyArray<{ readonly name: string; readonly work: Work }> = [
  { name: 'parse', work: (text) => JSON.parse(text) },
  { name: 'decode', work: (text) => decodeNotification(JSON.parse(text)) },
  { name: 'io-ts', work: (text) => decodeNotificationByIoTs(JSON.parse(text)) }
]
/** Every order of the three sides, used in turn from block to block. */
const ORDERS = [
  [0, 1, 2],
  [1, 2, 0],
  [2, 0, 1],
  [0, 2, 1],
  [2, 1, 0],
  [1, 0, 2]
] as const

interface Took {
  /** Wall-clock nanoseconds. */
  wall: number
  /** This process's CPU microseconds (user + system): time spent waiting for a core is not in it. */
  cpu: number
}
const cpuNow = (): number => {
  const u = process.cpuUsage()
  return u.user + u.system
}

function time(texts: readonly string[], from: number, to: number, work: Work, into: Took): void {
  const cpu = cpuNow()
  const start = process.hrtime.bigint()
  let sink = 0
  for (let i = from; i < to; i++) if (work(texts[i]!) !== undefined) sink++
  into.wall += Number(process.hrtime.bigint() - start)
  into.cpu += cpuNow() - cpu
  if (sink !== to - from) throw new Error('a decode returned nothing')
}

/** One round: every block timed on every side, back to back. */
function round(texts: readonly string[], index: number): Took[] {
  const took = SIDES.map(() => ({ wall: 0, cpu: 0 }))
  for (let b = 0, from = 0; from < texts.length; b++, from += BLOCK) {
    const to = Math.min(texts.length, from + BLOCK)
    const order = ROTATE ? ORDERS[(b + index) % ORDERS.length]! : ORDERS[0]
    for (const s of order) {
      // An empty young generation first, so each side pays for the scavenges of its own garbage.
      if (GC_EACH_SIDE) gc!({ type: 'minor' })
      time(texts, from, to, SIDES[s]!.work, took[s]!)
    }
  }
  return took
}

const sorted = (xs: readonly number[]): number[] => [...xs].sort((a, b) => a - b)
/** The q-quantile by linear interpolation between the closest ranks. */
function quantile(xs: readonly number[], q: number): number {
  const s = sorted(xs)
  const at = (s.length - 1) * q
  const lo = Math.floor(at)
  return s[lo]! + (s[Math.min(lo + 1, s.length - 1)]! - s[lo]!) * (at - lo)
}
const fx = (n: number): string => n.toFixed(2)
const spread = (xs: readonly number[]): string =>
  `IQR ${fx(quantile(xs, 0.25))}–${fx(quantile(xs, 0.75))}, min–max ${fx(Math.min(...xs))}–${fx(Math.max(...xs))}`
const load = (): string =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')

const only = process.env.DECODE_BENCH_ONLY
const texts = makeMix(MIX, 42).filter(
  (t) => only === undefined || (JSON.parse(t) as { event: string }).event.includes(only)
)
const COUNT = texts.length
if (COUNT === 0) throw new Error('DECODE_BENCH_ONLY matches no notification of the mix')
const bytes = texts.reduce((n, t) => n + t.length, 0)
let invalid = 0
for (const text of texts) {
  if (!decodeNotification(JSON.parse(text)).ok) invalid++
  if (!decodeNotificationByIoTs(JSON.parse(text)).ok) invalid++
}
if (invalid > 0) throw new Error(`${invalid} generated notifications did not decode`)

// Untimed passes first, so the JIT has compiled every side before anything is measured.
for (let i = 0; i < WARMUP; i++) round(texts, i)

let gcMs = 0
const observer = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcMs += entry.duration
})
observer.observe({ entryTypes: ['gc'] })
const loadBefore = load()
const rounds: Took[][] = []
let gcMsBefore = 0
// The observer hears of a GC one turn later: let it catch up before the timed rounds start.
setTimeout(() => {
  gcMsBefore = gcMs
  for (let i = 0; i < ROUNDS; i++) {
    if (GC_EACH_ROUND) gc!()
    rounds.push(round(texts, i))
  }
  setTimeout(() => {
    observer.disconnect()
    report(rounds, loadBefore, gcMs - gcMsBefore)
  }, 100)
}, 100)

const ratios = (rs: readonly Took[][], side: number, clock: keyof Took): number[] =>
  rs.map((r) => r[side]![clock] / r[0]![clock])

function report(rs: readonly Took[][], loadAtStart: string, gcTimedMs: number): void {
  const ms = (n: number): string => n.toFixed(1).padStart(7)
  const decodeCpu = ratios(rs, 1, 'cpu')
  const ioTsCpu = ratios(rs, 2, 'cpu')
  const decodeWall = ratios(rs, 1, 'wall')
  const wallMs = rs.reduce((n, r) => n + r[0]!.wall + r[1]!.wall + r[2]!.wall, 0) / 1e6
  const cpuMs = rs.reduce((n, r) => n + r[0]!.cpu + r[1]!.cpu + r[2]!.cpu, 0) / 1e3
  const perSecond = (side: number): string => {
    const us = quantile(
      rs.map((r) => r[side]!.cpu),
      0.5
    )
    return Math.round((COUNT * 1e6) / us).toLocaleString('en-US')
  }
  console.log(
    `notifications: ${COUNT}${only === undefined ? '' : ` (event paths with ${only})`} ` +
      `(${(bytes / COUNT).toFixed(0)} bytes on average); ` +
      `${ROUNDS} rounds, each of ${Math.ceil(COUNT / BLOCK)} blocks of ${BLOCK} timed on every side ` +
      `${ROTATE ? 'in rotating order' : 'parse first'}; ${WARMUP} warm-up rounds; ` +
      `${GC_EACH_ROUND ? 'a full GC before each round' : 'no forced GC'}` +
      `${GC_EACH_SIDE ? ' and a scavenge before each side of each block' : ''}`
  )
  console.log(`load average (1, 5, 15 min): ${loadAtStart} at start, ${load()} at end (2 cores)`)
  console.log('CPU ms per round (wall ms in brackets); ratios to JSON.parse')
  console.log('round      parse            decode                    io-ts')
  rs.forEach((r, i) => {
    const [p, d, o] = r as [Took, Took, Took]
    const cell = (x: Took): string => `${ms(x.cpu / 1e3)} (${ms(x.wall / 1e6)})`
    console.log(
      `${String(i + 1).padStart(5)}  ${cell(p)}  ${cell(d)} ${fx(decodeCpu[i]!)}×` +
        `  ${cell(o)} ${fx(ioTsCpu[i]!)}×`
    )
  })
  console.log(
    `timed: ${cpuMs.toFixed(0)} ms CPU in ${wallMs.toFixed(0)} ms wall; GC ${gcTimedMs.toFixed(0)} ms of it`
  )
  console.log(`JSON.parse alone:              ${perSecond(0)} events/s of CPU (median round)`)
  console.log(`JSON.parse + compiled decode:  ${perSecond(1)} events/s`)
  console.log(`JSON.parse + io-ts decode:     ${perSecond(2)} events/s (the definition)`)
  console.log(`io-ts decode: ${fx(quantile(ioTsCpu, 0.5))}× JSON.parse (${spread(ioTsCpu)})`)
  console.log(`decode by wall clock: ${fx(quantile(decodeWall, 0.5))}× (${spread(decodeWall)})`)
  console.log(`decode spread over ${ROUNDS} rounds: ${spread(decodeCpu)}`)
  console.log(`decode: ${fx(quantile(decodeCpu, 0.5))}× JSON.parse (target ≤ 1.5×)`)
}
