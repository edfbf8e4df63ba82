/**
 * `…/presence/line` as lines, not extensions (docs/platform.md#line-records): the first two lines
 * are the agent's own, line ids are not extension ids, the extension is `extension.id`. The core
 * reads and writes them that way against the strict emulator, and never shows the agent's own
 * extension as a colleague on the board.
 */
import { describe, expect, it } from 'vitest'
import { startCoreRig, waitFor } from '../integration/rig'

describe('monitored lines as the platform lists them', () => {
  it('boards the monitored extensions without the agent, and replaces them by extension id', async () => {
    const rig = await startCoreRig({ traffic: false })
    await rig.core.signInDemo()
    await waitFor(() => rig.core.status().connection.status === 'live', 'a live connection')
    const e = rig.emulator()
    const agent = e.agentExtensionId
    const monitored = (): string[] =>
      rig.core
        .snapshot()
        .lines.filter((l) => l.monitored)
        .map((l) => l.id)
    await waitFor(() => monitored().length > 0, 'the monitored lines')
    expect(monitored()).toEqual([...e.engine.lines(agent)])
    expect(rig.core.snapshot().lines.map((l) => l.id)).not.toContain(agent)

    const next = [...e.engine.lines(agent)].reverse().slice(0, 3)
    await rig.core.setMonitoredLines(next)
    expect(e.engine.lines(agent)).toEqual(next)
    // The list-change event names the agent's own lines too; the board leaves them off.
    await waitFor(() => monitored().join() === next.join(), 'the new list on the board')
    expect(rig.core.snapshot().lines.map((l) => l.id)).not.toContain(agent)
  }, 20_000)
})
