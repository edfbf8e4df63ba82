import { app, session } from 'electron'
import type { Core, CoreOptions, DemoHandle } from '../core/core'
import { appUrlFor } from './app-url'
import { denyAllPermissions, installWebContentsGuards } from './guards'
import { createWindowKeeper } from './main-window'
import { watchRenderer } from './renderer-watch'
import { startServices, type Services, type TrayIcons } from './services'
import { createMainWindow, type MainWindowDeps } from './window'

export interface AppDeps {
  /** Where electron-vite put the preload and the renderer. */
  readonly location: MainWindowDeps
  readonly trayIcons: TrayIcons
  readonly createCore: (options: CoreOptions) => Core
  readonly startDemo: () => Promise<DemoHandle>
  /** Start the demo when nobody signed in before; default true. */
  readonly autoDemo?: boolean
  readonly log?: (line: string) => void
}

/**
 * Windows shows notifications only for apps with an AppUserModelID; the installer's shortcut must
 * carry the same id (electron-builder `appId`).
 */
export const APP_USER_MODEL_ID = 'app.ringside.desktop'

/**
 * Starts Ringside. Order matters: the sandbox and the WebContents guards are installed before
 * `ready`, so no window or contents can exist without them; everything else waits for `ready`.
 *
 * Closing the window hides it to the tray; quitting (tray, Cmd+Q, OS shutdown) first stops the core
 * so the subscription is revoked and the demo emulator closed, then really quits.
 */
export function startApp(deps: AppDeps): void {
  const log = deps.log ?? ((line: string): void => console.warn(line))
  // Sandbox every renderer, including any we did not create on purpose (Element does the same).
  app.enableSandbox()

  // A second launch focuses the running app instead of opening a second set of sockets and tokens.
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return
  }
  if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID)

  const appUrl = appUrlFor(deps.location)
  installWebContentsGuards(appUrl)

  let services: Services | undefined
  let quitting = false
  let stopped = false
  const keeper = createWindowKeeper({
    create: () => createMainWindow(deps.location),
    hideOnClose: () => !quitting && services?.hasTray === true,
    watch: (window) =>
      watchRenderer(window, {
        log,
        onGiveUp: () =>
          services?.alert({
            title: 'Ringside’s window stopped working',
            body: 'Calls are still watched and pop-ups still show. Click here or the tray icon to reopen it.'
          })
      })
  })

  // A second launch, or (macOS) a click on the dock icon, brings the hidden window back. Before
  // ready there is nothing to show yet; the window opens once the services are up.
  const showWindow = (): void => {
    if (services !== undefined) keeper.show()
  }
  app.on('second-instance', showWindow)
  app.on('activate', showWindow)

  app.on('before-quit', (event) => {
    quitting = true
    if (stopped || services === undefined) return
    // Hold the quit until the core has revoked its subscription, then quit for real.
    event.preventDefault()
    void services
      .stop()
      .catch((error: unknown) => {
        log(`[app] shutdown failed (${error instanceof Error ? error.name : 'error'})`)
      })
      .finally(() => {
        stopped = true
        app.quit()
      })
  })
  // Windows only close when quitting, or when there is no tray to hide to: then it is time to go.
  app.on('window-all-closed', () => {
    if (quitting || services?.hasTray !== true) app.quit()
  })

  app
    .whenReady()
    .then(async () => {
      denyAllPermissions(session.defaultSession)
      services = startServices({
        appUrl,
        keeper,
        trayIcons: deps.trayIcons,
        createCore: deps.createCore,
        startDemo: deps.startDemo,
        autoDemo: deps.autoDemo ?? true,
        quit: () => app.quit(),
        log
      })
      await services.begin()
    })
    .catch((error: unknown) => {
      log(`[app] start-up failed (${error instanceof Error ? error.name : 'error'})`)
      console.error(error)
      app.exit(1)
    })
}
