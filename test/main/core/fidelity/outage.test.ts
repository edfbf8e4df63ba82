/**
 * What a resync can rediscover after an outage, against the strict emulator: REST presence has no
 * `sequence` (docs/platform.md#presence-sequence) and a park location's REST presence is Offline
 * only (docs/platform.md#presence-over-rest), so a call parked while the socket was down is found
 * through the account's active calls (docs/platform.md#parked-calls-after-an-outage).
 */
import { SDK } from '@ringcentral/sdk'
import { describe, expect, it } from 'vitest'
import type { Emulator } from '../../../../src/emulator'
import { MemoryStorage } from '../../../support/memory-storage'
import { startCoreRig, waitFor, type CoreRig } from '../integration/rig'

/**
 * Signs in, lets the core see one sequenced presence event of the first monitored line, then
 * cuts the socket for longer than the recovery window: what happens now is lost.
 */
async function outage(): Promise<{ rig: CoreRig; e: Emulator; reconnect: () => void }> {
  const clock = { offset: 0, now: (): number => Date.now() + clock.offset }
  const rig = await startCoreRig({ traffic: false, clock, wsg: { recoveryTimeout: 1 } })
  await rig.core.signInDemo()
  await waitFor(() => rig.core.status().connection.status === 'live', 'a live connection')
  await waitFor(() => rig.core.status().resync.at !== null, 'the first resync')
  const e = rig.emulator()
  const line = e.engine.lines(e.agentExtensionId)[0]!
  ok(e.engine.setPresence(line, { userStatus: 'Busy' }))
  const seen = (): boolean =>
    rig.core.snapshot().lines.find((l) => l.id === line)?.userStatus === 'Busy'
  await waitFor(seen, 'a presence event of the line')
  e.platform.control.pauseDelivery()
  e.platform.control.killSockets()
  clock.offset = 10_000
  return { rig, e, reconnect: () => e.platform.control.resumeDelivery() }
}

/** One REST read as another client of the emulator would make it: the real SDK, a JWT sign-in. */
async function restGet(e: Emulator, path: string): Promise<Record<string, unknown>> {
  const sdk = new SDK({
    server: e.url,
    clientId: e.clientId,
    clientSecret: e.clientSecret,
    localStorage: new MemoryStorage()
  })
  await sdk.platform().login({ jwt: e.jwt })
  try {
    return (await (await sdk.platform().get(path)).json()) as Record<string, unknown>
  } finally {
    await sdk
      .platform()
      .logout()
      .catch(() => undefined)
  }
}

function ok<T>(out: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!out.ok) throw new Error(out.error.message)
  return out.value
}

describe('a resync after an outage', () => {
  it('finds a call parked while the socket was down, through the active calls', async () => {
    const { rig, e, reconnect } = await outage()
    const agent = e.engine.lines(e.agentExtensionId)[0]!
    const session = ok(
      e.engine.inboundCall({ caller: { phoneNumber: '+14155550142' }, ring: [agent] })
    )
    const sid = session.telephonySessionId
    const leg = e.engine.parties(sid).find((p) => p.extensionId === agent)!
    ok(e.engine.answer(leg.id))
    ok(e.engine.park(leg.id))
    // The park location's REST presence cannot show it: the platform's shape, Offline only.
    const park = await restGet(
      e,
      `/restapi/v1.0/account/~/extension/${e.cast.parkLocation.id}/presence?detailedTelephonyState=true`
    )
    expect(park['presenceStatus']).toBe('Offline')
    expect(park).not.toHaveProperty('activeCalls')
    reconnect()
    await waitFor(() => rig.core.status().resync.reason === 'recovery-failed', 'the resync')
    await waitFor(
      () => rig.core.snapshot().parkedCalls.some((p) => p.telephonySessionId === sid),
      'the parked call on the board'
    )
    expect(rig.core.snapshot().parkedCalls.find((p) => p.telephonySessionId === sid)).toMatchObject(
      {
        partyId: leg.id,
        caller: { number: '+14155550142' }
      }
    )
    // Nothing links the parked call to the park location (docs/platform.md#parked-calls-after-an-outage):
    // its line says it does not know, never that it is idle.
    const location = rig.core.snapshot().lines.find((l) => l.id === e.cast.parkLocation.id)
    expect(location).toMatchObject({ status: 'unknown', telephonyStatus: null })
    expect(location?.statusDetail).toContain('A park location has no call list over REST')
  }, 30_000)

  it('orders events after a readback without REST sequences: newer ones apply, older ones do not', async () => {
    const { rig, e, reconnect } = await outage()
    const line = e.engine.lines(e.agentExtensionId)[0]!
    const before = e.engine.presence(line)!.sequence
    const rest = await restGet(
      e,
      `/restapi/v1.0/account/~/extension/${line}/presence?detailedTelephonyState=true&sipData=true`
    )
    expect(rest).not.toHaveProperty('sequence')
    const session = ok(
      e.engine.inboundCall({ caller: { phoneNumber: '+14155550143' }, ring: [line] })
    )
    reconnect()
    await waitFor(() => rig.core.status().resync.reason === 'recovery-failed', 'the resync')
    const ringing = (): boolean =>
      rig.core
        .snapshot()
        .ringingLines.some((r) => r.telephonySessionId === session.telephonySessionId)
    await waitFor(ringing, 'the ringing call from the readback')
    // A replay of an event older than the readback (a sequence below the ones seen) is stale.
    const sub = e.platform.control.subscriptions()[0]!
    e.platform.control.rawFrame(
      'all',
      JSON.stringify([
        { type: 'ServerNotification', messageId: 'm', status: 200, headers: {} },
        {
          uuid: `old-${before}`,
          event: `/restapi/v1.0/account/${e.accountId}/extension/${line}/presence?detailedTelephonyState=true&sipData=true`,
          timestamp: new Date().toISOString(),
          subscriptionId: sub.id,
          ownerId: e.agentExtensionId,
          body: { extensionId: line, sequence: before, telephonyStatus: 'NoCall', activeCalls: [] }
        }
      ])
    )
    await waitFor(
      () => rig.core.diagnostics.entries().some((x) => x.uuid === `old-${before}`),
      'the old event in the log'
    )
    expect(rig.core.diagnostics.entries().find((x) => x.uuid === `old-${before}`)?.outcome).toBe(
      'stale'
    )
    expect(ringing()).toBe(true)
    // A newer event applies: the caller hangs up, and the line stops ringing.
    ok(e.engine.endSession(session.telephonySessionId, true))
    await waitFor(() => !ringing(), 'the hang-up')
  }, 30_000)
})
