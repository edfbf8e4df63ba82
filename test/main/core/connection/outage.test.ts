/**
 * The reconnect schedule during an outage, on a manual clock: the real SDK, subscriptions client
 * and emulator answer over real sockets at once, and the test moves the supervisor's time from one
 * attempt to the next. The review found a platform answering 503 to every ws token giving retry
 * delays of 5.5, 9.6, 24.8, 33.8 and 101 s, a badge saying "Reconnecting… (attempt 5)" with no
 * countdown, and never "Offline".
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { ConnectionState } from '../../../../src/main/core/connection/state'
import { DEFAULT_SUPERVISOR_OPTIONS } from '../../../../src/main/core/connection/supervisor'
import { ManualClock } from '../../../support/manual-clock'
import { OWN_PRESENCE, type Rig, startRig, waitFor } from './harness'

/** A seeded Lehmer generator: the same draws on every run. */
function seeded(seed: number): () => number {
  let state = seed
  return () => ((state = (state * 16807) % 2147483647) - 1) / 2147483646
}

let rig: Rig | undefined
afterEach(async () => {
  await rig?.dispose()
  rig = undefined
})

const retryAtOf = (s: ConnectionState): number | undefined =>
  'retryAt' in s ? s.retryAt : undefined
const attemptOf = (s: ConnectionState): number | undefined =>
  'attempt' in s ? s.attempt : undefined

/** Waits (real time) until the supervisor has given up the attempt it is running. */
async function untilWaiting(r: Rig): Promise<ConnectionState> {
  await waitFor(() => retryAtOf(r.supervisor.state) !== undefined, 'the attempt to fail')
  return r.supervisor.state
}

/** Live, with the ws token the library cached already expired: every reconnect must fetch one. */
async function liveWithoutTokenCache(clock: ManualClock): Promise<Rig> {
  const r = await startRig({ tokenTtls: { wsTokenTtl: 1 } }, DEFAULT_SUPERVISOR_OPTIONS, {
    clock,
    random: seeded(3)
  })
  await r.supervisor.start([OWN_PRESENCE])
  const wse = r.extensions.at(-1)!
  // The library keeps the token for 0.8 of its 1 s life, by the wall clock.
  await waitFor(() => Date.now() > wse.wsTokenExpiresAt, 'the cached ws token to expire')
  return r
}

describe('an outage on the reconnect schedule', () => {
  it('retries 503s within a 30 s cap behind a countdown, says Offline at one minute, and recovers', async () => {
    const clock = new ManualClock()
    rig = await liveWithoutTokenCache(clock)
    rig.platform.control.wstokenFailures(1_000, 503)
    const lostAt = clock.now()
    rig.platform.control.killSockets()
    const missed = rig.publish(3)
    let state = await untilWaiting(rig)
    const waits: number[] = []
    const seen: Array<{ at: number; state: ConnectionState }> = []
    while (clock.now() - lostAt < 90_000) {
      const retryAt = retryAtOf(state)!
      waits.push(retryAt - clock.now())
      seen.push({ at: clock.now(), state })
      const minute = lostAt + DEFAULT_SUPERVISOR_OPTIONS.offlineAfterMs
      if (clock.now() < minute && retryAt > minute) {
        // "Offline" comes at the minute itself, not with the next attempt, and keeps the countdown.
        clock.advanceTo(minute - 1)
        expect(rig.supervisor.state.status).toBe('recovering')
        clock.advanceTo(minute)
        expect(rig.supervisor.state).toMatchObject({ status: 'offline', retryAt })
      }
      clock.advanceTo(retryAt)
      state = await untilWaiting(rig)
    }
    console.info(`503 outage: waits ${waits.map((w) => (w / 1000).toFixed(1)).join(', ')} s`)

    for (const w of waits) {
      expect(w).toBeGreaterThanOrEqual(1_000)
      expect(w).toBeLessThanOrEqual(30_000)
    }
    for (const { at, state: s } of seen) {
      expect(s.status).toBe(at - lostAt < 60_000 ? 'recovering' : 'offline')
      expect(retryAtOf(s)).toBeGreaterThan(at)
    }
    expect(seen.map((s) => attemptOf(s.state))).toEqual(seen.map((_, i) => i + 1))
    expect(seen.some((s) => s.state.status === 'offline')).toBe(true)

    // "Retry now" starts an attempt at once, without moving the clock.
    const before = rig.platform.control.faults().wstokenFailures.count
    expect(rig.supervisor.retryNow()).toBe(true)
    state = await untilWaiting(rig)
    expect(rig.platform.control.faults().wstokenFailures.count).toBe(before - 1)
    expect(attemptOf(state)).toBe(seen.length + 2)

    // The platform heals: the next attempt recovers the WSG session and replays what was missed.
    rig.platform.control.wstokenFailures(0)
    clock.advanceTo(retryAtOf(state)!)
    await waitFor(() => rig!.supervisor.state.status === 'live', 'live again')
    await waitFor(() => rig!.recorded.notifications.length === 3, 'the replay')
    expect(rig.recorded.notifications.map((n) => n.uuid)).toEqual(missed)
    expect(rig.recorded.resyncs).toEqual(['new-wsg-session'])
  }, 30_000)

  it('waits out a 429 as its own countdown, and Retry now does not cut it short', async () => {
    const clock = new ManualClock()
    // The platform's penalty runs on the same manual clock, so an early retry would be refused.
    rig = await startRig({ clock, tokenTtls: { wsTokenTtl: 1 } }, DEFAULT_SUPERVISOR_OPTIONS, {
      clock,
      random: seeded(3)
    })
    await rig.supervisor.start([OWN_PRESENCE])
    // wstoken is in the Auth group: over its limit, it answers 429 with Retry-After: 20.
    rig.platform.control.setRateLimits({ limits: { auth: 0 }, penaltySeconds: 20 })
    await waitFor(() => Date.now() > rig!.extensions.at(-1)!.wsTokenExpiresAt, 'no cached token')
    rig.platform.control.killSockets()
    await untilWaiting(rig)
    clock.advanceTo(retryAtOf(rig.supervisor.state)!)
    const limitedAt = clock.now()
    const state = await untilWaiting(rig)
    expect(state).toEqual({ status: 'rate-limited', retryAt: limitedAt + 20_000 })
    expect(rig.supervisor.retryNow()).toBe(false)
    clock.advanceTo(limitedAt + 19_999)
    expect(rig.supervisor.state).toEqual(state)
    rig.platform.control.setRateLimits({ limits: { auth: 1_000 } })
    clock.advanceTo(limitedAt + 20_000)
    await waitFor(() => rig!.supervisor.state.status === 'live', 'live after the wait')
  })
})
