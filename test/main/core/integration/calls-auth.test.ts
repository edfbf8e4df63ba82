import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest'
import { type AuthState, createKeyFileVault } from '../../../../src/main/core/auth'
import type { Core } from '../../../../src/main/core/core'
import { type Emulator, type EmulatorOptions, startEmulator } from '../../../../src/emulator'
import { startCoreRig, UNLIMITED, waitFor } from './rig'

afterEach(() => {
  vi.restoreAllMocks()
})

/** The last resync is over and applied a readback in which every read was answered. */
const readbackComplete = (core: Core): boolean => {
  const s = core.status()
  return !s.resync.running && s.resync.at !== null && s.problems.length === 0
}

/**
 * An emulator of the test's own, for a sign-in the demo cannot make; closed when the test finishes,
 * after the rig that signed in to it (test.onFinished runs last-registered first).
 */
async function ownEmulator(options: EmulatorOptions): Promise<Emulator> {
  const emulator = await startEmulator({
    port: 0,
    traffic: false,
    rateLimits: UNLIMITED,
    ...options
  })
  onTestFinished(() => emulator.close())
  return emulator
}

describe('calls and tokens through the core', () => {
  it('picks up the parked call over REST, and it moves to the agent', async () => {
    const rig = await startCoreRig({ scenario: 'smoke', traffic: false })
    await rig.core.signInDemo()
    await waitFor(() => rig.core.snapshot().parkedCalls.length === 1, 'the parked call')
    const parked = rig.core.snapshot().parkedCalls[0]!
    const result = await rig.core.calls.pickUpParked(
      parked.telephonySessionId,
      parked.partyId ?? ''
    )
    expect(result).toMatchObject({ ok: true })
    await waitFor(() => rig.core.snapshot().parkedCalls.length === 0, 'the call to leave the park')
    await waitFor(
      () => rig.core.snapshot().myCalls.some((c) => c.caller.name === 'Élodie Bernard'),
      'the call on the agent'
    )
    // A second click on a call that is no longer parked is refused without a request.
    const again = await rig.core.calls.pickUpParked(parked.telephonySessionId, parked.partyId ?? '')
    expect(again).toMatchObject({ ok: false, error: { code: 'not-allowed' } })
  })

  it('refreshes an access token that expired mid-stream without a new sign-in', async () => {
    const rig = await startCoreRig({ scenario: 'smoke', traffic: false })
    await rig.core.signInDemo()
    await waitFor(() => rig.core.status().connection.status === 'live', 'live')
    await waitFor(() => readbackComplete(rig.core), 'the first readback')
    const firstReadback = rig.core.status().resync.at
    const platform = rig.core.auth.sdk().platform()
    const expired = (await platform.auth().data()).access_token
    let refreshes = 0
    platform.on(platform.events.refreshSuccess, () => refreshes++)
    const e = rig.emulator()
    const states: AuthState[] = []
    rig.core.auth.onChange((s) => states.push(s))
    // The platform declares every access token dead: the next REST call gets 401 OAU-128.
    expect(e.platform.control.expireTokens('access')).toBeGreaterThan(0)
    e.platform.control.killSockets()
    await rig.core.resync('gap')
    await waitFor(() => rig.core.status().connection.status === 'live', 'live again')
    // A REST resync needs a valid token: a new readback with every read answered comes only after
    // the refresh. A failed refresh still ends a resync, with "could not reach" problems, so a
    // resync that merely finished proves nothing.
    await waitFor(
      () => readbackComplete(rig.core) && rig.core.status().resync.at !== firstReadback,
      'a completed resync'
    )
    expect(refreshes).toBeGreaterThan(0)
    expect((await platform.auth().data()).access_token).not.toBe(expired)
    expect(rig.core.auth.state).toMatchObject({ status: 'signed-in', reconnecting: false })
    // No sign-in happened in between: the sign-in went on with a refreshed token, and no refresh
    // failed on the way (a failure shows as "reconnecting").
    expect(states.filter((s) => s.status !== 'signed-in')).toEqual([])
    expect(states.filter((s) => s.status === 'signed-in' && s.reconnecting)).toEqual([])
  })

  it('never writes a token in plaintext to the data dir or the console', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ringside-data-'))
    const logged: string[] = []
    for (const m of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, m).mockImplementation((...args: unknown[]) => {
        logged.push(args.map(String).join(' '))
      })
    }
    try {
      // A JWT sign-in persists tokens (the demo deliberately keeps them in memory only).
      const e = await ownEmulator({ scenario: 'smoke' })
      const rig = await startCoreRig({}, { vault: createKeyFileVault({ dir }), server: e.url })
      await rig.core.auth.signInWithJwt(e.jwt, {
        clientId: e.clientId,
        clientSecret: e.clientSecret
      })
      await waitFor(() => rig.core.status().connection.status === 'live', 'live')
      const raw = rig.core.auth.sdk().platform().auth()
      const tokens = [
        (await raw.data()).access_token,
        (await raw.data()).refresh_token,
        e.jwt
      ].filter((x): x is string => typeof x === 'string' && x.length > 0)
      expect(tokens.length).toBe(3)
      const files = readdirSync(dir, { recursive: true }).map(String)
      expect(files.length).toBeGreaterThan(0)
      for (const f of files) {
        const path = join(dir, f)
        if (!statSync(path).isFile()) continue
        expect(statSync(path).mode & 0o777).toBe(0o600)
        const content = readFileSync(path)
        for (const token of tokens) expect(content.includes(token)).toBe(false)
      }
      const bundle = rig.core.diagnostics.bundle()
      for (const token of tokens) {
        expect(logged.join('\n')).not.toContain(token)
        expect(bundle).not.toContain(token)
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('missing permissions', () => {
  it('turn off only the feature they serve, naming the permission', async () => {
    const e = await ownEmulator({
      scenario: 'smoke',
      client: { scopes: ['ReadPresence', 'ReadAccounts', 'WebSocketsSubscription', 'ReadContacts'] }
    })
    const rig = await startCoreRig({}, { server: e.url })
    await rig.core.auth.signInWithJwt(e.jwt, { clientId: e.clientId, clientSecret: e.clientSecret })
    await waitFor(() => rig.core.status().connection.status === 'live', 'live')
    await waitFor(() => rig.core.status().disabled.length > 0, 'the disabled features')
    const disabled = rig.core.status().disabled
    expect(new Set(disabled.map((d) => d.feature))).toEqual(
      new Set(['own-calls', 'account-sessions'])
    )
    expect(disabled[0]?.message).toContain('CallControl')
    // Presence still works: the monitored lines fill in.
    await waitFor(() => rig.core.snapshot().ringingLines.length > 0, 'ringing lines from presence')
  })
})
