/**
 * A readback reads the presence of every line (in bulk batches) and every session it knows, one
 * request each. With the platform's real round trips (the emulator's REST latency) those reads
 * overlap; they must stay within what the
 * gateway advertises as `maxActiveRequests` (docs/platform.md#connection-limits), so a resync after
 * an outage on a large board never bursts. Counted by the real SDK's own request events.
 */
import { describe, expect, it } from 'vitest'
import { DEFAULT_WSG_SETTINGS } from '../../../../src/emulator/platform/wsg/types'
import { systemClock } from '../../../../src/main/core/ports'
import { buildReadback } from '../../../../src/main/core/sync/resync'
import { startCallRig } from '../calls/rig'

describe('readback concurrency', () => {
  it('never has more requests in flight than the advertised maxActiveRequests', async () => {
    const rig = await startCallRig()
    const e = rig.emu
    const extensions = e.platform.directory.extensions().map((x) => x.id)
    expect(extensions.length).toBeGreaterThan(DEFAULT_WSG_SETTINGS.maxActiveRequests)
    e.platform.control.restLatency(100)
    const client = rig.sdk.client()
    let inFlight = 0
    let peak = 0
    let reads = 0
    client.on(client.events.beforeRequest, () => {
      inFlight += 1
      reads += 1
      peak = Math.max(peak, inFlight)
    })
    const done = (): void => {
      inFlight -= 1
    }
    client.on(client.events.requestSuccess, done)
    client.on(client.events.requestError, done)

    // Sessions the state still knows after an outage, ended since: each is one read (a 404), so
    // there are more reads than the gateway lets run at once.
    const knownSessions = Array.from({ length: 40 }, (_, i) => `s-ended-after-outage-${i}`)
    const { readback, problems } = await buildReadback(
      { platform: rig.platform, clock: systemClock },
      { ownerId: e.agentExtensionId, extensions, knownSessions }
    )

    expect(problems).toEqual([])
    expect(readback?.presence).toHaveLength(extensions.length)
    expect(reads).toBeGreaterThan(knownSessions.length)
    expect(peak).toBeGreaterThanOrEqual(2)
    expect(peak).toBeLessThanOrEqual(DEFAULT_WSG_SETTINGS.maxActiveRequests)
    e.platform.control.restLatency(0)
  }, 30_000)
})
