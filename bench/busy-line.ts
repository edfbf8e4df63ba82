/**
 * bench:core's busy line: one monitored line holding `calls` ringing calls, and a steady stream on
 * it (a new call rings, the oldest ends, the line's presence lists the latest 7), each event
 * published at once. Its CPU per event shows what the line's size costs the views
 * (docs/architecture.md#views-that-cost-what-changed): the incremental views against the whole
 * derivation, and a line of 150 calls against one of 10.
 */
import { createStore, type Action } from '../src/main/core/state'
import {
  activeCall,
  DIRECTORY,
  notify,
  presence,
  telephony
} from '../test/main/core/state/builders'

const LINE = '201'
const sessionOf = (k: number): string => `s-${(k * 7919) % 100_003}-${k}`

/** The actions of step `i`: call `i` rings, call `i - calls` ends, the line's presence follows. */
function stepActions(i: number, calls: number, seq: number): Action[] {
  const s = sessionOf(i)
  const out = [notify(telephony(s, 1, [{ id: `${s}-1`, ext: LINE, code: 'Proceeding' }]))]
  if (i >= calls) {
    const old = sessionOf(i - calls)
    out.push(notify(telephony(old, 2, [{ id: `${old}-1`, ext: LINE, code: 'Disconnected' }])))
  }
  const listed = []
  for (let k = Math.max(i - calls + 1, i - 6); k <= i; k++) {
    listed.push(
      activeCall({ session: sessionOf(k), party: `${sessionOf(k)}-1`, status: 'Ringing' })
    )
  }
  const body = { telephonyStatus: 'Ringing', activeCalls: listed, totalActiveCalls: calls }
  out.push(notify(presence(LINE, seq, body)))
  return out
}

/** CPU µs per published event on a line of `calls` ringing calls (decode done beforehand). */
export function busyLine(views: 'incremental' | 'whole', calls: number, steps: number): number {
  const store = createStore({ views })
  store.dispatch({ type: 'directory', directory: DIRECTORY })
  let seq = 0
  // Filled to its size, and a little more so that calls also end.
  for (let i = 0; i < calls + 50; i++)
    for (const a of stepActions(i, calls, ++seq)) store.dispatch(a)
  const timed: Action[] = []
  for (let i = calls + 50; i < calls + 50 + steps; i++) timed.push(...stepActions(i, calls, ++seq))
  const before = process.cpuUsage()
  for (const a of timed) store.dispatch(a)
  const used = process.cpuUsage(before)
  const ringing = store.getSnapshot().ringingLines.length
  if (ringing !== calls)
    throw new Error(`the busy line shows ${ringing} ringing calls, not ${calls}`)
  return (used.user + used.system) / timed.length
}
