/**
 * The size bounds through the Electron shell: `startApp` with the mocked `electron` module, the
 * real host and core signed in to the emulator, every call through the IPC router as our window's main
 * frame. Oversize arguments leave the emulator's monitored lines and settings.json as they were
 * (test/support/bounds-state.ts); the browser bridge runs the same checks.
 */
import { EventEmitter } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, it } from 'vitest'
import type { IpcMainInvokeEvent } from 'electron'
import { app, BrowserWindowMock, ipcMain, resetElectronMock } from '../../setup/electron-mock'
import type { Emulator } from '../../../src/emulator'
import { createCore } from '../../../src/main/core/core'
import { demoHandle } from '../../../src/main/core/demo'
import { startApp } from '../../../src/main/electron/app'
import {
  type Invoke,
  monitoredLinesHold,
  settingsFileHolds,
  signedIn,
  signInHolds,
  startBoundsEmulator,
  until
} from '../../support/bounds-state'

const location = { preloadPath: '/app/preload.cjs', indexHtml: '/app/renderer/index.html' }

let userData: string
let emulator: Emulator
let invoke: Invoke

beforeAll(async () => {
  resetElectronMock()
  userData = mkdtempSync(join(tmpdir(), 'ringside-bounds-electron-'))
  app.getPath.mockImplementation(() => userData)
  emulator = await startBoundsEmulator()
  startApp({
    location,
    trayIcons: { x1: '/res/tray.png', x2: '/res/tray@2x.png', template: false },
    createCore,
    startDemo: async () => demoHandle(emulator),
    log: () => undefined,
    // The last-resort guard listens here instead of on the test runner's own process.
    process: new EventEmitter()
  })
  await until('the window', () => BrowserWindowMock.instances.length > 0)
  const window = BrowserWindowMock.instances[0]!
  window.webContents.mainFrame.url = 'app://ringside/index.html'
  const ours = {
    sender: window.webContents,
    senderFrame: window.webContents.mainFrame
  } as unknown as IpcMainInvokeEvent
  invoke = (channel, args) => ipcMain.invoke(channel, ours, ...args)
  await until('the IPC router', () => ipcMain.handlers.size > 0)
  await signedIn(invoke)
})

afterAll(async () => {
  app.emit('before-quit', { preventDefault: () => undefined })
  await until('the app to stop', () => app.quit.mock.calls.length > 0)
  await emulator?.close().catch(() => undefined)
  rmSync(userData, { recursive: true, force: true })
})

describe('size bounds over Electron IPC', () => {
  it('lines:set-monitored: 100 lines reach RingCentral; 101 are refused and the lines stay', () =>
    monitoredLinesHold(invoke, emulator))

  it('settings:update: 100 selected lines are saved; 101 are refused and the file stays', () =>
    settingsFileHolds(invoke, join(userData, 'settings.json')))

  it('sign-in:submit-jwt: an oversize JWT is refused and the sign-in stands', () =>
    signInHolds(invoke, emulator))
})
