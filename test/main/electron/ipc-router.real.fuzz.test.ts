/**
 * 10 000 hostile IPC calls through the real Electron shell (mocked `electron`): `startApp` builds
 * the host, its handlers and a real core signed in to the emulator, and every call goes through
 * the IPC router from Ringside's own window. ipc-router.fuzz.test.ts checks the decoding against
 * stub handlers; this one checks that nothing behind the real handlers breaks: no crash, no
 * unhandled rejection, the state as it was, and the next call still answered.
 */
import { EventEmitter } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import type { IpcMainInvokeEvent } from 'electron'
import { afterEach, describe, expect, it } from 'vitest'
import { app, BrowserWindowMock, ipcMain, resetElectronMock } from '../../setup/electron-mock'
import { type Core, createCore, type CoreOptions } from '../../../src/main/core/core'
import { demoHandle } from '../../../src/main/core/demo'
import { startApp } from '../../../src/main/electron/app'
import { startEmulator } from '../../../src/emulator'
import { hostileIpcCall, smokeSettled as settled, watchFaults } from '../../support/hostile-frames'
import { UNLIMITED, waitFor } from '../core/integration/rig'

const FRAMES = 10_000
const location = { preloadPath: '/app/preload.cjs', indexHtml: '/app/renderer/index.html' }

let userData: string | undefined
let running = false
afterEach(async () => {
  // Quitting stops the core, and with it the demo emulator and its sockets, even after a failure.
  if (running) {
    app.emit('before-quit', { preventDefault: (): void => undefined })
    await waitFor(() => app.quit.mock.calls.length > 0, 'the core to stop')
  }
  running = false
  if (userData) rmSync(userData, { recursive: true, force: true })
  userData = undefined
})

/** The desktop app on the mocked `electron`, its real core signed in to the demo and settled. */
async function startDesktop(): Promise<{ core: Core; sender: IpcMainInvokeEvent }> {
  resetElectronMock()
  const dir = mkdtempSync(join(tmpdir(), 'ringside-fuzz-'))
  userData = dir
  app.getPath.mockImplementation(() => dir)
  let core: Core | undefined
  running = true
  startApp({
    location,
    trayIcons: { x1: '/res/tray.png', x2: '/res/tray@2x.png', template: false },
    createCore: (options: CoreOptions) => (core = createCore({ ...options, safetyPollMs: 0 })),
    startDemo: async () =>
      demoHandle(
        await startEmulator({
          port: 0,
          seed: 5,
          scenario: 'smoke',
          traffic: false,
          rateLimits: UNLIMITED
        })
      ),
    log: () => undefined,
    process: new EventEmitter()
  })
  await waitFor(() => core !== undefined && settled(core), 'the demo board', 20_000)
  const window = BrowserWindowMock.instances[0]!
  window.webContents.mainFrame.url = 'app://ringside/index.html'
  const sender = {
    sender: window.webContents,
    senderFrame: window.webContents.mainFrame
  } as unknown as IpcMainInvokeEvent
  return { core: core!, sender }
}

/** Sends every call from Ringside's window; counts the answers by outcome. */
async function invokeAll(
  sender: IpcMainInvokeEvent,
  calls: ReadonlyArray<{ channel: string; args: unknown[] }>
): Promise<Map<string, number>> {
  const outcomes = new Map<string, number>()
  const count = (key: string): void => void outcomes.set(key, (outcomes.get(key) ?? 0) + 1)
  for (const { channel, args } of calls) {
    try {
      const reply = (await ipcMain.invoke(channel, sender, ...args)) as {
        ok: boolean
        error?: { code: string }
      }
      count(reply.ok ? 'ok' : (reply.error?.code ?? 'no code'))
    } catch (error) {
      // Only Electron itself rejects: a channel the router never registered.
      expect(String(error)).toContain('No handler registered')
      count('unregistered')
    }
  }
  return outcomes
}

describe('the Electron IPC router in front of the real handlers', () => {
  it(`survives ${FRAMES} hostile calls with the state unchanged`, async () => {
    const { core, sender } = await startDesktop()
    const before = { snapshot: core.snapshot(), auth: core.status().auth }
    const calls = fc.sample(hostileIpcCall, { numRuns: FRAMES, seed: 20_240_611 })

    const started = Date.now()
    const { value: outcomes, faults } = await watchFaults(() => invokeAll(sender, calls))
    const elapsed = Date.now() - started

    expect(faults).toEqual([])
    expect([...outcomes.values()].reduce((a, b) => a + b, 0)).toBe(FRAMES)
    // Refused as the contract says, or answered by a read-only handler; never an internal error.
    expect(outcomes.get('internal')).toBeUndefined()
    const refused = [...outcomes].filter(([code]) => code !== 'ok' && code !== 'unregistered')
    expect(refused.reduce((n, [, count]) => n + count, 0)).toBeGreaterThan(FRAMES / 2)
    expect(core.snapshot()).toEqual(before.snapshot)
    expect(core.status().auth).toEqual(before.auth)
    expect(Object.prototype).not.toHaveProperty('polluted')
    expect(await ipcMain.invoke('state:get', sender)).toMatchObject({
      ok: true,
      value: { status: { auth: { status: 'signed-in', method: 'demo' } } }
    })
    console.info(`[fuzz] ipc: ${FRAMES} calls in ${elapsed} ms`, Object.fromEntries(outcomes))
  }, 60_000)
})
