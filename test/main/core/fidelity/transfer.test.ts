/**
 * Blind transfer as the platform reports it (docs/platform.md#blind-transfer): the transferring
 * party ends `Disconnected`/`BlindTransfer` without `peerId`, a new leg rings on the target, and a
 * leg dialled out to an external number is `Inbound`. Every leg starts at `Setup`. The core, fed
 * by the strict emulator, moves the call off the transferring line and onto the target's.
 */
import { describe, expect, it } from 'vitest'
import { coreViews, startCoreRig, truthViews, waitFor } from '../integration/rig'

function ok<T>(out: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!out.ok) throw new Error(out.error.message)
  return out.value
}

describe('blind transfer', () => {
  it('moves a queue call from the transferring line to the target, queue name kept', async () => {
    const rig = await startCoreRig({ traffic: false })
    await rig.core.signInDemo()
    await waitFor(() => rig.core.status().connection.status === 'live', 'a live connection')
    const e = rig.emulator()
    const [from, to] = e.engine.lines(e.agentExtensionId)
    const sid = ok(
      e.engine.inboundCall({ caller: { phoneNumber: '+14155550177' }, ring: [from!] })
    ).telephonySessionId
    const leg = e.engine.parties(sid).find((p) => p.extensionId === from)!
    ok(e.engine.answer(leg.id))
    const returned = ok(e.engine.transfer(leg.id, { kind: 'extension', extensionId: to! }))
    expect(returned.id).toBe(leg.id)
    const ringingOn = (ext: string): boolean =>
      rig.core
        .snapshot()
        .ringingLines.some((r) => r.extensionId === ext && r.telephonySessionId === sid)
    await waitFor(() => ringingOn(to!), 'the call ringing on the target')
    const party = (): { status: string | null; reason: string | null } | undefined =>
      rig.core
        .snapshot()
        .accountSessions.find((s) => s.id === sid)
        ?.parties.find((p) => p.id === leg.id)
    await waitFor(() => party()?.status === 'Disconnected', 'the transferring party ended')
    expect(party()).toMatchObject({ status: 'Disconnected', reason: 'BlindTransfer' })
    expect(
      rig.core.snapshot().ringingLines.find((r) => r.telephonySessionId === sid)
    ).toMatchObject({ extensionId: to, queueName: 'Support Queue' })
    const onFrom = rig.core.snapshot().lines.find((l) => l.id === from)
    expect(onFrom?.activeCalls).toBe(0)
    await waitFor(
      () => JSON.stringify(coreViews(rig.core)) === JSON.stringify(truthViews(e)),
      'the board to match the truth'
    )
  }, 20_000)

  it('an external transfer target is an Inbound leg without extension, and the agent’s line frees', async () => {
    const rig = await startCoreRig({ traffic: false })
    await rig.core.signInDemo()
    await waitFor(() => rig.core.status().connection.status === 'live', 'a live connection')
    const e = rig.emulator()
    const [line] = e.engine.lines(e.agentExtensionId)
    const sid = ok(
      e.engine.inboundCall({ caller: { phoneNumber: '+14155550178' }, ring: [line!] })
    ).telephonySessionId
    const leg = e.engine.parties(sid).find((p) => p.extensionId === line)!
    ok(e.engine.answer(leg.id))
    ok(e.engine.transfer(leg.id, { kind: 'phone', phoneNumber: '+442071234567' }))
    const session = ():
      ReturnType<typeof rig.core.snapshot>['accountSessions'][number] | undefined =>
      rig.core.snapshot().accountSessions.find((s) => s.id === sid)
    await waitFor(
      () => session()?.parties.some((p) => p.to.number === '+442071234567') === true,
      'the external leg'
    )
    const external = session()!.parties.find((p) => p.to.number === '+442071234567')!
    expect(external).toMatchObject({ direction: 'Inbound', extensionId: null })
    await waitFor(
      () => rig.core.snapshot().lines.find((l) => l.id === line)?.activeCalls === 0,
      'the agent’s line free'
    )
  }, 20_000)
})
