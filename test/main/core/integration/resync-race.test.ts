/**
 * A resync reads the platform over several REST round trips while notifications keep arriving.
 * Whatever changed during those round trips must survive the snapshot: the REST replies were read
 * before those events, so letting them win would drop a call that is ringing right now (a new
 * session would even be tombstoned as "ended while we were away" and ignored for good).
 */
import { describe, expect, it } from 'vitest'
import { coreViews, signInLive, startCoreRig, truthViews, waitFor } from './rig'

const CALLER = { name: 'Mid Resync', phoneNumber: '+14155550999' }

describe('a resync that overlaps live notifications', () => {
  it('keeps the calls and presence changes that arrived while the REST replies were on their way', async () => {
    const rig = await startCoreRig({ traffic: false })
    await signInLive(rig)
    const e = rig.emulator()
    const [line1, line2] = e.engine.lines(e.agentExtensionId)
    e.platform.control.restLatency(300)
    const resync = rig.core.resync('safety-poll')
    // The REST handlers have read the state; the call starts while their replies are in flight.
    await new Promise((r) => setTimeout(r, 100))
    const call = e.engine.inboundCall({ caller: CALLER, ring: [line1!, line2!] })
    expect(call.ok).toBe(true)
    await waitFor(
      () => rig.core.snapshot().ringingLines.some((r) => r.caller.name === CALLER.name),
      'the ringing call from the socket'
    )
    await resync
    expect(rig.core.status().resync.at).not.toBeNull()
    const s = rig.core.snapshot()
    expect(s.ringingLines.filter((r) => r.caller.name === CALLER.name)).toHaveLength(2)
    expect(coreViews(rig.core)).toEqual(truthViews(e))
    // And the call is still tracked: its answer, which comes later, still reaches the board.
    const leg = e.engine
      .parties(call.ok ? call.value.telephonySessionId : '')
      .find((p) => p.extensionId === line1 && p.status.code === 'Proceeding')!
    e.platform.control.restLatency(0)
    e.engine.answer(leg.id)
    await waitFor(
      () => JSON.stringify(coreViews(rig.core)) === JSON.stringify(truthViews(e)),
      'the answer to reach the board'
    )
    expect(rig.core.snapshot().ringingLines.some((r) => r.caller.name === CALLER.name)).toBe(false)
  }, 20_000)
})
