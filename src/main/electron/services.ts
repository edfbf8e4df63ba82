import { join } from 'node:path'
import {
  app,
  ipcMain,
  Menu,
  nativeImage,
  net,
  Notification,
  powerMonitor,
  safeStorage,
  Tray
} from 'electron'
import type { NativeImage } from 'electron'
import { createHandlers } from '../host/handlers'
import { startPopupFeed } from '../host/popup-feed'
import { createSettingsStore } from '../host/settings-store'
import { parseServerUrl, PRODUCTION_SERVER } from '../core/auth'
import type { Core, CoreOptions, DemoHandle } from '../core/core'
import { startEventPush } from './events'
import { openExternalUrl } from './external'
import { registerIpcRouter } from './ipc-router'
import { followStartAtLogin } from './login-item'
import type { WindowKeeper } from './main-window'
import { createDesktopNotifier } from './notifier'
import { createPowerEvents } from './power'
import { isTrustedSender } from './sender'
import { createSafeStorageVault } from './token-vault'
import { createSystemTray, type SystemTray } from './tray'

/** The tray icon's files: 16 px and 32 px, and whether they are a macOS template (black + alpha). */
export interface TrayIcons {
  readonly x1: string
  readonly x2: string
  readonly template: boolean
}

export interface ServicesDeps {
  readonly appUrl: string
  readonly keeper: WindowKeeper
  readonly trayIcons: TrayIcons
  readonly createCore: (options: CoreOptions) => Core
  readonly startDemo: () => Promise<DemoHandle>
  /** The RingCentral app registration for browser sign-in. */
  readonly clientId: string
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
  /** Opens the window, resumes the stored session, or starts the demo when there is none. */
  begin(): Promise<void>
  /** Stops everything; the core's sockets and the demo emulator are closed within `STOP_MS`. */
  stop(): Promise<void>
  /** A desktop notification about Ringside itself; a click opens the window. */
  alert(note: { readonly title: string; readonly body: string }): void
}

/** Quitting must not hang on a server that does not answer the subscription revoke. */
const STOP_MS = 5_000

/** A throwing listener, logged by error name only: a message may carry call or account data. */
const listenerFailed =
  (log: (line: string) => void, where: string) =>
  (error: unknown): void =>
    log(`[${where}] a listener failed (${error instanceof Error ? error.name : 'error'})`)

/**
 * Everything that needs `app.whenReady()`: settings, the token vault (Linux reports no keychain
 * before ready), the core and its ports, the IPC router, the event push, pop-ups, tray and login
 * item. The router is registered before the window opens, so the page's first call is answered.
 */
export function startServices(deps: ServicesDeps): Services {
  const { log, keeper } = deps
  const userData = app.getPath('userData')
  const settings = createSettingsStore(join(userData, 'settings.json'), {
    onListenerError: listenerFailed(log, 'settings')
  })
  if (settings.problem !== undefined) log(`[settings] ${settings.problem}`)
  const initial = settings.get()

  const vault = createSafeStorageVault({
    safeStorage,
    file: join(userData, 'tokens.bin'),
    onCorrupt: (why) => log(`[vault] ${why}`)
  })
  const power = createPowerEvents({
    powerMonitor,
    isOnline: () => net.isOnline(),
    onListenerError: listenerFailed(log, 'power')
  })
  const core = deps.createCore({
    vault,
    browser: { open: openExternalUrl },
    appVersion: app.getVersion(),
    client: { clientId: deps.clientId },
    server: validServer(initial.server, log),
    power,
    startDemo: deps.startDemo,
    subscription: initial.subscription,
    ...(initial.preferredDeviceId === null ? {} : { preferredDeviceId: initial.preferredDeviceId })
  })

  const stopRouter = registerIpcRouter({
    ipcMain,
    handlers: createHandlers({
      core,
      settings,
      appVersion: app.getVersion(),
      openExternal: openExternalUrl
    }),
    isTrusted: (event) => isTrustedSender(event, deps.appUrl, keeper.isRingsideWindow),
    log
  })
  const events = startEventPush({ core, windows: keeper.windows, log })
  const notifier = createDesktopNotifier({
    isSupported: () => Notification.isSupported(),
    create: (options) => new Notification(options),
    onClick: () => keeper.show()
  })
  const stopPopups = startPopupFeed({
    core,
    rules: () => settings.get().notifications,
    show: (popup) => {
      notifier.notify(popup)
      // The in-app toast, for agents whose OS notifications are off or hidden behind the softphone.
      events.send('notify:popup', popup)
    },
    dismiss: (tag) => notifier.close(tag)
  })
  const tray = createTray(deps, core)
  const stopLoginItem = followStartAtLogin({ app, settings, log })

  let stopped: Promise<void> | undefined
  return {
    core,
    hasTray: tray !== undefined,
    async begin() {
      keeper.show()
      // Restores a stored session; never throws (a failure ends as "signed out" with a reason).
      await core.start()
      // "npm start launches the app in demo mode unless the user has signed in before": a plain
      // `signed-out` means no stored session. A session that could not be restored ends as
      // `signed-out-with-reason` instead, and the agent should read why rather than land in a demo.
      if (deps.autoDemo && core.status().auth.status === 'signed-out') {
        await core.signInDemo().catch((error: unknown) => {
          log(`[app] the demo did not start (${error instanceof Error ? error.name : 'error'})`)
        })
      }
    },
    alert: (note) => notifier.notify({ ...note, tag: 'ringside-alert' }),
    stop() {
      stopped ??= (async () => {
        stopLoginItem()
        stopPopups()
        notifier.dispose()
        tray?.dispose()
        events.dispose()
        stopRouter()
        power.dispose()
        await Promise.race([core.stop(), new Promise((resolve) => setTimeout(resolve, STOP_MS))])
      })()
      return stopped
    }
  }
}

/** The saved server, or production when the file holds something the core would refuse. */
function validServer(server: string, log: (line: string) => void): string {
  try {
    return parseServerUrl(server)
  } catch {
    log('[settings] the saved server address is not valid; using RingCentral production')
    return PRODUCTION_SERVER
  }
}

function createTray(deps: ServicesDeps, core: Core): SystemTray | undefined {
  try {
    return createSystemTray({
      createTrayInstance: () => new Tray(trayImage(deps.trayIcons)),
      buildMenu: (template) => Menu.buildFromTemplate(template),
      core,
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

/** One image with both resolutions, so HiDPI screens get the sharp one. */
function trayImage(icons: TrayIcons): NativeImage {
  const image = nativeImage.createFromPath(icons.x1)
  image.addRepresentation({ scaleFactor: 2, buffer: nativeImage.createFromPath(icons.x2).toPNG() })
  // Said explicitly rather than left to the "…Template.png" file-name rule, which a renamed or
  // hashed asset would silently lose.
  if (icons.template) image.setTemplateImage(true)
  return image
}
