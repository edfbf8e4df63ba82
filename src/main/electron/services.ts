import { join } from 'node:path'
import {
  app,
  globalShortcut,
  ipcMain,
  Menu,
  nativeImage,
  net,
  Notification,
  powerMonitor,
  safeStorage,
  screen,
  Tray
} from 'electron'
import type { BrowserWindow, NativeImage } from 'electron'
import { createHost, type Host, type HostPorts, listenerFailed } from '../host/host'
import type { Core, CoreOptions, DemoHandle } from '../core/core'
import { windowEmitter } from './events'
import { openExternalUrl } from './external'
import { registerIpcRouter } from './ipc-router'
import { followStartAtLogin } from './login-item'
import type { WindowKeeper } from './main-window'
import { createDesktopNotifier, type DesktopNotifier, openOnClick } from './notifier'
import { createPowerEvents, type ElectronPowerEvents } from './power'
import { isTrustedSender } from './sender'
import { createPopupWindow, type PopupWindow } from './popup-window'
import { followGlobalShortcut } from './shortcut'
import { createSafeStorageVault } from './token-vault'
import { createSystemTray, type SystemTray, type TrayState } from './tray'
import { createRingsideWindow } from './window'
import { newestTakeable } from '../host/takeable'
import { ALERT_TAG } from '../../shared/ipc/open-call'

/** The tray icon's files: 16 px and 32 px, and whether they are a macOS template (black + alpha). */
export interface TrayIcons {
  readonly x1: string
  readonly x2: string
  readonly template: boolean
  /** The folder of the per-state icons (resources/tray: `<state>.png`, `<state>@2x.png`, …). */
  readonly stateDir?: string
}

export interface ServicesDeps {
  readonly appUrl: string
  /** The preload every window gets (the pop-up window too). */
  readonly preloadPath: string
  readonly keeper: WindowKeeper
  readonly trayIcons: TrayIcons
  readonly createCore: (options: CoreOptions) => Core
  readonly startDemo: () => Promise<DemoHandle>
  /** Start the demo when nobody signed in before (the product default). */
  readonly autoDemo: boolean
  /** Really quits the app (tray "Quit"). */
  readonly quit: () => void
  readonly log: (line: string) => void
}

export interface Services {
  readonly core: Core
  /** False when the desktop has no tray; closing the window then quits instead of hiding. */
  readonly hasTray: boolean
  /** Opens the window, resumes the stored sign-in, or starts the demo when there is none. */
  begin(): Promise<void>
  /** Stops everything; the core's sockets and the demo emulator are closed within `STOP_MS`. */
  stop(): Promise<void>
  /** A desktop notification about Ringside itself; a click opens the window. */
  alert(note: { readonly title: string; readonly body: string }): void
}

/** Quitting must not hang on a server that does not answer the subscription revoke. */
const STOP_MS = 5_000

/**
 * Everything that needs `app.whenReady()`: the host (settings, the token vault, which Linux reports
 * without a keychain before ready, the core, the event push and pop-ups) with its Electron ports,
 * then the IPC router, tray and login item. The router is registered before the window opens, so
 * the page's first call is answered.
 */
export function startServices(deps: ServicesDeps): Services {
  const { log, keeper } = deps
  const power = createPowerEvents({
    powerMonitor,
    isOnline: () => net.isOnline(),
    onListenerError: listenerFailed(log, 'power')
  })
  // The host is built with the notifier, so a click reaches it through this late reference.
  const hostRef: { current?: Host } = {}
  const notifier = desktopNotifier(keeper, (tag) => hostRef.current?.openCall(tag))
  const trayRef: { current?: SystemTray | undefined } = {}
  const popup = openPopupWindow(deps, () => trayRef.current)
  const windows = (): BrowserWindow[] => {
    const own = popup.window()
    return own === undefined ? [...keeper.windows()] : [...keeper.windows(), own]
  }
  const host = createHost(hostPorts(deps, { power, notifier, popup, windows }))
  hostRef.current = host
  const ours = (window: BrowserWindow): boolean =>
    keeper.isRingsideWindow(window) || window === popup.window()
  const stopRouter = registerIpcRouter({
    ipcMain,
    handlers: host.handlers,
    isTrusted: (event) => isTrustedSender(event, deps.appUrl, ours),
    log
  })
  const tray = createTray(deps, host)
  trayRef.current = tray
  const stopLoginItem = followStartAtLogin({ app, settings: host.settings, log })
  const stopShortcut = followGlobalShortcut({
    globalShortcut,
    settings: host.settings,
    pickUpNewest: async () => {
      const call = newestTakeable(host.core.snapshot())
      if (call === undefined) return false
      await host.core.calls.pickUpOverSip(call.telephonySessionId, call.partyId)
      return true
    },
    log,
    onStatus: (status) => host.reportShortcut(status)
  })

  let stopped: Promise<void> | undefined
  return {
    core: host.core,
    hasTray: tray !== undefined,
    async begin() {
      keeper.show()
      await host.begin()
    },
    alert: (note) => notifier.notify({ ...note, tag: ALERT_TAG }),
    stop() {
      stopped ??= (async () => {
        stopLoginItem()
        stopShortcut()
        tray?.dispose()
        popup.dispose()
        stopRouter()
        power.dispose()
        // Stops the pop-up feed first, so nothing new shows while the open pop-ups close.
        const hostStopped = host.stop()
        notifier.dispose()
        await Promise.race([hostStopped, new Promise((resolve) => setTimeout(resolve, STOP_MS))])
      })()
      return stopped
    }
  }
}

interface ShellParts {
  readonly power: ElectronPowerEvents
  readonly notifier: DesktopNotifier
  readonly popup: PopupWindow
  readonly windows: () => BrowserWindow[]
}

/** The pop-up window near the tray, on the `#/popup` route of the app's own page. */
function openPopupWindow(deps: ServicesDeps, tray: () => SystemTray | undefined): PopupWindow {
  const url = new URL(deps.appUrl)
  url.hash = '#/popup'
  return createPopupWindow({
    create: (options) => createRingsideWindow(options, deps.preloadPath),
    url: url.href,
    trayBounds: () => tray()?.bounds(),
    workArea: (near) =>
      (near ? screen.getDisplayNearestPoint(near) : screen.getPrimaryDisplay()).workArea,
    log: deps.log
  })
}

/** The desktop's ports: userData, the safeStorage vault, the system browser, native pop-ups. */
function hostPorts(deps: ServicesDeps, parts: ShellParts): HostPorts {
  const { power, notifier, popup } = parts
  const userData = app.getPath('userData')
  return {
    dataDir: userData,
    createVault: (onCorrupt) =>
      createSafeStorageVault({ safeStorage, file: join(userData, 'tokens.bin'), onCorrupt }),
    createCore: deps.createCore,
    startDemo: deps.startDemo,
    openExternal: openExternalUrl,
    power,
    emit: windowEmitter({ windows: parts.windows, log: deps.log }),
    // Shown only when the agent chose native notifications over the pop-up window, which
    // follows `notify:popup` itself (event-push.ts).
    nativePopups: {
      show: (shown) => notifier.notify(shown),
      dismiss: (tag) => notifier.close(tag)
    },
    popupWindow: popup,
    appVersion: app.getVersion(),
    autoDemo: deps.autoDemo,
    log: deps.log
  }
}

function desktopNotifier(
  keeper: WindowKeeper,
  openCall: (tag: string) => unknown
): DesktopNotifier {
  return createDesktopNotifier({
    isSupported: () => Notification.isSupported(),
    create: (options) => new Notification(options),
    onClick: openOnClick({ show: () => keeper.show(), openCall })
  })
}

function createTray(deps: ServicesDeps, host: Host): SystemTray | undefined {
  const { stateDir, template } = deps.trayIcons
  try {
    return createSystemTray({
      createTrayInstance: () => new Tray(trayImage(deps.trayIcons)),
      buildMenu: (template) => Menu.buildFromTemplate(template),
      ...(stateDir === undefined
        ? {}
        : { iconFor: (state: TrayState) => trayImage(stateIcons(stateDir, state, template)) }),
      core: host.core,
      popups: host.popups,
      showWindow: () => deps.keeper.show(),
      quit: deps.quit,
      log: deps.log
    })
  } catch (error) {
    // Some Linux desktops have no tray; Ringside then behaves like an ordinary windowed app.
    deps.log(`[tray] unavailable (${error instanceof Error ? error.name : 'error'})`)
    return undefined
  }
}

/** The files of a state's icon (scripts/make-icons.mjs draws them). */
function stateIcons(dir: string, state: TrayState, template: boolean): TrayIcons {
  const base = join(dir, template ? `${state}Template` : state)
  return { x1: `${base}.png`, x2: `${base}@2x.png`, template }
}

/** One image with both resolutions, so HiDPI screens get the sharp one. */
function trayImage(icons: TrayIcons): NativeImage {
  const image = nativeImage.createFromPath(icons.x1)
  image.addRepresentation({ scaleFactor: 2, buffer: nativeImage.createFromPath(icons.x2).toPNG() })
  // Said explicitly rather than left to the "…Template.png" file-name rule, which a renamed or
  // hashed asset would silently lose.
  if (icons.template) image.setTemplateImage(true)
  return image
}
