/**
 * Hand-written stand-in for the parts of `electron` the main process uses, in the style of Electron
 * Fiddle's tests/mocks/electron.ts. There is no Electron binary in CI, so main-process tests run in
 * plain Node: the Vitest setup file ./electron.ts mocks `electron` with this module for every test
 * file, and tests import the handles they want to drive or inspect from here (the same instance).
 * Call `resetElectronMock()` in `beforeEach`. Fakes keep real behaviour where tests depend on it
 * (events are real EventEmitters, `fromWebContents` finds the owning window, handlers registered
 * through `ipcMain.handle` or `session.set*Handler` are kept so tests can call them).
 */
import { EventEmitter } from 'node:events'
import type {
  BrowserWindowConstructorOptions,
  HandlerDetails,
  IpcMainInvokeEvent,
  WindowOpenHandlerResponse
} from 'electron'
import { vi } from 'vitest'

type WindowOpenHandler = (details: HandlerDetails) => WindowOpenHandlerResponse
type InvokeHandler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown
type PermissionRequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: unknown
) => void
type PermissionCheckHandler = (
  contents: unknown,
  permission: string,
  origin: string,
  details: unknown
) => boolean

export class WebFrameMainMock {
  constructor(
    public url = 'about:blank',
    public parent: WebFrameMainMock | null = null
  ) {}
}

export class WebContentsMock extends EventEmitter {
  readonly mainFrame = new WebFrameMainMock()
  windowOpenHandler: WindowOpenHandler | null = null
  readonly setWindowOpenHandler = vi.fn((handler: WindowOpenHandler): void => {
    this.windowOpenHandler = handler
  })
  readonly send = vi.fn()
  readonly openDevTools = vi.fn()
  readonly isDestroyed = vi.fn(() => false)
  readonly reload = vi.fn()
  /** Like Electron: the renderer dies, and `render-process-gone` follows. */
  readonly forcefullyCrashRenderer = vi.fn(() => {
    this.emit('render-process-gone', {}, { reason: 'killed', exitCode: 9 })
  })
}

export class BrowserWindowMock extends EventEmitter {
  static readonly instances: BrowserWindowMock[] = []
  static readonly getAllWindows = vi.fn(() => [...BrowserWindowMock.instances])
  static readonly getFocusedWindow = vi.fn((): BrowserWindowMock | null => null)
  static readonly fromWebContents = vi.fn(
    (contents: unknown): BrowserWindowMock | null =>
      BrowserWindowMock.instances.find((window) => window.webContents === contents) ?? null
  )

  readonly webContents = new WebContentsMock()
  readonly show = vi.fn()
  readonly hide = vi.fn()
  readonly focus = vi.fn()
  readonly restore = vi.fn()
  readonly close = vi.fn()
  readonly showInactive = vi.fn()
  readonly setFocusable = vi.fn()
  readonly setAlwaysOnTop = vi.fn()
  readonly setBounds = vi.fn()
  readonly setPosition = vi.fn()
  readonly setSize = vi.fn()
  readonly getBounds = vi.fn(() => ({ x: 100, y: 80, width: 1100, height: 720 }))
  readonly isVisible = vi.fn(() => false)
  readonly isFocused = vi.fn(() => false)
  readonly isMinimized = vi.fn(() => false)
  readonly isMaximized = vi.fn(() => false)
  readonly maximize = vi.fn()
  readonly isDestroyed = vi.fn(() => false)
  /** Like Electron: no `close` event, straight to `closed`. */
  readonly destroy = vi.fn(() => {
    this.isDestroyed.mockReturnValue(true)
    this.emit('closed')
  })
  readonly loadURL = vi.fn((_url: string): Promise<void> => Promise.resolve())
  readonly loadFile = vi.fn((_path: string): Promise<void> => Promise.resolve())

  constructor(readonly options: BrowserWindowConstructorOptions = {}) {
    super()
    BrowserWindowMock.instances.push(this)
  }
}

class AppMock extends EventEmitter {
  isPackaged = false
  readonly enableSandbox = vi.fn()
  readonly requestSingleInstanceLock = vi.fn(() => true)
  readonly quit = vi.fn()
  readonly exit = vi.fn()
  readonly focus = vi.fn()
  readonly getName = vi.fn(() => 'Ringside')
  readonly getVersion = vi.fn(() => '0.1.0-test')
  readonly getPath = vi.fn((name: string) => `/tmp/ringside-test/${name}`)
  readonly isReady = vi.fn(() => true)
  readonly whenReady = vi.fn((): Promise<void> => Promise.resolve())
  readonly setAppUserModelId = vi.fn()
  readonly setLoginItemSettings = vi.fn()
  readonly setAsDefaultProtocolClient = vi.fn(() => true)
}

type ProtocolHandler = (request: Request) => Response | Promise<Response>

/** `protocol`: keeps the registered schemes and handlers so tests can request through them. */
class ProtocolMock {
  readonly privileged: { scheme: string; privileges?: Record<string, boolean> }[] = []
  readonly handlers = new Map<string, ProtocolHandler>()
  readonly registerSchemesAsPrivileged = vi.fn(
    (schemes: { scheme: string; privileges?: Record<string, boolean> }[]): void => {
      this.privileged.push(...schemes)
    }
  )
  readonly handle = vi.fn((scheme: string, handler: ProtocolHandler): void => {
    this.handlers.set(scheme, handler)
  })
  readonly unhandle = vi.fn((scheme: string): void => {
    this.handlers.delete(scheme)
  })
  readonly isProtocolHandled = vi.fn((scheme: string): boolean => this.handlers.has(scheme))

  /** Fetches `url` through the handler registered for its scheme, as Chromium would. */
  async fetch(url: string, init?: RequestInit): Promise<Response> {
    const scheme = url.slice(0, url.indexOf(':'))
    const handler = this.handlers.get(scheme)
    if (handler === undefined) throw new Error(`No handler registered for '${scheme}:'`)
    return handler(new Request(url, init))
  }
}

/** `globalShortcut`: the registered accelerators and callbacks; `press` plays the user. */
class GlobalShortcutMock {
  readonly shortcuts = new Map<string, () => void>()
  /** Accelerators another app holds: `register` fails for them, as Electron's does. */
  readonly taken = new Set<string>()
  readonly register = vi.fn((accelerator: string, callback: () => void): boolean => {
    if (this.taken.has(accelerator) || this.shortcuts.has(accelerator)) return false
    this.shortcuts.set(accelerator, callback)
    return true
  })
  readonly unregister = vi.fn((accelerator: string): void => {
    this.shortcuts.delete(accelerator)
  })
  readonly unregisterAll = vi.fn((): void => {
    this.shortcuts.clear()
  })
  readonly isRegistered = vi.fn((accelerator: string): boolean => this.shortcuts.has(accelerator))

  press(accelerator: string): void {
    const callback = this.shortcuts.get(accelerator)
    if (callback === undefined) throw new Error(`'${accelerator}' is not registered`)
    callback()
  }
}

const PRIMARY_DISPLAY = {
  id: 1,
  bounds: { x: 0, y: 0, width: 1920, height: 1080 },
  workArea: { x: 0, y: 0, width: 1920, height: 1040 },
  scaleFactor: 1
}

class IpcMainMock extends EventEmitter {
  readonly handlers = new Map<string, InvokeHandler>()
  readonly handle = vi.fn((channel: string, handler: InvokeHandler): void => {
    this.handlers.set(channel, handler)
  })
  readonly removeHandler = vi.fn((channel: string): void => {
    this.handlers.delete(channel)
  })

  /** Calls the handler registered for `channel` the way Electron would for `invoke`. */
  async invoke(channel: string, event: IpcMainInvokeEvent, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel)
    if (handler === undefined) throw new Error(`No handler registered for '${channel}'`)
    return handler(event, ...args)
  }
}

class SessionMock {
  permissionRequestHandler: PermissionRequestHandler | null = null
  permissionCheckHandler: PermissionCheckHandler | null = null
  readonly setPermissionRequestHandler = vi.fn((handler: PermissionRequestHandler | null) => {
    this.permissionRequestHandler = handler
  })
  readonly setPermissionCheckHandler = vi.fn((handler: PermissionCheckHandler | null) => {
    this.permissionCheckHandler = handler
  })
  readonly clearStorageData = vi.fn((): Promise<void> => Promise.resolve())
}

export class NativeImageMock {
  constructor(readonly source: string | Buffer = '') {}
  readonly isEmpty = vi.fn(() => this.source === '')
  readonly resize = vi.fn((): NativeImageMock => new NativeImageMock(this.source))
  readonly setTemplateImage = vi.fn()
  readonly addRepresentation = vi.fn()
  readonly toPNG = vi.fn(() => Buffer.alloc(0))
}

/** A native notification: records what was shown and closed; `emit('click')` plays the user. */
export class NotificationMock extends EventEmitter {
  static readonly instances: NotificationMock[] = []
  static readonly isSupported = vi.fn(() => true)
  readonly show = vi.fn()
  readonly close = vi.fn(() => {
    this.emit('close')
  })

  constructor(readonly options: { title?: string; body?: string } = {}) {
    super()
    NotificationMock.instances.push(this)
  }
}

class PowerMonitorMock extends EventEmitter {}

export class MenuMock {
  static readonly setApplicationMenu = vi.fn()
  static readonly getApplicationMenu = vi.fn((): MenuMock | null => null)
  static readonly buildFromTemplate = vi.fn((template: unknown[]): MenuMock => {
    const menu = new MenuMock()
    menu.items.push(...template)
    return menu
  })
  readonly items: unknown[] = []
  readonly popup = vi.fn()
  readonly closePopup = vi.fn()
}

export class TrayMock extends EventEmitter {
  static readonly instances: TrayMock[] = []
  readonly setToolTip = vi.fn()
  readonly setContextMenu = vi.fn()
  readonly setImage = vi.fn()
  readonly getBounds = vi.fn(() => ({ x: 1800, y: 1040, width: 24, height: 24 }))
  readonly displayBalloon = vi.fn()
  readonly destroy = vi.fn()
  readonly isDestroyed = vi.fn(() => false)

  constructor(readonly image: NativeImageMock | string) {
    super()
    TrayMock.instances.push(this)
  }
}

// safeStorage fake: reversible and visibly "encrypted", so tests can tell stored from plain text.
const ENCRYPTED_PREFIX = 'mock-encrypted:'

export const app = new AppMock()
export const ipcMain = new IpcMainMock()
export const session = { defaultSession: new SessionMock() }
export const shell = {
  openExternal: vi.fn((_url: string): Promise<void> => Promise.resolve()),
  openPath: vi.fn((_path: string): Promise<string> => Promise.resolve('')),
  showItemInFolder: vi.fn()
}
export const nativeImage = {
  createFromPath: vi.fn((path: string) => new NativeImageMock(path)),
  createFromBuffer: vi.fn((buffer: Buffer) => new NativeImageMock(buffer)),
  createEmpty: vi.fn(() => new NativeImageMock())
}
export const safeStorage = {
  isEncryptionAvailable: vi.fn(() => true),
  getSelectedStorageBackend: vi.fn(() => 'basic_text'),
  encryptString: vi.fn((plain: string) => Buffer.from(ENCRYPTED_PREFIX + plain, 'utf8')),
  decryptString: vi.fn((encrypted: Buffer) => {
    const text = encrypted.toString('utf8')
    if (!text.startsWith(ENCRYPTED_PREFIX)) throw new Error('Error while decrypting the ciphertext')
    return text.slice(ENCRYPTED_PREFIX.length)
  }),
  // The async API (Electron 45 deprecates the synchronous one): same format, promised.
  isAsyncEncryptionAvailable: vi.fn((): Promise<boolean> => Promise.resolve(true)),
  encryptStringAsync: vi.fn((plain: string): Promise<Buffer> =>
    Promise.resolve(Buffer.from(ENCRYPTED_PREFIX + plain, 'utf8'))
  ),
  decryptStringAsync: vi.fn(
    (encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }> => {
      const text = encrypted.toString('utf8')
      if (!text.startsWith(ENCRYPTED_PREFIX)) {
        return Promise.reject(new Error('Error while decrypting the ciphertext'))
      }
      return Promise.resolve({
        shouldReEncrypt: false,
        result: text.slice(ENCRYPTED_PREFIX.length)
      })
    }
  )
}
// Renderer-side modules, for preload tests.
export const contextBridge = { exposeInMainWorld: vi.fn() }
export const ipcRenderer = { invoke: vi.fn(), send: vi.fn(), on: vi.fn(), removeListener: vi.fn() }

export const powerMonitor = new PowerMonitorMock()
export const protocol = new ProtocolMock()
export const globalShortcut = new GlobalShortcutMock()
export const screen = {
  getPrimaryDisplay: vi.fn(() => PRIMARY_DISPLAY),
  getDisplayNearestPoint: vi.fn(() => PRIMARY_DISPLAY),
  getAllDisplays: vi.fn(() => [PRIMARY_DISPLAY]),
  getCursorScreenPoint: vi.fn(() => ({ x: 960, y: 540 }))
}
export const net = { isOnline: vi.fn(() => true) }

export const BrowserWindow = BrowserWindowMock
export const Notification = NotificationMock
export const Menu = MenuMock
export const Tray = TrayMock

/** Forgets every window, tray, listener and handler, and resets all mocks to their defaults. */
export function resetElectronMock(): void {
  vi.resetAllMocks()
  BrowserWindowMock.instances.length = 0
  TrayMock.instances.length = 0
  NotificationMock.instances.length = 0
  app.isPackaged = false
  app.removeAllListeners()
  powerMonitor.removeAllListeners()
  ipcMain.removeAllListeners()
  ipcMain.handlers.clear()
  session.defaultSession.permissionRequestHandler = null
  session.defaultSession.permissionCheckHandler = null
  protocol.privileged.length = 0
  protocol.handlers.clear()
  globalShortcut.shortcuts.clear()
  globalShortcut.taken.clear()
}

export default {
  app,
  BrowserWindow,
  contextBridge,
  ipcMain,
  ipcRenderer,
  Menu,
  nativeImage,
  net,
  Notification,
  powerMonitor,
  protocol,
  globalShortcut,
  safeStorage,
  screen,
  session,
  shell,
  Tray
}
