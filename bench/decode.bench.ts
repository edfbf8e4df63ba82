/**
 * `npm run bench:decode`: events per second for JSON.parse alone, for JSON.parse + the io-ts-only
 * decode (the baseline) and for JSON.parse + the decode Ringside uses (compiled checks, io-ts on any
 * failure or warning), on a realistic mix of presence and telephony payloads (what a busy
 * supervisor's socket carries), and the ratios between them. All three are measured in the same run
 * on the same texts, so the ratios do not depend on the machine. The target is a decode within 1.5×
 * of JSON.parse alone (docs/performance.md#decoding).
 */
import { decodeNotification, decodeNotificationByIoTs } from '../src/shared/events'
import { makeMix } from './notification-mix'

const COUNT = 20_000
const ROUNDS = 7

function time(texts: readonly string[], work: (text: string) => unknown): number {
  const start = process.hrtime.bigint()
  let sink = 0
  for (const text of texts) if (work(text) !== undefined) sink++
  const ns = Number(process.hrtime.bigint() - start)
  if (sink !== texts.length) throw new Error('a decode returned nothing')
  return ns
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

const texts = makeMix(COUNT, 42)
const bytes = texts.reduce((n, t) => n + t.length, 0)
let invalid = 0
for (const text of texts) {
  if (!decodeNotification(JSON.parse(text)).ok) invalid++
  if (!decodeNotificationByIoTs(JSON.parse(text)).ok) invalid++
}
if (invalid > 0) throw new Error(`${invalid} generated notifications did not decode`)

const parseOnly = (text: string): unknown => JSON.parse(text)
const parseAndIoTs = (text: string): unknown => decodeNotificationByIoTs(JSON.parse(text))
const parseAndDecode = (text: string): unknown => decodeNotification(JSON.parse(text))

// Warm every path up so the JIT has compiled them before anything is measured.
time(texts, parseOnly)
time(texts, parseAndIoTs)
time(texts, parseAndDecode)

// Interleave the rounds so that a burst of background load affects every side alike.
const parseNs: number[] = []
const ioTsNs: number[] = []
const decodeNs: number[] = []
for (let i = 0; i < ROUNDS; i++) {
  parseNs.push(time(texts, parseOnly))
  ioTsNs.push(time(texts, parseAndIoTs))
  decodeNs.push(time(texts, parseAndDecode))
}
const perSecond = (ns: number): string => Math.round((COUNT * 1e9) / ns).toLocaleString('en-US')
const p = median(parseNs)
const o = median(ioTsNs)
const d = median(decodeNs)

console.log(
  `notifications: ${COUNT} (${(bytes / COUNT).toFixed(0)} bytes on average), ${ROUNDS} rounds, median`
)
console.log(`JSON.parse alone:              ${perSecond(p)} events/s`)
console.log(`JSON.parse + io-ts decode:     ${perSecond(o)} events/s (baseline)`)
console.log(`JSON.parse + compiled decode:  ${perSecond(d)} events/s`)
console.log(`io-ts decode: ${(o / p).toFixed(2)}× JSON.parse`)
console.log(`compiled decode: ${(o / d).toFixed(2)}× faster than io-ts decode`)
// Each round's own ratio, so the spread a shared machine causes is visible next to the median.
const perRound = decodeNs.map((ns, i) => (ns / parseNs[i]!).toFixed(2)).join(', ')
console.log(`decode per round: ${perRound}× JSON.parse`)
console.log(`decode: ${(d / p).toFixed(2)}× JSON.parse (target ≤ 1.5×)`)
