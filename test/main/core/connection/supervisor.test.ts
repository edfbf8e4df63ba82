import { afterEach, describe, expect, it } from 'vitest'
import { OWN_PRESENCE, type Rig, startRig, statuses, waitFor } from './harness'

let rig: Rig | undefined
afterEach(async () => {
  await rig?.dispose()
  rig = undefined
})

const uuidsOf = (r: Rig): string[] => r.recorded.notifications.map((n) => n.uuid ?? '')

describe('ConnectionSupervisor with the real subscriptions client and the emulator', () => {
  it('connects one socket, goes live, asks for an initial resync and delivers', async () => {
    rig = await startRig()
    await rig.supervisor.start([OWN_PRESENCE])
    expect(statuses(rig.recorded)).toEqual(['idle', 'connecting', 'live'])
    expect(rig.recorded.resyncs).toEqual(['new-wsg-session'])
    const sent = rig.publish(5)
    await waitFor(() => rig!.recorded.notifications.length === 5, 'five notifications')
    expect(uuidsOf(rig)).toEqual(sent)
    expect(rig.platform.control.sockets()).toHaveLength(1)
  })

  it('survives the library TypeError on an early notification and still delivers it', async () => {
    rig = await startRig({ faults: { earlyNotification: true } })
    await rig.supervisor.start([OWN_PRESENCE])
    // The emulator sent a notification before the subscription response. Without the guard the
    // library's listener throws from a socket event and this test process dies.
    await waitFor(() => rig!.recorded.notifications.length === 1, 'the early notification')
    expect(rig.recorded.problems.map((p) => p.kind)).toContain('listener-threw')
    expect(rig.recorded.problems.find((p) => p.kind === 'listener-threw')?.detail).toMatch(
      /TypeError/
    )
    const sent = rig.publish(3)
    await waitFor(() => rig!.recorded.notifications.length === 4, 'later notifications')
    expect(uuidsOf(rig).slice(1)).toEqual(sent)
  })

  it('loses and duplicates nothing across 20 socket kills during a busy stream', async () => {
    // No replay delay: the replay arrives right behind ConnectionDetails, the case the library's own
    // listener would drop.
    rig = await startRig({ wsg: { replayDelayMs: 0 } })
    await rig.supervisor.start([OWN_PRESENCE])
    const sent: string[] = []
    const lives = (): number => rig!.recorded.states.filter((s) => s.status === 'live').length
    for (let kill = 0; kill < 20; kill++) {
      sent.push(...rig.publish(5))
      const before = lives()
      expect(rig.platform.control.killSockets()).toBe(1)
      sent.push(...rig.publish(5))
      await waitFor(() => lives() > before, `recovery ${kill + 1}`)
    }
    sent.push(...rig.publish(5))
    await waitFor(() => rig!.recorded.notifications.length >= sent.length, 'every notification')
    expect(uuidsOf(rig)).toEqual(sent)
    expect(rig.recorded.resyncs).toEqual(['new-wsg-session'])
    expect(rig.platform.control.sockets()).toHaveLength(1)
  }, 60_000)

  it('terminates a silent half-open socket, recovers and asks for a resync', async () => {
    rig = await startRig()
    await rig.supervisor.start([OWN_PRESENCE])
    rig.platform.control.silence(true)
    // Written into a dead TCP connection: the platform believes them delivered, they are gone.
    rig.publish(3)
    await waitFor(
      () => rig!.recorded.problems.some((p) => p.kind === 'terminated' && p.detail === 'silent'),
      'the silence watchdog'
    )
    expect(rig.supervisor.state).toMatchObject({
      status: 'recovering',
      reason: 'the connection went silent'
    })
    rig.platform.control.silence(false)
    await waitFor(() => rig!.recorded.resyncs.includes('dead-socket'), 'the resync after recovery')
    expect(rig.supervisor.state.status).toBe('live')
    const sent = rig.publish(2)
    await waitFor(() => rig!.recorded.notifications.length === 2, 'delivery after recovery')
    expect(uuidsOf(rig)).toEqual(sent)
  }, 20_000)

  it('replaces an extension wedged in a ws token request that outlived its deadline', async () => {
    rig = await startRig({ tokenTtls: { wsTokenTtl: 1 } }, { connectTimeoutMs: 1_000 })
    await rig.supervisor.start([OWN_PRESENCE])
    const first = rig.extensions[0]!
    await waitFor(() => Date.now() > first.wsTokenExpiresAt, 'the cached ws token to expire')
    // The reconnect needs a new ws token, and its reply takes 3 s: past the 1 s deadline.
    rig.platform.control.restLatency(3_000)
    rig.platform.control.killSockets()
    await waitFor(
      () => rig!.recorded.problems.some((p) => p.detail === 'connect-timeout'),
      'the attempt to be abandoned'
    )
    rig.platform.control.restLatency(0)
    // recover() is still waiting for its ws token: the next attempt subscribes afresh.
    await waitFor(() => rig!.supervisor.state.status === 'live', 'live on a new subscription')
    expect(rig.extensions).toHaveLength(2)
    expect(rig.recorded.resyncs).toEqual(['new-wsg-session', 'new-wsg-session'])
    // The old request answers at last and the old extension opens its socket: it is killed.
    await waitFor(() => first.wsToken !== undefined, 'the late ws token', 5_000)
    await waitFor(() => (first.ws?.readyState ?? 3) >= 2, 'the orphan socket to be terminated')
    expect(rig.platform.control.sockets()).toHaveLength(1)
    // The old WSG session keeps its subscription (no socket, buffering) until its recovery window
    // ends; only the new one is delivered to.
    const sent = rig.publish(2)
    await waitFor(() => rig!.recorded.notifications.length === 2, 'delivery')
    expect(sent).toEqual(expect.arrayContaining(uuidsOf(rig)))
    const live = rig.platform.control.sockets()[0]?.subscriptionId
    expect(rig.recorded.notifications.map((n) => n.subscriptionId)).toEqual([live, live])
  }, 20_000)

  it('reports a malformed frame and keeps going', async () => {
    rig = await startRig()
    await rig.supervisor.start([OWN_PRESENCE])
    rig.platform.control.rawFrame('all', '{"this is": not json')
    const sent = rig.publish(2)
    await waitFor(() => rig!.recorded.notifications.length === 2, 'notifications after garbage')
    expect(uuidsOf(rig)).toEqual(sent)
    expect(rig.recorded.problems.map((p) => p.kind)).toContain('malformed-frame')
  })

  it('probing a dead socket after resume drops it and recovers', async () => {
    rig = await startRig({}, { silenceTimeoutMs: 30_000 })
    await rig.supervisor.start([OWN_PRESENCE])
    rig.platform.control.silence(true)
    rig.supervisor.probe('resume')
    await waitFor(
      () => rig!.recorded.problems.some((p) => p.detail === 'probe-failed'),
      'the probe to fail'
    )
    rig.platform.control.silence(false)
    await waitFor(() => rig!.supervisor.state.status === 'live', 'recovery')
    // Once at resume, and again once live: frames written to the dead socket are gone.
    await waitFor(() => rig!.recorded.resyncs.length === 3, 'the resync after recovery')
    expect(rig.recorded.resyncs).toEqual(['new-wsg-session', 'resume', 'dead-socket'])
  }, 20_000)

  it('after the recovery window, asks for a resync', async () => {
    const clock = { offset: 0, now: (): number => Date.now() + clock.offset }
    rig = await startRig({ clock, wsg: { recoveryTimeout: 1 } })
    await rig.supervisor.start([OWN_PRESENCE])
    rig.platform.control.killSockets()
    // The window runs from the disconnect, on the platform's clock: jump past it before the retry.
    clock.offset = 5_000
    await waitFor(() => rig!.recorded.resyncs.includes('recovery-failed'), 'a failed recovery')
    const sent = rig.publish(2)
    await waitFor(
      () => rig!.recorded.notifications.length === 2,
      'delivery on the new subscription'
    )
    expect(uuidsOf(rig)).toEqual(sent)
  }, 20_000)

  it('a refused wstoken stops with the permission named and leaves no orphan socket', async () => {
    rig = await startRig({ faults: { wstokenFailures: { count: 100, status: 403 } } })
    await rig.supervisor.start([OWN_PRESENCE])
    await waitFor(() => rig!.supervisor.state.status === 'stopped', 'the stop')
    expect(rig.supervisor.state).toMatchObject({ reason: expect.stringContaining('refused') })
    rig.platform.control.wstokenFailures(0)
    // The library's orphaned extension would retry every ~2 s and open a socket with no subscription.
    await new Promise((r) => setTimeout(r, 3_000))
    expect(rig.platform.control.sockets()).toHaveLength(0)
  }, 20_000)

  it('waits as told when the platform rate-limits the connection', async () => {
    rig = await startRig()
    // The sign-in used the one Auth-group request allowed: wstoken gets 429 with Retry-After: 2.
    rig.platform.control.setRateLimits({ limits: { auth: 0 }, penaltySeconds: 2 })
    const started = Date.now()
    const starting = rig.supervisor.start([OWN_PRESENCE])
    await waitFor(() => rig!.supervisor.state.status === 'rate-limited', 'the rate limit')
    const limited = rig.supervisor.state
    expect(
      limited.status === 'rate-limited' ? limited.retryAt - started : 0
    ).toBeGreaterThanOrEqual(1_900)
    rig.platform.control.setRateLimits({ limits: { auth: 1000 } })
    await starting
    await waitFor(() => rig!.supervisor.state.status === 'live', 'the connection after the wait')
    // Nothing was retried before the wait was over.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900)
  }, 20_000)
})
