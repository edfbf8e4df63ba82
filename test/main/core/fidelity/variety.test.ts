/**
 * The core against the emulator's variety (docs/emulator.md "Variety"): for each oddity of real
 * bodies, the emulator sends it on every body it applies to (rate 1, the other kinds 0) while the
 * smoke scenario plays, and the core's views must match the emulator's truth, exactly as without
 * it. A last test plays the same scenario with no variety and with all of it and compares the
 * core's views, which must not depend on how the platform spelled the bodies.
 */
import { describe, expect, it } from 'vitest'
import { VARIETY_KINDS, type VarietyKind } from '../../../../src/emulator/callcentre/variety'
import type { EmulatorOptions } from '../../../../src/emulator'
import { coreViews, startCoreRig, truthViews, waitFor, type CoreRig } from '../integration/rig'

const only = (kind: VarietyKind): EmulatorOptions['variety'] =>
  Object.fromEntries(VARIETY_KINDS.map((k) => [k, k === kind ? 1 : 0]))

const same = (rig: CoreRig): boolean =>
  JSON.stringify(coreViews(rig.core)) === JSON.stringify(truthViews(rig.emulator()))

/** The smoke scenario on the board: a parked call, a held one and two ringing lines. */
async function smoke(variety: EmulatorOptions['variety']): Promise<CoreRig> {
  const rig = await startCoreRig({ scenario: 'smoke', traffic: false, variety })
  await rig.core.signInDemo()
  await waitFor(() => rig.core.status().connection.status === 'live', 'a live connection')
  await waitFor(
    () =>
      rig.core.snapshot().parkedCalls.length === 1 &&
      rig.core.snapshot().heldCalls.length === 1 &&
      rig.core.snapshot().ringingLines.length === 2,
    'the smoke scenario on the board',
    10_000
  )
  await waitFor(() => same(rig), 'the views to match the truth')
  return rig
}

describe('the core with the emulator variety', () => {
  it.each(VARIETY_KINDS.map((k) => [k]))(
    '%s: the views match the truth',
    async (kind) => {
      const rig = await smoke(only(kind))
      expect(coreViews(rig.core)).toEqual(truthViews(rig.emulator()))
      const s = rig.core.snapshot()
      const text = JSON.stringify(s)
      // Timestamps are normalised to UTC `Z`; ids are strings; "-" is never shown as a number.
      expect(text).not.toContain('+0000')
      expect(text).not.toMatch(/"number":"-"/)
      for (const r of s.ringingLines) expect(typeof r.telephonySessionId).toBe('string')
      if (kind === 'sequenceGaps') {
        // A hole in a presence sequence is not an error: it only asks for the readback.
        await waitFor(() => rig.core.status().resync.reason === 'gap', 'a readback for the gap')
        await waitFor(() => !rig.core.status().resync.running, 'the readback done')
        await waitFor(() => same(rig), 'the views after the readback')
      }
    },
    30_000
  )

  it('an outbound ringing call whose presence id is the Call-ID is the same call', async () => {
    const rig = await startCoreRig({ traffic: false, variety: only('outboundRingingCallId') })
    await rig.core.signInDemo()
    await waitFor(() => rig.core.status().connection.status === 'live', 'a live connection')
    const e = rig.emulator()
    const [a, b] = e.engine.lines(e.agentExtensionId)
    const out = e.engine.directCall(a!, b!)
    if (!out.ok) throw new Error(out.error.message)
    const sid = out.value.telephonySessionId
    await waitFor(
      () => rig.core.snapshot().ringingLines.some((r) => r.telephonySessionId === sid),
      'the ringing line'
    )
    await waitFor(() => same(rig), 'the views to match the truth')
    const ringing = rig.core.snapshot().ringingLines
    const forCall = ringing.filter((r) => r.telephonySessionId === sid)
    // Both lines show the call (presence says Ringing on each, as the truth does), each once,
    // matched to the session by its id, not listed again under the caller's Call-ID.
    expect(forCall.map((r) => r.extensionId).sort()).toEqual([a!, b!].sort())
    const callId = e.engine.parties(sid).find((p) => p.extensionId === a)!.dialog.callId
    expect(JSON.stringify(ringing)).not.toContain(`"id":"${a!}:${callId}"`)
    expect(ringing.filter((r) => r.extensionId === a)).toHaveLength(1)
  }, 30_000)

  it('the same scenario gives the same views with and without the variety', async () => {
    const tidy = await smoke(0)
    const tidyViews = coreViews(tidy.core)
    const odd = await smoke(1)
    expect(coreViews(odd.core)).toEqual(tidyViews)
    const half = await smoke(0.5)
    expect(coreViews(half.core)).toEqual(tidyViews)
  }, 60_000)
})
