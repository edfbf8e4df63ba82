/**
 * A monitored colleague who hides their presence, against the strict emulator through the whole
 * core (real SDK, real subscriptions client): the readback's batch marks the line hidden with the
 * platform's reason, never a status; once the colleague shares it again, their next presence
 * event brings the line back (docs/platform.md#hidden-presence).
 */
import { describe, expect, it } from 'vitest'
import type { LineItem } from '../../../../src/shared/state/view-types'
import { startCoreRig, waitFor } from '../integration/rig'

describe('a hidden colleague', () => {
  it('is "hidden" on the board after the readback, and visible again after they allow it', async () => {
    const rig = await startCoreRig({ traffic: false })
    await rig.core.signInDemo()
    await waitFor(() => rig.core.status().resync.at !== null, 'the first resync')
    const e = rig.emulator()
    const colleague = e.engine.lines(e.agentExtensionId)[0]!
    const line = (): LineItem | undefined =>
      rig.core.snapshot().lines.find((l) => l.id === colleague)
    await waitFor(() => line()?.hasPresence === true, 'the line with its presence')
    const set = e.engine.setPresence(colleague, { allowSeeMyPresence: false })
    expect(set.ok).toBe(true)
    // No event says it (the platform sends none about a hidden user): the next readback does.
    await rig.core.resync('safety-poll')
    await waitFor(() => line()?.status === 'hidden', 'the line marked hidden')
    expect(line()).toMatchObject({
      status: 'hidden',
      statusDetail: `CMN-408: Extension [${colleague}] does not allow to see its presence`
    })
    const allowed = e.engine.setPresence(colleague, { allowSeeMyPresence: true })
    expect(allowed.ok).toBe(true)
    await waitFor(() => line()?.status !== 'hidden', 'the line visible again')
    expect(line()?.statusDetail).toBeNull()
    expect(['available', 'busy', 'offline', 'dnd']).toContain(line()?.status)
  }, 30_000)
})
