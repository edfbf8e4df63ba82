/**
 * Signing out through the whole core: the account's runner goes, the board and the status forget
 * the account, and the demo's emulator is closed with it.
 */
import { describe, expect, it } from 'vitest'
import { type CoreRig, startCoreRig, waitFor } from './rig'

/** Signs in to the smoke scenario, then out again; returns the emulator's address. */
async function signInAndOut(): Promise<{ rig: CoreRig; url: string }> {
  const r = await startCoreRig({ scenario: 'smoke', traffic: false })
  await r.core.signInDemo()
  await waitFor(() => r.core.snapshot().parkedCalls.length === 1, 'the smoke scenario')
  expect(r.core.directory().length).toBeGreaterThan(0)
  const url = r.emulator().url
  await r.core.auth.signOut()
  await waitFor(() => r.core.status().connection.status === 'idle', 'the runner to stop')
  await waitFor(() => r.core.snapshot().lines.length === 0, 'an empty board')
  return { rig: r, url }
}

describe('signing out of the demo', () => {
  it('clears the lines, calls, directory and status, and closes the emulator', async () => {
    const { rig: r, url } = await signInAndOut()
    const s = r.core.snapshot()
    expect([s.ringingLines, s.heldCalls, s.myCalls, s.accountSessions]).toEqual([[], [], [], []])
    expect(r.core.directory()).toEqual([])
    expect(r.core.ownDnd()).toBeNull()
    expect(r.core.status()).toMatchObject({
      auth: { status: 'signed-out' },
      connection: { status: 'idle' },
      disabled: [],
      problems: []
    })
    await expect(fetch(`${url}/restapi/v1.0`)).rejects.toThrow()
  }, 20_000)

  // A readback only replaces the presence it lists, so clearing with an empty one alone left a
  // call parked in the old account, seen through presence, in the parked view.
  it('also drops the parked calls the old account saw through presence', async () => {
    const { rig: r } = await signInAndOut()
    expect(r.core.snapshot().parkedCalls).toEqual([])
  }, 20_000)
})
