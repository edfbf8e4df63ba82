/**
 * `npm run bench:decode`: events per second for JSON.parse alone and for JSON.parse + decode, on a
 * realistic mix of presence and telephony payloads (what a busy supervisor's socket carries), and the
 * ratio between them. Both are measured in the same run on the same texts, so the ratio does not
 * depend on the machine. The target is a decode overhead within 3× of JSON.parse alone.
 */
import { decodeNotification } from '../src/shared/events'
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
for (const text of texts) if (!decodeNotification(JSON.parse(text)).ok) invalid++
if (invalid > 0) throw new Error(`${invalid} generated notifications did not decode`)

const parseOnly = (text: string): unknown => JSON.parse(text)
const parseAndDecode = (text: string): unknown => decodeNotification(JSON.parse(text))

// Warm both paths up so the JIT has compiled them before anything is measured.
time(texts, parseOnly)
time(texts, parseAndDecode)

// Interleave the rounds so that a burst of background load affects both sides alike.
const parseNs: number[] = []
const decodeNs: number[] = []
for (let i = 0; i < ROUNDS; i++) {
  parseNs.push(time(texts, parseOnly))
  decodeNs.push(time(texts, parseAndDecode))
}
const perSecond = (ns: number): string => Math.round((COUNT * 1e9) / ns).toLocaleString('en-US')
const p = median(parseNs)
const d = median(decodeNs)

console.log(
  `notifications: ${COUNT} (${(bytes / COUNT).toFixed(0)} bytes on average), ${ROUNDS} rounds, median`
)
console.log(`JSON.parse alone:         ${perSecond(p)} events/s`)
console.log(`JSON.parse + decode:      ${perSecond(d)} events/s`)
console.log(`decode overhead: ${(d / p).toFixed(2)}× JSON.parse`)
