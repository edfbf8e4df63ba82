/**
 * The size bounds through a whole transport: the real host and core, signed in to the emulator,
 * driven by a shell's own transport (the Electron router, the browser bridge). At the limit the
 * change reaches RingCentral and the settings file; one over, the call is refused with
 * `invalid-argument` and the emulator's monitored lines and the settings file are exactly as they
 * were. Each check takes the transport as an `Invoke`, so both shells run the same ones.
 */
import { existsSync, readFileSync } from 'node:fs'
import { expect } from 'vitest'
import { startEmulator, type Emulator } from '../../src/emulator'
import {
  MAX_JWT_LENGTH,
  MAX_MONITORED_LINES,
  MAX_SELECTED_LINES
} from '../../src/shared/ipc/bounded'
import type { Channel } from '../../src/shared/ipc/contract'
import { DEFAULT_SETTINGS } from '../../src/shared/ipc/settings'
import { textOf } from './bounds'

export type Invoke = (channel: Channel, args: readonly unknown[]) => Promise<unknown>

const UNLIMITED = { limits: { auth: 10_000, light: 10_000, medium: 10_000, heavy: 10_000 } }

/** A call centre with more people than the line limit, so a full list of real lines exists. */
export const startBoundsEmulator = (): Promise<Emulator> =>
  startEmulator({
    port: 0,
    agents: MAX_MONITORED_LINES + 10,
    traffic: false,
    rateLimits: UNLIMITED
  })

/** Polls `check` until it holds; the timeout only names what never happened. */
export async function until(what: string, check: () => Promise<boolean> | boolean): Promise<void> {
  const deadline = Date.now() + 20_000
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

const authStatus = async (invoke: Invoke): Promise<unknown> => {
  const reply = (await invoke('state:get', [])) as {
    value?: { status: { auth: { status: string } } }
  }
  return reply.value?.status.auth.status
}

export const signedIn = (invoke: Invoke): Promise<void> =>
  until('the demo sign-in', async () => (await authStatus(invoke)) === 'signed-in')

/** Extensions the demo agent may monitor: everyone but itself (people and the park location). */
function monitorable(e: Emulator, n: number): string[] {
  const ids = e.cast
    .extensions()
    .filter((x) => x.id !== e.agentExtensionId && (x.type === 'User' || x.type === 'ParkLocation'))
    .map((x) => x.id)
  if (ids.length < n) throw new Error(`the cast has only ${ids.length} lines to monitor`)
  return ids.slice(0, n)
}

const refusedWith = (message: string): unknown => ({
  ok: false,
  error: { code: 'invalid-argument', message }
})

export async function monitoredLinesHold(invoke: Invoke, e: Emulator): Promise<void> {
  const full = monitorable(e, MAX_MONITORED_LINES + 1)
  const atLimit = full.slice(0, MAX_MONITORED_LINES)
  expect(await invoke('lines:set-monitored', [atLimit])).toEqual({ ok: true, value: null })
  expect(e.engine.lines(e.agentExtensionId)).toEqual(atLimit)

  expect(await invoke('lines:set-monitored', [full])).toEqual(
    refusedWith(
      `lines:set-monitored: [0]: at most ${MAX_MONITORED_LINES} lines, got ${full.length}`
    )
  )
  expect(e.engine.lines(e.agentExtensionId)).toEqual(atLimit)
}

export async function settingsFileHolds(invoke: Invoke, file: string): Promise<void> {
  const selected = (n: number): unknown[] => [
    {
      notifications: {
        ...DEFAULT_SETTINGS.notifications,
        lines: 'selected',
        selectedLines: Array.from({ length: n }, (_, i) => String(1e9 + i))
      }
    }
  ]
  expect(await invoke('settings:update', selected(MAX_SELECTED_LINES))).toMatchObject({ ok: true })
  expect(existsSync(file)).toBe(true)
  const saved = readFileSync(file, 'utf8')
  expect(JSON.parse(saved)).toMatchObject({
    notifications: { selectedLines: expect.arrayContaining([String(1e9)]) }
  })

  expect(await invoke('settings:update', selected(MAX_SELECTED_LINES + 1))).toEqual(
    refusedWith(
      `settings:update: [0].notifications.selectedLines: at most ${MAX_SELECTED_LINES} selected lines, got ${MAX_SELECTED_LINES + 1}`
    )
  )
  expect(readFileSync(file, 'utf8')).toBe(saved)
  expect(await invoke('settings:get', [])).toEqual({ ok: true, value: JSON.parse(saved) })
}

export async function signInHolds(invoke: Invoke, e: Emulator): Promise<void> {
  const lines = e.engine.lines(e.agentExtensionId)
  const reply = await invoke('sign-in:submit-jwt', [
    { jwt: textOf(MAX_JWT_LENGTH + 1), clientId: e.clientId, clientSecret: e.clientSecret }
  ])
  expect(reply).toEqual(
    refusedWith(
      `sign-in:submit-jwt: [0].jwt: at most ${MAX_JWT_LENGTH} characters for a JWT, got ${MAX_JWT_LENGTH + 1}`
    )
  )
  // No sign-in was attempted: the demo sign-in stands, and the message never quotes the JWT.
  expect(await authStatus(invoke)).toBe('signed-in')
  expect(JSON.stringify(reply)).not.toContain('xxxx')
  expect(e.engine.lines(e.agentExtensionId)).toEqual(lines)
}
