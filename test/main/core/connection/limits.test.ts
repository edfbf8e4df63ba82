/**
 * The gateway refuses a socket beyond `maxConnectionsPerSession` (docs/platform.md#connection-limits).
 * The supervisor must say so and retry on its backoff, never in a hot loop: every attempt would cost
 * an Auth-group ws token (docs/platform.md#wstoken-storms).
 */
import { afterEach, describe, expect, it } from 'vitest'
import { RawClient, wsUrlFor } from '../../../emulator/platform/raw'
import { OWN_PRESENCE, type Rig, startRig, waitFor } from './harness'

let rig: Rig | undefined
let other: RawClient | undefined
afterEach(async () => {
  other?.close()
  await rig?.dispose()
  rig = undefined
  other = undefined
})

describe('the supervisor against the connection limit', () => {
  it('reports a refused extra socket, backs off, and connects once a place is free', async () => {
    const connects: number[] = []
    // The draw is the top of the jitter window, so the rig's backoff is exactly 200, 400, 800 ms…
    rig = await startRig(
      {
        wsg: { maxConnectionsPerSession: 1 },
        log: (event) => {
          if (event === 'wsg.connect') connects.push(Date.now())
        }
      },
      {},
      { random: () => 1 }
    )
    // Another socket of the same sign-in (OAuth session) holds the only place.
    const token = (await rig.sdk.platform().auth().data()).access_token ?? ''
    other = await RawClient.open(await wsUrlFor(rig.platform, token))
    await other.next((m) => m['type'] === 'ConnectionDetails', 'the other socket')
    connects.length = 0

    const starting = rig.supervisor.start([OWN_PRESENCE])
    await waitFor(
      () => rig!.recorded.states.some((s) => 'reason' in s && /WSG-429/.test(s.reason ?? '')),
      'the refusal in the status'
    )
    const started = Date.now()
    await waitFor(() => connects.length >= 4, 'four refused attempts', 15_000)
    // Retries on the backoff, never a hot loop: the three waits between the first four attempts
    // are at least 200 + 400 + 800 ms (a loop without the backoff made 73 attempts in 3 s).
    expect(connects[3]! - connects[0]!).toBeGreaterThanOrEqual(1_400)
    const reason = rig.recorded.states
      .map((s) => ('reason' in s ? s.reason : ''))
      .find((r) => /WSG-429/.test(r ?? ''))
    expect(reason).toBe(
      'RingCentral refused the connection: Connections limit per session exceeded (WSG-429)'
    )
    // Refused sockets do not linger: between two attempts only the other socket is open (right
    // after an attempt connects, its socket is open until the gateway's refusal closes it).
    await waitFor(() => rig!.platform.control.sockets().length === 1, 'the refused sockets closed')

    other.close()
    await starting
    await waitFor(() => rig!.supervisor.state.status === 'live', 'live once the place is free')
    expect(Date.now() - started).toBeGreaterThan(0)
  }, 30_000)
})
