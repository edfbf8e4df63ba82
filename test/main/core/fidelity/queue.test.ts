/**
 * The queue's name as the platform really gives it: the agent leg's `to` is the agent, no
 * `uiCallInfo` anywhere, the queue is its own party (docs/platform.md#queue-calls). The core names
 * the queue from that party and the directory, on the board and in the Sessions view, and keeps it
 * across a REST resync.
 */
import { describe, expect, it } from 'vitest'
import { startCoreRig, waitFor, type CoreRig } from '../integration/rig'

const QUEUE = 'Support Queue'

async function ringQueueCall(rig: CoreRig): Promise<{ sid: string; agents: string[] }> {
  const e = rig.emulator()
  const agents = e.engine.lines(e.agentExtensionId).slice(0, 2)
  const out = e.engine.inboundCall({
    caller: { name: 'Ines Queue', phoneNumber: '+14155550199' },
    ring: agents
  })
  if (!out.ok) throw new Error(out.error.message)
  return { sid: out.value.telephonySessionId, agents }
}

describe('queue name from the queue party', () => {
  it('shows the queue, not the agent, on the ringing lines, the calls and the Sessions view, before and after a resync', async () => {
    const rig = await startCoreRig({ traffic: false })
    await rig.core.signInDemo()
    await waitFor(() => rig.core.status().connection.status === 'live', 'a live connection')
    const e = rig.emulator()
    const { sid, agents } = await ringQueueCall(rig)
    // The emulator is as strict as the platform: the agent legs name the agent, no uiCallInfo.
    const agentLeg = e.engine.parties(sid).find((p) => p.extensionId === agents[0])!
    expect(agentLeg.to.extensionId).toBe(agents[0])
    await waitFor(
      () =>
        rig.core.snapshot().ringingLines.filter((r) => r.telephonySessionId === sid).length === 2,
      'both ringing lines'
    )
    const ringing = rig.core.snapshot().ringingLines.filter((r) => r.telephonySessionId === sid)
    expect(ringing.map((r) => r.queueName)).toEqual([QUEUE, QUEUE])
    const session = ():
      ReturnType<CoreRig['core']['snapshot']>['accountSessions'][number] | undefined =>
      rig.core.snapshot().accountSessions.find((s) => s.id === sid)
    await waitFor(() => (session()?.parties.length ?? 0) === 4, 'the four parties')
    const column = (): Array<string | null> => session()!.parties.map((p) => p.queueName)
    const before = column()
    // The caller's leg is not one the queue delivered; the queue's own leg and both agents are.
    expect(before.filter((q) => q === QUEUE)).toHaveLength(3)
    expect(before.filter((q) => q === null)).toHaveLength(1)

    await rig.core.resync('gap')
    await waitFor(() => rig.core.status().resync.reason === 'gap', 'the resync')
    expect(column()).toEqual(before)
    expect(
      rig.core
        .snapshot()
        .ringingLines.filter((r) => r.telephonySessionId === sid)
        .map((r) => r.queueName)
    ).toEqual([QUEUE, QUEUE])
  }, 30_000)
})
