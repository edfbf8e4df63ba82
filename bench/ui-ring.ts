/**
 * bench:ui's emission loop (docs/performance.md): rings the agent's monitored people lines at a
 * rate, in the process that holds the emulator (the bench's own, or the child of
 * ui-emulator-child.ts). Each call's emission time is taken just before `inboundCall`, with
 * `Date.now()`, which both processes share.
 */
import type { Emulator } from '../src/emulator'

/** One round: `count` calls at `rate`/s; with `ringMs`, each call ends that long after it rang. */
export interface RingRound {
  readonly rate: number
  readonly count: number
  /** The caller hangs up this many ms after the call rang (the short-calls round); else it rings on. */
  readonly ringMs?: number
}

/** `ringing-<telephony session>` → when it was emitted, in emission order. */
export type Emitted = ReadonlyArray<readonly [string, number]>

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))
/** Lets pending I/O (sockets) run before the next emission. */
const yieldToIo = (): Promise<void> => new Promise((r) => setImmediate(r))

export async function ringRound(e: Emulator, round: RingRound): Promise<Emitted> {
  const lines = e.engine.userLines(e.agentExtensionId)
  const emitted: Array<readonly [string, number]> = []
  const hangUps: Array<Promise<void>> = []
  const interval = 1000 / round.rate
  const start = Date.now()
  for (let i = 0; i < round.count; i++) {
    const wait = start + i * interval - Date.now()
    // Always yield: a loop that is behind schedule and never awaits would keep whatever shares
    // its process from reading a socket until the whole burst was emitted (docs/performance.md).
    if (wait > 1) await sleep(wait)
    else await yieldToIo()
    const at = Date.now()
    const out = e.engine.inboundCall({
      caller: { name: `Bench Caller ${i}`, phoneNumber: `+1415555${String(1000 + (i % 9000))}` },
      ring: [lines[i % lines.length]!]
    })
    if (!out.ok) continue
    const id = out.value.telephonySessionId
    emitted.push([`ringing-${id}`, at])
    if (round.ringMs !== undefined) hangUps.push(hangUpAfter(e, id, round.ringMs))
  }
  await Promise.all(hangUps)
  return emitted
}

function hangUpAfter(e: Emulator, id: string, ms: number): Promise<void> {
  const end = (): void => void e.engine.endSession(id, true)
  if (ms <= 0) {
    end()
    return Promise.resolve()
  }
  return sleep(ms).then(end)
}

/** Ends every call, so the next round starts from an idle board. */
export function endAll(e: Emulator): void {
  for (const s of e.engine.activeSessions()) e.engine.endSession(s.telephonySessionId, true)
}

/**
 * Makes the agent monitor `count` of their colleagues' lines. The cast gives an agent 6 to 8;
 * ringing 1,000 calls on those piles about 150 ringing calls on each person's line, which no phone
 * does, and makes every event cost what a line with 150 calls costs (its presence lists them all).
 * Spread over a floor supervisor's board of 100 lines, each line holds about ten.
 */
export function monitorPeople(e: Emulator, count: number): number {
  const people = e.cast
    .extensions()
    .filter((x) => x.type === 'User' && x.id !== e.agentExtensionId)
    .slice(0, count)
    .map((x) => x.id)
  const out = e.engine.setLines(e.agentExtensionId, people)
  if (!out.ok) throw new Error(`the bench could not set ${count} monitored lines`)
  return out.value.length
}
