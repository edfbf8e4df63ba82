import { EventEmitter } from 'node:events'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setImmediate as tick } from 'node:timers/promises'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { IpcMainInvokeEvent } from 'electron'
import {
  BrowserWindowMock,
  NotificationMock,
  TrayMock,
  WebContentsMock,
  app,
  ipcMain,
  nativeImage,
  protocol,
  resetElectronMock,
  session
} from '../../setup/electron-mock'
import type { Core, CoreOptions, CoreStatus, DemoHandle } from '../../../src/main/core/core'
import { startApp } from '../../../src/main/electron/app'
import { CHANNELS } from '../../../src/shared/ipc/contract'
import { fakeCore, LIVE, ringing, SIGNED_OUT, type FakeCore } from '../fakes/core'

const location = {
  preloadPath: '/app/out/preload/index.cjs',
  indexHtml: '/app/out/renderer/index.html'
}
const APP_URL = 'app://ringside/index.html'

/** Main windows only: the tray pop-up window ('Ringside calls') is opened once, hidden. */
const mainWindows = (): BrowserWindowMock[] =>
  BrowserWindowMock.instances.filter((w) => w.options.title === 'Ringside')

const flush = async (): Promise<void> => {
  for (let i = 0; i < 10; i++) await tick()
}

function firstCallOrder(mock: { mock: { invocationCallOrder: number[] } }): number {
  const [order] = mock.mock.invocationCallOrder
  if (order === undefined) throw new Error('mock was never called')
  return order
}

interface Started {
  fake: FakeCore
  createCore: ReturnType<typeof vi.fn<(options: CoreOptions) => Core>>
  startDemo: () => Promise<DemoHandle>
  log: ReturnType<typeof vi.fn>
  window: () => BrowserWindowMock
  /** Stands in for `process`: what the last-resort guard listens to. */
  proc: EventEmitter
}

function start(
  options: { afterStart?: CoreStatus; autoDemo?: boolean; settings?: object } = {}
): Started {
  if (options.settings) {
    writeFileSync(join(app.getPath('userData'), 'settings.json'), JSON.stringify(options.settings))
  }
  const fake = fakeCore(SIGNED_OUT)
  fake.spies.start.mockImplementation(async () => {
    if (options.afterStart) fake.setStatus(options.afterStart)
  })
  const createCore = vi.fn((_options: CoreOptions): Core => fake.core)
  const startDemo = vi.fn(async (): Promise<DemoHandle> => {
    throw new Error('not used: the fake core has its own signInDemo')
  })
  const log = vi.fn()
  const proc = new EventEmitter()
  startApp({
    location,
    trayIcons: { x1: '/res/tray.png', x2: '/res/tray@2x.png', template: false },
    createCore,
    startDemo,
    log,
    process: proc,
    ...(options.autoDemo === undefined ? {} : { autoDemo: options.autoDemo })
  })
  return {
    fake,
    createCore,
    startDemo,
    log,
    proc,
    // The main window; the tray pop-up window is the one titled 'Ringside calls'.
    window: () => {
      const window = BrowserWindowMock.instances
        .filter((w) => w.options.title === 'Ringside')
        .at(-1)
      if (window === undefined) throw new Error('no window')
      return window
    }
  }
}

describe('startApp before ready', () => {
  beforeEach(() => {
    resetElectronMock()
  })

  it('enables the sandbox before waiting for ready', () => {
    start()
    expect(app.enableSandbox).toHaveBeenCalledTimes(1)
    expect(firstCallOrder(app.enableSandbox)).toBeLessThan(firstCallOrder(app.whenReady))
  })

  it('guards web contents before any window exists', () => {
    start()
    const early = new WebContentsMock()
    app.emit('web-contents-created', {}, early)

    expect(BrowserWindowMock.instances).toHaveLength(0)
    expect(early.setWindowOpenHandler).toHaveBeenCalledTimes(1)
    expect(early.listenerCount('will-navigate')).toBe(1)
  })

  it('quits without opening anything when another instance holds the lock', async () => {
    app.requestSingleInstanceLock.mockReturnValue(false)
    const { createCore } = start()
    await flush()

    expect(app.quit).toHaveBeenCalledTimes(1)
    expect(app.whenReady).not.toHaveBeenCalled()
    expect(createCore).not.toHaveBeenCalled()
    expect(BrowserWindowMock.instances).toHaveLength(0)
    expect(ipcMain.handlers.size).toBe(0)
  })
})

describe('startApp on ready', () => {
  let userData: string

  beforeEach(() => {
    resetElectronMock()
    userData = mkdtempSync(join(tmpdir(), 'ringside-app-'))
    app.getPath.mockImplementation(() => userData)
    // The host reads the app registration from the environment, as `npm start` would give it.
    vi.stubEnv('RINGSIDE_CLIENT_ID', 'test-client')
  })
  afterEach(() => {
    vi.unstubAllEnvs()
    rmSync(userData, { recursive: true, force: true })
  })

  it('denies permissions, registers every channel, opens one window and a tray', async () => {
    start()
    await flush()

    expect(session.defaultSession.permissionRequestHandler).not.toBeNull()
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...CHANNELS].sort())
    // The main window and the hidden tray pop-up window, on the pop-up route, never focusable.
    expect(BrowserWindowMock.instances.map((w) => w.options.title).sort()).toEqual([
      'Ringside',
      'Ringside calls'
    ])
    const popup = BrowserWindowMock.instances.find((w) => w.options.title === 'Ringside calls')!
    expect(popup.options).toMatchObject({ frame: false, alwaysOnTop: true, focusable: false })
    expect(popup.loadURL).toHaveBeenCalledWith('app://ringside/index.html#/popup')
    expect(popup.show).not.toHaveBeenCalled()
    expect(TrayMock.instances).toHaveLength(1)
    expect(nativeImage.createFromPath).toHaveBeenCalledWith('/res/tray.png')
  })

  it('serves the renderer from app:// and grants audio to that origin only', async () => {
    const { window } = start()
    // Privileged before ready (Electron refuses it after), handled once ready.
    expect(firstCallOrder(protocol.registerSchemesAsPrivileged)).toBeLessThan(
      firstCallOrder(app.whenReady)
    )
    await flush()

    expect(protocol.handlers.has('app')).toBe(true)
    expect(window().loadURL).toHaveBeenCalledWith(APP_URL)
    const grant = (url: string): boolean => {
      const callback = vi.fn()
      session.defaultSession.permissionRequestHandler?.({}, 'media', callback, {
        requestingUrl: url,
        isMainFrame: true,
        mediaTypes: ['audio']
      })
      return callback.mock.calls[0]?.[0] as boolean
    }
    expect(grant(APP_URL)).toBe(true)
    expect(grant('file:///app/out/renderer/index.html')).toBe(false)
  })

  it('builds the core from the settings, the vault and the injected pieces', async () => {
    const { createCore, startDemo } = start()
    await flush()

    expect(createCore).toHaveBeenCalledTimes(1)
    const options = createCore.mock.calls[0]?.[0]
    expect(options).toMatchObject({
      appVersion: '0.1.0-test',
      client: { clientId: 'test-client' },
      server: 'https://platform.ringcentral.com',
      subscription: { accountPresence: false, accountSessions: { enabled: true } },
      startDemo
    })
    expect(options?.preferredDeviceId).toBeUndefined()
    expect(options?.power).toBeDefined()
    expect(typeof options?.vault.load).toBe('function')
  })

  it('falls back to production when the saved server is not a valid address', async () => {
    writeFileSync(
      join(userData, 'settings.json'),
      JSON.stringify({ server: 'javascript:alert(1)' })
    )
    const { createCore } = start()
    await flush()

    expect(createCore.mock.calls[0]?.[0].server).toBe('https://platform.ringcentral.com')
  })

  it('starts the demo when nobody signed in before', async () => {
    const { fake } = start()
    await flush()

    expect(fake.spies.start).toHaveBeenCalledTimes(1)
    expect(fake.spies.signInDemo).toHaveBeenCalledTimes(1)
    expect(firstCallOrder(fake.spies.start)).toBeLessThan(firstCallOrder(fake.spies.signInDemo))
  })

  it.each([
    ['a stored sign-in was restored', LIVE],
    [
      'a stored sign-in could not be restored',
      {
        ...SIGNED_OUT,
        auth: { status: 'signed-out-with-reason', reason: { code: 'revoked', message: 'x' } }
      }
    ]
  ] as Array<[string, CoreStatus]>)('does not start the demo when %s', async (_why, status) => {
    const { fake } = start({ afterStart: status })
    await flush()
    expect(fake.spies.signInDemo).not.toHaveBeenCalled()
  })

  it('does not start the demo when told not to', async () => {
    const { fake } = start({ autoDemo: false })
    await flush()
    expect(fake.spies.signInDemo).not.toHaveBeenCalled()
  })

  it('answers IPC from its own window only', async () => {
    const { window } = start()
    await flush()
    const ours = window()
    ours.webContents.mainFrame.url = APP_URL
    const stranger = new BrowserWindowMock()
    stranger.webContents.mainFrame.url = APP_URL
    const event = (w: BrowserWindowMock): IpcMainInvokeEvent =>
      ({
        sender: w.webContents,
        senderFrame: w.webContents.mainFrame
      }) as unknown as IpcMainInvokeEvent

    await expect(ipcMain.invoke('app:version', event(ours))).resolves.toEqual({
      ok: true,
      value: '0.1.0-test'
    })
    await expect(ipcMain.invoke('app:version', event(stranger))).resolves.toMatchObject({
      ok: false,
      error: { code: 'forbidden' }
    })
  })

  it('records an uncaught exception under a handler, recovers the core and keeps answering IPC', async () => {
    const { fake, window, proc, log } = start({ afterStart: LIVE })
    await flush()
    window().webContents.mainFrame.url = APP_URL
    const sender = {
      sender: window().webContents,
      senderFrame: window().webContents.mainFrame
    } as unknown as IpcMainInvokeEvent
    // What Node does when a callback the handler's work started throws, such as a library stream
    // raising 'error' with nobody listening: the error reaches process 'uncaughtException', not
    // the handler's promise, which settles normally.
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })
    fake.spies.signOut.mockImplementation(async () => {
      setImmediate(() => proc.emit('uncaughtException', reset))
    })

    await expect(ipcMain.invoke('sign-in:sign-out', sender)).resolves.toEqual({
      ok: true,
      value: null
    })
    await flush()

    expect(fake.spies.recordFault).toHaveBeenCalledExactlyOnceWith('uncaught-exception', reset)
    expect(fake.spies.recover).toHaveBeenCalledTimes(1)
    const lines = log.mock.calls.map(([line]) => String(line))
    expect(lines.filter((l) => l.startsWith('[last-resort]'))).toEqual([
      '[last-resort] uncaught exception: Error: read ECONNRESET; kept running, recorded in ' +
        'Diagnostics, recovering'
    ])
    await expect(ipcMain.invoke('app:version', sender)).resolves.toEqual({
      ok: true,
      value: '0.1.0-test'
    })
  })

  it('pushes state to the window and pops up a ringing line natively and in the page', async () => {
    const { fake, window } = start({ settings: { popupStyle: 'native' } })
    await flush()
    fake.setStatus(LIVE)

    fake.emitEvent({ type: 'line-ringing', call: ringing() })

    expect(NotificationMock.instances).toHaveLength(1)
    const send = window().webContents.send
    expect(send).toHaveBeenCalledWith('state:status', LIVE)
    expect(send).toHaveBeenCalledWith('notify:popup', expect.objectContaining({ tag: 's-1' }))

    NotificationMock.instances[0]?.emit('click')
    expect(window().show).toHaveBeenCalled()
    expect(window().focus).toHaveBeenCalled()
  })

  it('reloads a crashed page; when it keeps crashing, says so and reopens a fresh window on click', async () => {
    const { window } = start()
    await flush()
    const first = window()
    const crash = (): boolean =>
      first.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 })

    crash()
    expect(first.webContents.reload).toHaveBeenCalledTimes(1)
    crash()
    crash()
    crash()
    expect(first.destroy).toHaveBeenCalledTimes(1)
    const alert = NotificationMock.instances.at(-1)!
    expect(alert.options.title).toContain('stopped working')
    expect(alert.show).toHaveBeenCalled()

    alert.emit('click')
    expect(mainWindows()).toHaveLength(2)
    // The new window is watched as well.
    mainWindows()[1]!.webContents.emit(
      'render-process-gone',
      {},
      { reason: 'crashed', exitCode: 139 }
    )
    expect(mainWindows()[1]!.webContents.reload).toHaveBeenCalledTimes(1)
  })

  it('hides the window to the tray when the agent closes it', async () => {
    const { window } = start()
    await flush()
    const close = { preventDefault: vi.fn() }

    window().emit('close', close)

    expect(close.preventDefault).toHaveBeenCalledTimes(1)
    expect(window().hide).toHaveBeenCalledTimes(1)
  })

  it('focuses the existing window when a second instance starts', async () => {
    const { window } = start()
    await flush()
    window().isMinimized.mockReturnValue(true)

    app.emit('second-instance')

    expect(window().restore).toHaveBeenCalledTimes(1)
    expect(window().focus).toHaveBeenCalled()
    expect(mainWindows()).toHaveLength(1)
  })

  it('holds the single-instance lock, registers ringside:// and takes a second launch’s link', async () => {
    const { window, log } = start()
    await flush()
    expect(app.requestSingleInstanceLock).toHaveBeenCalledTimes(1)
    expect(firstCallOrder(app.requestSingleInstanceLock)).toBeLessThan(
      firstCallOrder(app.whenReady)
    )
    expect(app.setAsDefaultProtocolClient).toHaveBeenCalledWith('ringside')

    app.emit('second-instance', {}, ['/opt/Ringside/ringside', 'ringside://call/s-1?x=<script>'])
    expect(window().show).toHaveBeenCalled()
    expect(log).toHaveBeenCalledWith('[app] ringside:// link received (call)')
    // Nothing of the link but its route reaches the log.
    expect(log.mock.calls.flat().join('\n')).not.toMatch(/s-1|script/)
    const openUrl = { preventDefault: vi.fn() }
    app.emit('open-url', openUrl, 'ringside://open')
    expect(openUrl.preventDefault).toHaveBeenCalled()
    expect(mainWindows()).toHaveLength(1)
  })

  it('quits at once when another instance holds the lock', () => {
    app.requestSingleInstanceLock.mockReturnValueOnce(false)
    start()
    expect(app.quit).toHaveBeenCalledTimes(1)
    expect(BrowserWindowMock.instances).toHaveLength(0)
  })

  it('stops the core before it really quits, then lets the window close', async () => {
    const { fake, window } = start()
    await flush()
    const quitting = { preventDefault: vi.fn() }

    app.emit('before-quit', quitting)
    expect(quitting.preventDefault).toHaveBeenCalledTimes(1)
    await flush()

    expect(fake.spies.stop).toHaveBeenCalledTimes(1)
    expect(app.quit).toHaveBeenCalledTimes(1)
    expect(ipcMain.handlers.size).toBe(0)
    expect(TrayMock.instances[0]?.destroy).toHaveBeenCalledTimes(1)

    const again = { preventDefault: vi.fn() }
    app.emit('before-quit', again)
    const close = { preventDefault: vi.fn() }
    window().emit('close', close)
    expect(again.preventDefault).not.toHaveBeenCalled()
    expect(close.preventDefault).not.toHaveBeenCalled()
  })

  it('quits from the tray menu', async () => {
    start()
    await flush()
    const menu = TrayMock.instances[0]?.setContextMenu.mock.lastCall?.[0] as {
      items: Array<{ label?: string; click?: () => void }>
    }

    menu.items.find((i) => i.label === 'Quit Ringside')?.click?.()

    expect(app.quit).toHaveBeenCalledTimes(1)
  })
})
