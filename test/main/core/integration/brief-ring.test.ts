/**
 * A call that rings and stops at once (the caller hangs up as it rings) must still be published:
 * the core publishes once per I/O turn, and both notifications of such a call can be read in one
 * turn, so without publishing at the start of the ring it would be in no view at all: no patch,
 * no pop-up, nothing for the screen (pipeline/publish.ts `startedRinging`).
 */
import { describe, expect, it } from 'vitest'
import type { StatePatch } from '../../../../src/shared/state/patches'
import { signInLive, startCoreRig, waitFor } from './rig'

describe('a call that rings and stops in one turn', () => {
  it('is published ringing, then gone, and its ring is a semantic event', async () => {
    const rig = await startCoreRig({ traffic: false })
    await signInLive(rig)
    const e = rig.emulator()
    const lines = e.engine.userLines(e.agentExtensionId)
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

describe('a second call that rings and stops in one turn on a line that already rings', () => {
  // Without the account's telephony sessions a monitored line's calls come only from its detailed
  // presence, whose `telephonyStatus` stays Ringing while the first call rings: the second call's
  // ring is only a new entry in `activeCalls`, and its end the next presence event of the line.
  // Delivery is held while it rings and stops, then flushed: one socket read, as after a recovery
  // (the WSG buffers what it could not deliver) or when the core is behind its socket.
  it('is published ringing, then gone', async () => {
    const rig = await startCoreRig(
      { traffic: false },
      { subscription: { accountPresence: false, accountSessions: { enabled: false } } }
    )
    await signInLive(rig)
    const e = rig.emulator()
    const lines = e.engine.userLines(e.agentExtensionId)
      .slice(0, 3)
    const patches: StatePatch[] = []
    rig.core.subscribe((p) => patches.push(...p))
    const upserted = (id: string): boolean =>
      patches.some(
        (p) => p.view === 'ringingLines' && p.op === 'upsert' && p.item.telephonySessionId === id
      )
    const ring = (i: number, line: string): string => {
      const call = e.engine.inboundCall({
        caller: { name: `Second ${i}`, phoneNumber: `+1415555020${i}` },
        ring: [line]
      })
      if (!call.ok) throw new Error('the emulator did not ring')
      return call.value.telephonySessionId
    }
    const ringsOn = (line: string, id: string): boolean =>
      e.engine
        .presence(line)
        ?.calls.some(
          (c) => c.party.telephonySessionId === id && c.telephonyStatus === 'Ringing'
        ) === true
    const firsts = lines.map((line, i) => ring(i, line))
    await waitFor(() => firsts.every(upserted), 'the first calls published ringing')
    e.control.pauseDelivery()
    const seconds = lines.map((line, i) => ring(i + 3, line))
    // By the emulator's truth each rang on its line, which still rang with the first call.
    await waitFor(() => lines.every((line, i) => ringsOn(line, seconds[i]!)), 'the seconds ring')
    for (const id of seconds) e.engine.endSession(id, true)
    const live = (id: string): boolean =>
      e.engine.activeSessions().some((s) => s.telephonySessionId === id)
    await waitFor(() => !seconds.some(live), 'the seconds ended')
    expect(firsts.every(live)).toBe(true)
    const received = rig.core.diagnostics.counters().total
    const held = e.control.resumeDelivery()
    expect(held).toBeGreaterThan(0)
    await waitFor(
      () => rig.core.diagnostics.counters().total >= received + held,
      'the held notifications received'
    )
    expect(
      rig.core
        .snapshot()
        .ringingLines.map((r) => r.telephonySessionId)
        .sort()
    ).toEqual([...firsts].sort())
    expect(seconds.filter((id) => !upserted(id))).toEqual([])
    for (const id of firsts) e.engine.endSession(id, true)
    await waitFor(() => rig.core.snapshot().ringingLines.length === 0, 'every call gone')
  }, 20_000)
})
