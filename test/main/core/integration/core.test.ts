import { describe, expect, it } from 'vitest'
import { coreViews, type CoreRig, startCoreRig, truthViews, waitFor } from './rig'

const live = (r: CoreRig): boolean => r.core.status().connection.status === 'live'

/**
 * The smoke scenario is on the board: the parked call, the lines, and the end of the first REST
 * resync. The monitored lines come from the directory, read beside that resync: under load the
 * parked call (which needs no directory) can be on the board before them. The calls that rang
 * before the subscription was live (Dana's) come only from the resync, while the hold and the park
 * can arrive as notifications before it ends; reading the board before it ends reads it half built.
 */
async function smokeOnBoard(r: CoreRig): Promise<void> {
  await waitFor(
    () => {
      const { running, at } = r.core.status().resync
      const s = r.core.snapshot()
      return s.parkedCalls.length === 1 && s.lines.length > 0 && !running && at !== null
    },
    'the parked call, the lines and the first resync',
    8_000
  )
}

describe('the core against the emulator', () => {
  it('plays the smoke scenario into ringing lines with caller and queue, a held call and a parked call', async () => {
    const rig = await startCoreRig({ scenario: 'smoke', traffic: false })
    await rig.core.signInDemo()
    await waitFor(() => live(rig), 'a live connection')
    await smokeOnBoard(rig)
    const s = rig.core.snapshot()
    expect(s.lines.length).toBeGreaterThan(0)
    const dana = s.ringingLines.filter((r) => r.caller.name === 'Dana Whitfield')
    expect(dana).toHaveLength(2)
    expect(dana[0]).toMatchObject({ queueCall: true, queueName: expect.any(String) })
    expect(dana[0]?.sip?.toTag).toEqual(expect.any(String))
    expect(s.heldCalls.map((h) => h.caller.name)).toEqual(['Rohan Mehta'])
    expect(s.parkedCalls[0]).toMatchObject({ caller: { name: 'Élodie Bernard' } })
    expect(coreViews(rig.core)).toEqual(truthViews(rig.emulator()))
  })

  it('with slow REST, reads the smoke board only once the first resync has brought the older calls', async () => {
    const rig = await startCoreRig({ scenario: 'smoke', traffic: false })
    await rig.core.signInDemo()
    // Slow replies: the hold and the park reach the board as notifications long before the
    // resync brings Dana's call, which rang before the subscription was live.
    rig.emulator().platform.control.restLatency(250)
    await smokeOnBoard(rig)
    expect(rig.core.snapshot().ringingLines.map((r) => r.caller.name)).toEqual([
      'Dana Whitfield',
      'Dana Whitfield'
    ])
    expect(coreViews(rig.core)).toEqual(truthViews(rig.emulator()))
  })

  it('matches the emulator truth after 20 socket kills during busy traffic', async () => {
    const rig = await startCoreRig({ traffic: true, speed: 20 }, { safetyPollMs: 0 })
    await rig.core.signInDemo()
    await waitFor(() => live(rig), 'a live connection')
    const e = rig.emulator()
    for (let i = 0; i < 20; i++) {
      await new Promise((r) => setTimeout(r, 150))
      e.platform.control.killSockets()
      await waitFor(() => live(rig), `recovery ${i + 1}`)
    }
    e.director.pause()
    // Let the last deliveries land, then compare with what the platform believes is true.
    await waitFor(
      () => JSON.stringify(coreViews(rig.core)) === JSON.stringify(truthViews(e)),
      'the board to match the truth',
      8_000
    )
    const counters = rig.core.diagnostics.counters()
    expect(counters.invalidEnvelopes).toBe(0)
    expect(counters.total).toBeGreaterThan(100)
  }, 60_000)

  it('after the recovery window, a REST resync brings the board to the truth', async () => {
    const clock = { offset: 0, now: (): number => Date.now() + clock.offset }
    const rig = await startCoreRig({
      scenario: 'smoke',
      traffic: false,
      clock,
      wsg: { recoveryTimeout: 1 }
    })
    await rig.core.signInDemo()
    await waitFor(() => rig.core.snapshot().parkedCalls.length === 1, 'the smoke scenario')
    const e = rig.emulator()
    // While the socket is down, calls change and the window expires: those events are lost.
    e.platform.control.pauseDelivery()
    e.platform.control.killSockets()
    clock.offset = 10_000
    const held = e.engine
      .activeSessions()
      .find((s) => e.engine.parties(s.telephonySessionId).some((p) => p.status.code === 'Hold'))
    expect(held).toBeDefined()
    const holder = e.engine.parties(held!.telephonySessionId).find((p) => p.status.code === 'Hold')!
    e.engine.unhold(holder.id)
    e.platform.control.resumeDelivery()
    await waitFor(() => rig.core.status().resync.reason === 'recovery-failed', 'the resync')
    await waitFor(
      () => JSON.stringify(coreViews(rig.core)) === JSON.stringify(truthViews(e)),
      'the board to match the truth'
    )
    expect(rig.core.snapshot().heldCalls).toEqual([])
  }, 30_000)

  it('counts malformed notifications in diagnostics and keeps the state right', async () => {
    const rig = await startCoreRig({ scenario: 'smoke', traffic: false })
    await rig.core.signInDemo()
    await smokeOnBoard(rig)
    const e = rig.emulator()
    const sub = e.platform.control.subscriptions()[0]!
    const envelope = (body: unknown): string =>
      JSON.stringify([
        { type: 'ServerNotification', messageId: 'm', status: 200, headers: {} },
        {
          uuid: `bad-${Math.random()}`,
          event: `/restapi/v1.0/account/${e.accountId}/extension/${e.agentExtensionId}/presence?detailedTelephonyState=true&sipData=true`,
          timestamp: new Date().toISOString(),
          subscriptionId: sub.id,
          ownerId: e.agentExtensionId,
          body
        }
      ])
    e.platform.control.rawFrame('all', envelope({ extensionId: e.agentExtensionId, sequence: 'x' }))
    e.platform.control.rawFrame('all', envelope({ telephonyStatus: 'Ringing' }))
    e.platform.control.rawFrame('all', '{"garbage": ')
    e.platform.control.rawFrame(
      'all',
      JSON.stringify([{ type: 'ServerNotification' }, { uuid: 1 }])
    )
    await waitFor(() => rig.core.diagnostics.counters().total >= 1, 'the bad frames')
    await waitFor(
      () => rig.core.diagnostics.entries().filter((x) => !x.ok).length >= 3,
      'the invalid entries'
    )
    const invalid = rig.core.diagnostics.entries().filter((x) => !x.ok)
    expect(invalid.map((x) => x.errors[0]?.path)).toEqual(
      expect.arrayContaining(['body.sequence', 'body.extensionId'])
    )
    expect(rig.core.diagnostics.connectionProblems()['malformed-frame']).toBeGreaterThanOrEqual(1)
    expect(coreViews(rig.core)).toEqual(truthViews(e))
    expect(live(rig)).toBe(true)
  })

  it('waits as told when the resync is rate-limited', async () => {
    const rig = await startCoreRig({ scenario: 'smoke', traffic: false })
    await rig.core.signInDemo()
    await waitFor(() => live(rig) && rig.core.status().resync.at !== null, 'the first resync')
    const e = rig.emulator()
    e.platform.control.setRateLimits({ limits: { light: 0 }, penaltySeconds: 1 })
    const started = Date.now()
    const resync = rig.core.resync('gap')
    await waitFor(() => rig.core.status().rateLimitedUntil !== null, 'the rate limit to show')
    e.platform.control.setRateLimits({ limits: { light: 10_000 } })
    await resync
    expect(Date.now() - started).toBeGreaterThanOrEqual(950)
    expect(rig.core.status().resync).toMatchObject({ running: false, reason: 'gap' })
    expect(rig.core.status().resync.at).not.toBeNull()
  }, 20_000)
})
