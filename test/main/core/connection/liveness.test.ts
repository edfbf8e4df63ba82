/**
 * Liveness with the real defaults (DEFAULT_SUPERVISOR_OPTIONS), the real SDK and subscriptions
 * client, and the emulator over real sockets: how soon a dead connection is seen, how long one
 * attempt may hang, and what the agent is told meanwhile. Times are read from the system clock;
 * every bound allows MARGIN for timers firing late on a busy machine.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_SUPERVISOR_OPTIONS } from '../../../../src/main/core/connection/supervisor'
import { fakePower, OWN_PRESENCE, type Rig, startRig, waitFor } from './harness'

/** Scheduling margin on top of every 10 s bound. */
const MARGIN = 500
const TEN_S = 10_000

let rig: Rig | undefined
afterEach(async () => {
  await rig?.dispose()
  rig = undefined
})

const uuidsOf = (r: Rig): string[] => r.recorded.notifications.map((n) => n.uuid ?? '')
const status = (): string => rig!.supervisor.state.status

describe('liveness with the default windows', () => {
  it('finds a half-open socket dead within 10 s, and is live within 10 s of the path healing', async () => {
    rig = await startRig({}, DEFAULT_SUPERVISOR_OPTIONS)
    await rig.supervisor.start([OWN_PRESENCE])
    const faultAt = Date.now()
    rig.platform.control.silence(true)
    // Written into the half-open connection: the platform thinks them delivered, they are gone.
    rig.publish(3)
    await waitFor(() => status() !== 'live', 'the dead socket to be noticed', TEN_S + 2_000)
    const detectedIn = Date.now() - faultAt
    expect(rig.supervisor.state).toMatchObject({
      status: 'recovering',
      reason: 'the connection went silent',
      retryAt: expect.any(Number)
    })

    rig.platform.control.silence(false)
    const healedAt = Date.now()
    await waitFor(() => status() === 'live', 'live again', TEN_S + 2_000)
    const backIn = Date.now() - healedAt

    expect(detectedIn).toBeLessThanOrEqual(TEN_S + MARGIN)
    expect(backIn).toBeLessThanOrEqual(TEN_S + MARGIN)
    console.info(`half-open: dead after ${detectedIn} ms, live ${backIn} ms after healing`)
    // What the dead socket swallowed is not replayed: the state is read back over REST instead.
    await waitFor(() => rig!.recorded.resyncs.includes('dead-socket'), 'the resync')
    const sent = rig.publish(2)
    await waitFor(() => rig!.recorded.notifications.length === 2, 'delivery after recovery')
    expect(uuidsOf(rig)).toEqual(sent)
  }, 40_000)

  it('abandons a connect hanging in CONNECTING at its deadline, counted from the attempt’s start, and retries', async () => {
    // A draw of 0 makes the retry wait the 1 s floor, so the test does not wait out a random delay.
    rig = await startRig({}, DEFAULT_SUPERVISOR_OPTIONS, { random: () => 0 })
    // The ws token takes 4 s, then the upgrade is never answered: the attempt has the deadline,
    // not only its socket (that alone would give up 14 s after the start).
    rig.platform.control.restLatency(4_000)
    rig.platform.control.hangUpgrades(1)
    const started = Date.now()
    const starting = rig.supervisor.start([OWN_PRESENCE])
    await waitFor(() => rig!.platform.control.faults().hangUpgrades === 0, 'the hung upgrade')
    rig.platform.control.restLatency(0)
    await starting
    const abandonedIn = Date.now() - started
    expect(abandonedIn).toBeGreaterThanOrEqual(TEN_S - 50)
    expect(abandonedIn).toBeLessThanOrEqual(TEN_S + MARGIN)
    expect(rig.recorded.problems).toContainEqual({ kind: 'terminated', detail: 'connect-timeout' })
    const waiting = rig.supervisor.state
    expect(waiting).toMatchObject({
      status: 'connecting',
      attempt: 2,
      reason: 'connecting took too long',
      retryAt: expect.any(Number)
    })
    const retryAt = waiting.status === 'connecting' ? (waiting.retryAt ?? 0) : 0

    await waitFor(() => status() === 'live', 'the retry to go live', 5_000)
    expect(Date.now()).toBeGreaterThanOrEqual(retryAt - 50)
    console.info(`CONNECTING: abandoned after ${abandonedIn} ms, live ${Date.now() - started} ms`)
    expect(rig.platform.control.sockets()).toHaveLength(1)
    expect(rig.recorded.resyncs).toEqual(['new-wsg-session'])
  }, 30_000)

  it('says Offline as soon as the OS reports no network, and is live within 10 s of it coming back', async () => {
    const os = fakePower()
    rig = await startRig({}, DEFAULT_SUPERVISOR_OPTIONS, { power: os.power })
    await rig.supervisor.start([OWN_PRESENCE])
    // The cable is pulled: the socket goes silent and the OS notices.
    rig.platform.control.silence(true)
    os.setOnline(false)
    expect(rig.supervisor.state).toEqual({ status: 'offline', reason: 'the network is down' })
    // The probe finds the socket dead; retries go on behind a countdown, still "Offline".
    await waitFor(
      () => rig!.recorded.problems.some((p) => p.detail === 'probe-failed'),
      'the probe to fail',
      DEFAULT_SUPERVISOR_OPTIONS.probeTimeoutMs + 2_000
    )
    expect(rig.supervisor.state).toMatchObject({
      status: 'offline',
      reason: 'the network is down',
      retryAt: expect.any(Number)
    })
    expect(rig.recorded.states.slice(-2).map((s) => s.status)).not.toContain('live')

    rig.platform.control.silence(false)
    const backAt = Date.now()
    os.setOnline(true)
    await waitFor(() => status() === 'live', 'live once the network is back', TEN_S + 2_000)
    const backIn = Date.now() - backAt
    expect(backIn).toBeLessThanOrEqual(TEN_S + MARGIN)
    console.info(`OS offline: live ${backIn} ms after the network came back`)
  }, 30_000)

  it('keeps an idle healthy socket live: the heartbeat is answered inside every silence window', async () => {
    // A 1 s window (heartbeat after 500 ms) keeps this quick; the mechanism is the same at 8 s.
    rig = await startRig({}, { silenceTimeoutMs: 1_000 })
    await rig.supervisor.start([OWN_PRESENCE])
    const heard = (): number[] =>
      rig!.recorded.states.flatMap((s) => (s.status === 'live' ? [s.lastHeardAt] : []))
    // Nothing is published: only heartbeat replies can move lastHeardAt.
    await waitFor(() => heard().length >= 5, 'four heartbeat replies', 5_000)
    expect(rig.recorded.notifications).toEqual([])
    expect(rig.recorded.problems).toEqual([])
    expect(rig.recorded.states.slice(2).every((s) => s.status === 'live')).toBe(true)
    const gaps = heard()
      .slice(1)
      .map((at, i) => at - heard()[i]!)
    for (const gap of gaps) expect(gap).toBeLessThan(1_000)
    console.info(`idle socket: heard every ${gaps.join(', ')} ms with a 1000 ms window`)
  })

  it('a live socket proves an offline report wrong: any frame makes it live again', async () => {
    const os = fakePower()
    rig = await startRig({}, DEFAULT_SUPERVISOR_OPTIONS, { power: os.power })
    await rig.supervisor.start([OWN_PRESENCE])
    os.setOnline(false)
    expect(rig.supervisor.state.status).toBe('offline')
    // The probe's Heartbeat is answered over loopback.
    const reportedAt = Date.now()
    await waitFor(() => status() === 'live', 'the probe reply')
    console.info(`OS wrong: live again ${Date.now() - reportedAt} ms after the offline report`)
    expect(rig.platform.control.sockets()).toHaveLength(1)
  })
})
