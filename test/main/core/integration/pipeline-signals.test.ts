/**
 * The pipeline's gap signal through the whole core: the pipeline is built with the core, the
 * account's runner only at sign-in, and a presence sequence hole that stays open must still reach
 * that runner as one resync with reason 'gap'.
 */
import { describe, expect, it } from 'vitest'
import type { CoreStatus } from '../../../../src/main/core/core'
import { DEFAULT_GAP_GRACE_MS } from '../../../../src/main/core/pipeline'
import { GAP_READBACK_SHARE } from '../../../../src/main/core/sync/readback-spacing'
import { signInLive, startCoreRig, waitFor, type CoreRig } from './rig'

/** A core signed in to the demo, live, after its first resync. */
async function liveRig(): Promise<CoreRig> {
  const rig = await startCoreRig({ traffic: false })
  await signInLive(rig)
  return rig
}

/** Sends the agent's presence notification with `seq` straight down the socket. */
function presenceWithSequence(rig: CoreRig, seq: number): void {
  const e = rig.emulator()
  const agent = e.agentExtensionId
  const sub = e.platform.control.subscriptions()[0]!
  e.platform.control.rawFrame(
    'all',
    JSON.stringify([
      { type: 'ServerNotification', messageId: 'm', status: 200, headers: {} },
      {
        uuid: `gap-${seq}-${Math.random()}`,
        event: `/restapi/v1.0/account/${e.accountId}/extension/${agent}/presence?detailedTelephonyState=true&sipData=true`,
        timestamp: new Date().toISOString(),
        subscriptionId: sub.id,
        ownerId: agent,
        body: { extensionId: agent, sequence: seq }
      }
    ])
  )
}

describe('the gap signal through the core', () => {
  it('reaches the runner created at sign-in as exactly one resync', async () => {
    const rig = await liveRig()
    const gapResyncs: CoreStatus['resync'][] = []
    rig.core.onStatus((s) => {
      const last = gapResyncs.at(-1)
      if (s.resync.reason === 'gap' && s.resync !== last) gapResyncs.push(s.resync)
    })
    const e = rig.emulator()
    const sequence = e.engine.presence(e.agentExtensionId)!.sequence
    // The first sighting after the resync sets the mark; then two notifications go missing.
    presenceWithSequence(rig, sequence + 1)
    presenceWithSequence(rig, sequence + 4)
    await waitFor(
      () => gapResyncs.some((r) => !r.running && r.at !== null),
      'the gap resync',
      DEFAULT_GAP_GRACE_MS + 5_000
    )
    // The hole stays open, yet the signal does not repeat: counting starts afresh after it.
    await new Promise((r) => setTimeout(r, DEFAULT_GAP_GRACE_MS + 500))
    expect(gapResyncs.filter((r) => r.running)).toHaveLength(1)
    expect(rig.core.status().resync).toMatchObject({ running: false, reason: 'gap' })
  }, 20_000)

  it("spaces a second hole's readback after the first by the first one's cost", async () => {
    const rig = await liveRig()
    const e = rig.emulator()
    const hole = (seq: number): void => {
      presenceWithSequence(rig, seq)
      presenceWithSequence(rig, seq + 3)
    }
    // When each gap readback started and ended, as the status reports them.
    const runs: Array<{ start: number; end?: number }> = []
    rig.core.onStatus((s) => {
      if (s.resync.reason !== 'gap') return
      const last = runs.at(-1)
      if (s.resync.running && (last === undefined || last.end !== undefined))
        runs.push({ start: Date.now() })
      else if (!s.resync.running && last !== undefined && last.end === undefined)
        last.end = Date.now()
    })
    // Slow REST, as a big account's readback is: the first gap readback takes a while.
    e.platform.control.restLatency(250)
    const base = e.engine.presence(e.agentExtensionId)!.sequence
    hole(base + 1)
    await waitFor(() => runs[0]?.end !== undefined, 'the first gap readback', 20_000)
    const first = runs[0]!
    const took = first.end! - first.start
    const spacing = took * (1 / GAP_READBACK_SHARE - 1)
    // The spacing must outlast the grace a hole gets anyway, or this test would prove nothing.
    expect(spacing).toBeGreaterThan(DEFAULT_GAP_GRACE_MS)
    // A new hole right away (sequences start afresh after a readback).
    hole(base + 100)
    await waitFor(() => runs[1] !== undefined, 'the second gap readback', spacing + 15_000)
    // Measured by the status events, a few ms from the runner's own clock: 5 % of leeway.
    expect(runs[1]!.start - first.end!).toBeGreaterThanOrEqual(0.95 * spacing)
    e.platform.control.restLatency(0)
  }, 60_000)
})
