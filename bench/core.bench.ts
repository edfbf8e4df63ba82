/**
 * `npm run bench:core` (node --expose-gc --import tsx bench/core.bench.ts): the core's throughput
 * and its memory bound.
 *
 * 1. Throughput, on the team's realistic mix (bench/notification-mix.ts): notifications per second
 *    for JSON.parse + decode alone (the baseline) and for JSON.parse + decode + reduce, measured in
 *    the same run on the same texts, interleaved, median of ROUNDS; then the ratio.
 *    Then the store (reduce + views + patches) on a board of 50 monitored lines and 20 favorites,
 *    publishing after every event (no coalescing, the worst case): with incremental views
 *    (state/incremental.ts), and with the whole derivation as the baseline in the same run.
 *    Then one busy line (bench/busy-line.ts): CPU per event on a line of 150 ringing calls,
 *    incremental against whole, and against a line of 10.
 * 2. Heap: ONE MILLION events through parse + decode + reduce + the diagnostics log, heap used
 *    after a forced GC at the start, after 100k and after 1M events. The core's tables are all
 *    bounded (state/limits.ts, diagnostics/event-log.ts), so 100k → 1M must not grow the heap.
 *
 * makeMix repeats itself (its uuids collide: a 19-digit number loses its low digits in a double,
 * and its sequences are random). Each pass over the mix therefore gets fresh uuids, sequences
 * shifted past the previous pass and its own session ids, applied after JSON.parse in the
 * baseline and in the measured pipeline alike. Its sessions mostly never end (one random party
 * each), which is the worst case for the session table: it is held at SESSION_CAPACITY by eviction.
 */
import { createEventLog, EVENT_LOG_CAPACITY } from '../src/main/core/diagnostics'
import {
  createStore,
  DEDUPE_CAPACITY,
  initialState,
  reduce,
  SESSION_CAPACITY,
  type CoreState,
  type Store
} from '../src/main/core/state'
import { genSize } from '../src/main/core/state/generations'
import { decodeNotification } from '../src/shared/events'
import { busyLine } from './busy-line'
import { makeMix } from './notification-mix'

const MIX = 20_000
const THROUGHPUT_EVENTS = 50_000
const ROUNDS = 3
/** The store derives views and patches per event: measured on fewer events, see the header. */
const STORE_EVENTS = 20_000
const HEAP_EVENTS = 1_000_000
const HEAP_CHECKPOINT = 100_000
/**
 * Growth allowed from 100k to 1M events: noise, not a leak (docs/platform.md#resource-leaks: 10
 * MB).
 */
const HEAP_GROWTH_LIMIT_MB = 10

const gc = (globalThis as { gc?: () => void }).gc
if (gc === undefined) {
  console.error('run with node --expose-gc (npm run bench:core does)')
  process.exit(1)
}

type Json = Record<string, unknown>
const isObject = (u: unknown): u is Json => typeof u === 'object' && u !== null

/** Makes event `i` of the whole run unique (see the header). */
function freshen(u: unknown, i: number): unknown {
  if (!isObject(u) || !isObject(u.body)) return u
  const pass = Math.floor(i / MIX)
  u.uuid = `${pass}:${i % MIX}`
  const body = u.body
  if (typeof body.telephonySessionId === 'string') {
    body.telephonySessionId = `${body.telephonySessionId}-${pass}`
  } else if (typeof body.sequence === 'number' && typeof body.extensionId === 'string') {
    body.sequence += pass * 100_000
  }
  return u
}

const texts = makeMix(MIX, 42)
const parseDecode = (i: number): ReturnType<typeof decodeNotification> =>
  decodeNotification(freshen(JSON.parse(texts[i % MIX]!), i))

function timeDecode(offset: number): number {
  const start = process.hrtime.bigint()
  let ok = 0
  for (let i = 0; i < THROUGHPUT_EVENTS; i++) if (parseDecode(offset + i).ok) ok++
  if (ok !== THROUGHPUT_EVENTS) throw new Error(`${THROUGHPUT_EVENTS - ok} events did not decode`)
  return Number(process.hrtime.bigint() - start)
}

function timeReduce(offset: number): { ns: number; state: CoreState } {
  let state = initialState()
  const start = process.hrtime.bigint()
  for (let i = 0; i < THROUGHPUT_EVENTS; i++) {
    const r = parseDecode(offset + i)
    if (r.ok) state = reduce(state, { type: 'notification', notification: r.value }).state
  }
  return { ns: Number(process.hrtime.bigint() - start), state }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const perSecond = (ns: number): string =>
  Math.round((THROUGHPUT_EVENTS * 1e9) / ns).toLocaleString('en-US')
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`
const heap = (): number => {
  gc()
  gc()
  return process.memoryUsage().heapUsed
}

// --- 1. Throughput -------------------------------------------------------------------------------
timeDecode(0)
timeReduce(0)
const decodeNs: number[] = []
const reduceNs: number[] = []
let last: CoreState = initialState()
for (let r = 0; r < ROUNDS; r++) {
  decodeNs.push(timeDecode(r * THROUGHPUT_EVENTS))
  const run = timeReduce(r * THROUGHPUT_EVENTS)
  reduceNs.push(run.ns)
  last = run.state
}
const d = median(decodeNs)
const dr = median(reduceNs)
console.log(
  `mix: ${MIX} distinct texts, ${THROUGHPUT_EVENTS} events per round, ${ROUNDS} rounds, median`
)
console.log(`JSON.parse + decode:           ${perSecond(d)} events/s`)
console.log(`JSON.parse + decode + reduce:  ${perSecond(dr)} events/s`)
console.log(`reduce alone: ${((dr - d) / THROUGHPUT_EVENTS / 1000).toFixed(2)} µs/event`)
console.log(`ratio: decode+reduce takes ${(dr / d).toFixed(2)}× decode alone`)
console.log(`outcomes of the last round: ${JSON.stringify(last.stats)}`)

/** The store path on one board: decode + reduce + views + patches, per event (no coalescing). */
function timeStore(views: 'incremental' | 'whole'): {
  ns: number
  patches: number
  snapshot: ReturnType<Store['getSnapshot']>
} {
  const store = createStore({ views })
  store.dispatch({
    type: 'directory',
    directory: {
      ownerId: '297277020',
      monitored: Array.from({ length: 50 }, (_, i) => String(297277000 + i)),
      favorites: Array.from({ length: 20 }, (_, i) => String(297277050 + i))
    }
  })
  let patches = 0
  store.subscribe((p) => {
    patches += p.length
  })
  const start = process.hrtime.bigint()
  for (let i = 0; i < STORE_EVENTS; i++) {
    const r = parseDecode(i)
    if (r.ok) store.dispatch({ type: 'notification', notification: r.value })
  }
  return { ns: Number(process.hrtime.bigint() - start), patches, snapshot: store.getSnapshot() }
}

const storeLine = (name: string, ns: number): string =>
  `${name} (decode + reduce + views + patches), ${STORE_EVENTS} events: ` +
  `${Math.round((STORE_EVENTS * 1e9) / ns).toLocaleString('en-US')} events/s, ` +
  `${(ns / STORE_EVENTS / 1000).toFixed(0)} µs/event, ` +
  `${(ns / STORE_EVENTS / (dr / THROUGHPUT_EVENTS)).toFixed(1)}× decode+reduce`

// The whole derivation first, as the baseline of the same run, then the incremental views.
const whole = timeStore('whole')
const incremental = timeStore('incremental')
const { snapshot } = incremental
console.log(storeLine('store', incremental.ns))
console.log(storeLine('store, whole derivation (baseline)', whole.ns))
console.log(
  `  board: ${snapshot.lines.length} lines, ${snapshot.ringingLines.length} ringing, ` +
    `${snapshot.parkedCalls.length} parked, ${snapshot.accountSessions.length} live sessions; ` +
    `${(incremental.patches / STORE_EVENTS).toFixed(2)} patches/event ` +
    `(whole: ${(whole.patches / STORE_EVENTS).toFixed(2)}); ` +
    `incremental ${(whole.ns / incremental.ns).toFixed(1)}× faster than whole`
)
if (incremental.patches !== whole.patches) {
  console.error('FAIL: the incremental views sent other patches than the whole derivation')
  process.exit(1)
}

// One busy line: what a line's size costs per event, incremental against whole, 150 calls
// against 10 (bench/busy-line.ts).
const BUSY_STEPS = 400
const busy = {
  whole150: busyLine('whole', 150, BUSY_STEPS),
  small: busyLine('incremental', 10, BUSY_STEPS),
  large: busyLine('incremental', 150, BUSY_STEPS)
}
console.log(
  `busy line, 150 ringing calls: ${busy.large.toFixed(0)} µs CPU/event incremental, ` +
    `${busy.whole150.toFixed(0)} µs whole (baseline), ${(busy.large / busy.whole150).toFixed(2)}× whole; ` +
    `a line of 10 calls: ${busy.small.toFixed(0)} µs, so 150 calls cost ${(busy.large / busy.small).toFixed(2)}× 10`
)

// --- 2. Heap over one million events -------------------------------------------------------------
let state: CoreState = initialState()
const log = createEventLog()
const before = heap()
let atCheckpoint = 0
const start = process.hrtime.bigint()
for (let i = 0; i < HEAP_EVENTS; i++) {
  const result = parseDecode(i)
  let outcome: string | undefined
  if (result.ok) {
    const r = reduce(state, { type: 'notification', notification: result.value })
    state = r.state
    outcome = r.outcome
  }
  log.record({ raw: texts[i % MIX], result, receivedAt: '2026-11-21T09:30:00.000Z', outcome })
  if (i + 1 === HEAP_CHECKPOINT) atCheckpoint = heap()
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9
const after = heap()
const growth = (after - atCheckpoint) / 1024 / 1024

console.log(
  `\n${HEAP_EVENTS.toLocaleString('en-US')} events (decode + reduce + log) in ${seconds.toFixed(1)} s: ` +
    `${Math.round(HEAP_EVENTS / seconds).toLocaleString('en-US')} events/s`
)
console.log(`heap used: start ${mb(before)}, after 100k ${mb(atCheckpoint)}, after 1M ${mb(after)}`)
console.log(
  `growth 100k → 1M: ${growth.toFixed(1)} MB, ratio ${(after / atCheckpoint).toFixed(2)}×`
)
console.log(
  `held at the end: sessions ${state.sessions.size}/${SESSION_CAPACITY}, ` +
    `presence ${state.presence.size}, dedupe uuids ${genSize(state.window.dedupe)}/${DEDUPE_CAPACITY}, ` +
    `log entries ${log.entries().length}/${EVENT_LOG_CAPACITY}`
)
console.log(`stats: ${JSON.stringify(state.stats)}`)
if (growth > HEAP_GROWTH_LIMIT_MB) {
  console.error(`FAIL: heap grew ${growth.toFixed(1)} MB between 100k and 1M events`)
  process.exit(1)
}
console.log(`PASS: heap bounded (growth ≤ ${HEAP_GROWTH_LIMIT_MB} MB)`)
