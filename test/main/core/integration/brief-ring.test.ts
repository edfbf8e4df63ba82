/**
 * A call that rings and stops at once (the caller hangs up as it rings) must still be published:
 * the core publishes once per I/O turn, and both notifications of such a call can be read in one
 * turn, so without publishing at the start of the ring it would be in no view at all: no patch,
 * no pop-up, nothing for the screen (pipeline/publish.ts `startedRinging`).
 */
import { describe, expect, it } from 'vitest'
import type { StatePatch } from '../../../../src/shared/state/patches'
import { startCoreRig, waitFor } from './rig'

describe('a call that rings and stops in one turn', () => {
  it('is published ringing, then gone, and its ring is a semantic event', async () => {
    const rig = await startCoreRig({ traffic: false })
    await rig.core.signInDemo()
    await waitFor(() => rig.core.status().connection.status === 'live', 'a live connection')
    await waitFor(() => rig.core.status().resync.at !== null, 'the first resync')
    const e = rig.emulator()
    const lines = e.engine
      .lines(e.agentExtensionId)
      .filter((id) => e.cast.findExtension(id)?.type === 'User')
    const patches: StatePatch[] = []
    rig.core.subscribe((p) => patches.push(...p))
    const rang = new Set<string>()
    rig.core.onEvent((ev) => {
      if (ev.type === 'line-ringing' && ev.call.telephonySessionId)
        rang.add(ev.call.telephonySessionId)
    })
    // Rung and ended in the same tick: the emulator writes both frames back to back.
    const ids: string[] = []
    for (let i = 0; i < 5; i++) {
      const call = e.engine.inboundCall({
        caller: { name: `Brief ${i}`, phoneNumber: `+1415555010${i}` },
        ring: [lines[i % lines.length]!]
      })
      if (!call.ok) throw new Error('the emulator did not ring')
      ids.push(call.value.telephonySessionId)
      e.engine.endSession(call.value.telephonySessionId, true)
    }
    const ringingUpserts = (): Set<string> =>
      new Set(
        patches.flatMap((p) =>
          p.view === 'ringingLines' && p.op === 'upsert' && p.item.telephonySessionId
            ? [p.item.telephonySessionId]
            : []
        )
      )
    await waitFor(
      () => ids.every((id) => ringingUpserts().has(id)),
      'every brief call published ringing'
    )
    await waitFor(() => rig.core.snapshot().ringingLines.length === 0, 'every brief call gone')
    expect([...rang].filter((id) => ids.includes(id)).sort()).toEqual([...ids].sort())
    expect(e.engine.activeSessions()).toEqual([])
  }, 20_000)
})
