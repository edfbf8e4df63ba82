/**
 * A 429 from the emulator's rate limiter is waited out, as long as it asks, by a resync read and by
 * the monitored-lines PUT, and the wait reaches the core's status ("rate-limited, retrying in N s").
 * The limit is lifted as soon as the 429 is reported; the emulator's penalty still refuses any
 * request sent before the wait is over, so a retry that came too early would fail the test.
 */
import { describe, expect, it } from 'vitest'
import { systemClock } from '../../../../src/main/core/ports'
import { buildReadback } from '../../../../src/main/core/sync/resync'
import { startCallRig } from '../calls/rig'
import { startCoreRig, waitFor } from './rig'

describe('rate limits against the emulator', () => {
  it('a resync read waits out a 429 and builds its readback', async () => {
    const rig = await startCallRig()
    const agent = rig.emu.agentExtensionId
    rig.emu.control.setRateLimits({ limits: { light: 0 }, penaltySeconds: 1 })
    const waits: number[] = []
    const started = Date.now()

    const { readback, problems } = await buildReadback(
      {
        platform: rig.platform,
        clock: systemClock,
        onRateLimited: (ms) => {
          waits.push(ms)
          rig.emu.control.setRateLimits({ limits: { light: 10_000 } })
        }
      },
      { ownerId: agent, extensions: [], knownSessions: [] }
    )

    expect(problems).toEqual([])
    expect(waits).toEqual([1_000])
    expect(Date.now() - started).toBeGreaterThanOrEqual(950)
    expect(readback?.presence.map((p) => p.extensionId)).toEqual([agent])
    expect(rig.sent(`/extension/${agent}/presence`)).toBe(2)
  })

  it('the monitored-lines PUT waits out a 429, and the core shows the wait', async () => {
    const rig = await startCoreRig({ traffic: false })
    await rig.core.signInDemo()
    await waitFor(() => rig.core.status().resync.at !== null, 'the first resync')
    const e = rig.emulator()
    const agent = e.agentExtensionId
    const next = [...e.engine.lines(agent)].reverse().slice(0, 2)
    e.platform.control.setRateLimits({ limits: { medium: 0 }, penaltySeconds: 1 })
    const off = rig.core.onStatus((s) => {
      if (s.rateLimitedUntil !== null)
        e.platform.control.setRateLimits({ limits: { medium: 10_000 } })
    })
    const started = Date.now()

    await rig.core.setMonitoredLines(next)
    off()

    expect(Date.now() - started).toBeGreaterThanOrEqual(950)
    expect(rig.core.status().rateLimitedUntil).toBeGreaterThanOrEqual(started + 1_000)
    expect(e.engine.lines(agent)).toEqual(next)
  }, 20_000)
})
