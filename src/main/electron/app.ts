import { dirname, join } from 'node:path'
import { app, protocol, session } from 'electron'
import type { Core, CoreOptions, DemoHandle } from '../core/core'
import { phoneSources, withConnectMeta } from '../host/csp'
import { coreRecovery, installLastResort, type ProcessEvents } from '../host/last-resort'
import { handleAppProtocol, registerAppScheme } from './app-protocol'
import { DEEP_LINK_SCHEME, deepLinkIn } from './deep-link'
import { appOriginOf, appUrlFor } from './app-url'
import { createContentPolicy, type ContentPolicy } from './content-policy'
import { installWebContentsGuards } from './guards'
import { installPermissionHandlers } from './permissions'
import { createWindowKeeper, type WindowKeeper } from './main-window'
import { watchRenderer } from './renderer-watch'
import { startServices, type Services, type TrayIcons } from './services'
import { createMainWindow, type MainWindowDeps } from './window'
import { WINDOW_BOUNDS_FILE } from './window-bounds'

export interface AppDeps {
  /** Where electron-vite put the preload and the renderer. */
  readonly location: MainWindowDeps
  readonly trayIcons: TrayIcons
  readonly createCore: (options: CoreOptions) => Core
  readonly startDemo: () => Promise<DemoHandle>
  /** Start the demo when nobody signed in before; default true. */
  readonly autoDemo?: boolean
  readonly log?: (line: string) => void
  /** Where uncaught errors are reported: `process`, or an EventEmitter in tests. */
  readonly process: ProcessEvents
}

/**
 * Windows shows notifications only for apps with an AppUserModelID; the installer's shortcut must
 * carry the same id (electron-builder `appId`).
 */
export const APP_USER_MODEL_ID = 'app.ringside.desktop'

/**
 * Starts Ringside. Order matters: the sandbox and the WebContents guards are installed before
 * `ready`, so no window or contents can exist without them; everything else waits for `ready`.
 * The last-resort guard comes right after the single-instance check, so an error nobody caught is
 * recorded and recovered from instead of ending the process, from before the core exists.
 *
 * Closing the window hides it to the tray; quitting (tray, Cmd+Q, OS shutdown) first stops the core
 * so the subscription is revoked and the demo emulator closed, then really quits.
 */
export function startApp(deps: AppDeps): void {
  const log = deps.log ?? ((line: string): void => console.warn(line))
  if (!claimInstance()) return
  const run: AppRun = { services: undefined, quitting: false, stopped: false }
  installLastResort({ process: deps.process, ...coreRecovery(() => run.services?.core), log })
  const appUrl = appUrlFor(deps.location)
  // Privileged schemes can only be registered before ready.
  registerAppScheme(protocol)
  installWebContentsGuards(appUrl)
  const keeper = keepMainWindow(deps, run, log)
  followAppEvents(run, keeper, log)
  startWhenReady(deps, { run, keeper, appUrl, policy: createContentPolicy(), log })
}

/** What the app's event handlers share: the services once ready, and where quitting stands. */
interface AppRun {
  services: Services | undefined
  quitting: boolean
  stopped: boolean
}

/** The sandbox for every renderer, and one running Ringside; false when this one must quit. */
function claimInstance(): boolean {
  // Sandbox every renderer, including any we did not create on purpose (Element does the same).
  app.enableSandbox()
  // A second launch focuses the running app instead of opening a second set of sockets and tokens.
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return false
  }
  if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID)
  app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME)
  return true
}

/** The main window: hidden to the tray on close, its renderer watched and reloaded. */
function keepMainWindow(deps: AppDeps, run: AppRun, log: (line: string) => void): WindowKeeper {
  return createWindowKeeper({
    create: () =>
      createMainWindow({
        ...deps.location,
        boundsFile: join(app.getPath('userData'), WINDOW_BOUNDS_FILE)
      }),
    hideOnClose: () => !run.quitting && run.services?.hasTray === true,
    watch: (window) =>
      watchRenderer(window, {
        log,
        onGiveUp: () =>
          run.services?.alert({
            title: 'Ringside’s window stopped working',
            body: 'Calls are still watched and pop-ups still show. Click here or the tray icon to reopen it.'
          })
      })
  })
}

/** Second launch and dock clicks show the window; quitting stops the services first. */
function followAppEvents(run: AppRun, keeper: WindowKeeper, log: (line: string) => void): void {
  // A second launch, or (macOS) a click on the dock icon, brings the hidden window back. Before
  // ready there is nothing to show yet; the window opens once the services are up.
  const showWindow = (): void => {
    if (run.services !== undefined) keeper.show()
  }
  // A deep link (argv on Windows and Linux, `open-url` on macOS) is handed to this instance.
  app.on('second-instance', (_event, argv: readonly string[] | undefined) => {
    const route = deepLinkIn(Array.isArray(argv) ? argv : [])
    if (route !== undefined) log(`[app] ringside:// link received (${route})`)
    showWindow()
  })
  app.on('open-url', (event, url: string) => {
    event.preventDefault()
    const route = deepLinkIn([url])
    if (route !== undefined) log(`[app] ringside:// link received (${route})`)
    showWindow()
  })
  app.on('activate', showWindow)

  app.on('before-quit', (event) => {
    run.quitting = true
    const services = run.services
    if (run.stopped || services === undefined) return
    // Hold the quit until the core has revoked its subscription, then quit for real.
    event.preventDefault()
    void services
      .stop()
      .catch((error: unknown) => {
        log(`[app] shutdown failed (${error instanceof Error ? error.name : 'error'})`)
      })
      .finally(() => {
        run.stopped = true
        app.quit()
      })
  })
  // Windows only close when quitting, or when there is no tray to hide to: then it is time to go.
  app.on('window-all-closed', () => {
    if (run.quitting || run.services?.hasTray !== true) app.quit()
  })
}

interface ReadyParts {
  readonly run: AppRun
  readonly keeper: WindowKeeper
  readonly appUrl: string
  /** The CSP the app:// handler serves; the web phone adds its proxy with `allowProxyOrigins`. */
  readonly policy: ContentPolicy
  readonly log: (line: string) => void
}

/**
 * The CSP for the next response: the policy widened by exactly the SIP proxies the core provisioned
 * (docs/phone.md#content-security-policy). Read per response, so the page that reloads after the
 * phone's first provisioning gets them; phoneSources only yields checked `wss://host:port` origins.
 */
function phonePolicy(policy: ContentPolicy, core: Core | undefined): string {
  policy.allowProxyOrigins(phoneSources(core?.phone.proxies() ?? []))
  return policy.csp()
}

/** At `ready`: the app:// scheme served, permissions denied but the app's own audio, the services started, the stored sign-in resumed. */
function startWhenReady(deps: AppDeps, parts: ReadyParts): void {
  const { run, keeper, appUrl, policy, log } = parts
  app
    .whenReady()
    .then(async () => {
      handleAppProtocol(protocol, {
        root: dirname(deps.location.indexHtml),
        csp: () => phonePolicy(policy, run.services?.core),
        index: (html) => withConnectMeta(html, policy.proxyOrigins())
      })
      installPermissionHandlers(session.defaultSession, appOriginOf(appUrl))
      run.services = startServices({
        appUrl,
        preloadPath: deps.location.preloadPath,
        keeper,
        trayIcons: deps.trayIcons,
        createCore: deps.createCore,
        startDemo: deps.startDemo,
        autoDemo: deps.autoDemo ?? true,
        quit: () => app.quit(),
        log
      })
      await run.services.begin()
    })
    .catch((error: unknown) => {
      log(`[app] start-up failed (${error instanceof Error ? error.name : 'error'})`)
      console.error(error)
      app.exit(1)
    })
}
