import { afterEach, describe, expect, it } from 'vitest'
import type { Platform } from '../../../src/emulator/platform'
import { ACCOUNT_ID, AGENT, Harness, once, waitFor } from './helpers'

const EVENT = `/restapi/v1.0/account/${ACCOUNT_ID}/extension/${AGENT}/presence`
const FILTERS = ['/restapi/v1.0/account/~/extension/~/presence']

const h = new Harness()

/**
 * The ws token is single use (docs/platform.md#wstoken) and the library reconnects with the one it
 * cached; like the app (core/connection/extension.ts), make it fetch a fresh one.
 */
function spendWsToken(wse: { wsTokenExpiresAt: number }): void {
  wse.wsTokenExpiresAt = 0
}
afterEach(() => h.dispose())

function publish(p: Platform, count: number): string[] {
  const uuids: string[] = []
  for (let i = 0; i < count; i++) {
    for (const n of p.gateway.publish(() => [{ event: EVENT, body: { sequence: i } }]))
      uuids.push(n.uuid)
  }
  return uuids
}

describe('WSG session recovery with the real client', () => {
  it('replays what was published while the socket was down, exactly once and in order', async () => {
    const platform = await h.start()
    const { received, wse, registered } = await h.subscribe(FILTERS)
    const sent: string[] = []
    const states: unknown[] = []
    wse.eventEmitter.on('autoRecoverSuccess', () =>
      states.push(wse.connectionDetails.recoveryState)
    )

    for (let round = 0; round < 2; round++) {
      sent.push(...publish(platform, 10))
      await waitFor(() => received.length === sent.length, 'live notifications')
      const recovered = once(wse.eventEmitter, 'autoRecoverSuccess')
      spendWsToken(wse)
      expect(platform.control.killSockets()).toBe(1)
      const whileDown = publish(platform, 10)
      sent.push(...whileDown)
      await recovered
      await waitFor(() => received.length === sent.length, 'replayed notifications')
    }
    sent.push(...publish(platform, 10))
    await waitFor(() => received.length === sent.length, 'notifications after recovery')

    expect(sent).toHaveLength(50)
    expect(received.map((e) => e.uuid)).toEqual(sent)
    expect(new Set(received.map((e) => e.subscriptionId))).toEqual(
      new Set([registered.subscriptionInfo?.id])
    )
    expect(states).toEqual(['Successful', 'Successful'])
  })

  it('after the recovery timeout: Failed WSG-1005, a new POST, delivery resumes', async () => {
    // The recovery window is judged by the platform clock; jumping it forward makes the expiry
    // deterministic whatever the phase of the client's 2 s recovery check.
    const clock = { offset: 0, now: (): number => Date.now() + clock.offset }
    const platform = await h.start({ clock, wsg: { recoveryTimeout: 1 } })
    const { received, wse, registered } = await h.subscribe(FILTERS)
    const firstId = registered.subscriptionInfo?.id
    const failed = once(wse.eventEmitter, 'autoRecoverFailed')
    spendWsToken(wse)
    platform.control.killSockets()
    const lost = publish(platform, 3)
    clock.offset += 1500
    await failed
    expect(wse.connectionDetails).toMatchObject({
      recoveryState: 'Failed',
      recoveryErrorCode: 'WSG-1005'
    })
    const secondId = registered.subscriptionInfo?.id
    expect(secondId).toBeDefined()
    expect(secondId).not.toBe(firstId)
    expect(platform.gateway.subscriptions().map((s) => s.id)).toEqual([secondId])

    const fresh = publish(platform, 2)
    await waitFor(() => received.length === 2, 'notifications on the new subscription')
    expect(received.map((e) => e.uuid)).toEqual(fresh)
    expect(received.some((e) => lost.includes(e.uuid))).toBe(false)
    expect(received.every((e) => e.subscriptionId === secondId)).toBe(true)
  })

  it('keeps only the newest recoveryBufferSize notifications of a dead socket', async () => {
    const platform = await h.start({ wsg: { recoveryBufferSize: 5 } })
    const { received, wse } = await h.subscribe(FILTERS)
    const recovered = once(wse.eventEmitter, 'autoRecoverSuccess')
    spendWsToken(wse)
    platform.control.killSockets()
    const whileDown = publish(platform, 8)
    await recovered
    await waitFor(() => received.length === 5, 'the buffered tail')
    expect(received.map((e) => e.uuid)).toEqual(whileDown.slice(3))
  })
})
