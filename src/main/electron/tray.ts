import type { Menu, MenuItemConstructorOptions } from 'electron'
import type { Core, CoreStatus } from '../core/core'

/** The parts of an Electron `Tray` the service uses. */
export interface TrayHandle {
  setToolTip(toolTip: string): void
  setContextMenu(menu: Menu | null): void
  on(event: 'click', listener: () => void): unknown
  destroy(): void
}

export interface TrayActions {
  /** Shows and focuses the main window (re-creating it if needed). */
  readonly show: () => void
  readonly tryDemo: () => void
  readonly signOut: () => void
  /** Really quits, unlike closing the window, which only hides it. */
  readonly quit: () => void
}

export interface SystemTrayDeps {
  /** `() => new Tray(image)`: injected for tests, as Signal's `SystemTrayService` does. */
  readonly createTrayInstance: () => TrayHandle
  /** `Menu.buildFromTemplate`. */
  readonly buildMenu: (template: MenuItemConstructorOptions[]) => Menu
  readonly core: Pick<Core, 'status' | 'onStatus' | 'signInDemo' | 'auth'>
  readonly showWindow: () => void
  readonly quit: () => void
  readonly log?: (line: string) => void
}

export interface SystemTray {
  dispose(): void
}

/** What the tray's tooltip says for a status: "Ringside — live" and so on. */
export function trayTooltip(status: CoreStatus): string {
  const { auth, connection } = status
  if (auth.status === 'signed-out' || auth.status === 'signed-out-with-reason') {
    return 'Ringside — signed out'
  }
  if (auth.status === 'signing-in') return 'Ringside — signing in'
  const demo = auth.method === 'demo' ? ' (demo)' : ''
  switch (connection.status) {
    case 'live':
      return `Ringside — live${demo}`
    case 'recovering':
    case 'rate-limited':
      return `Ringside — recovering${demo}`
    case 'offline':
    case 'stopped':
      return `Ringside — offline${demo}`
    default:
      return `Ringside — connecting${demo}`
  }
}

/** The context menu: show, then the one sign-in action that fits, then quit. */
export function trayMenuTemplate(
  status: CoreStatus,
  actions: TrayActions
): MenuItemConstructorOptions[] {
  const signIn: MenuItemConstructorOptions =
    status.auth.status === 'signed-in'
      ? { label: 'Sign out', click: actions.signOut }
      : status.auth.status === 'signing-in'
        ? { label: 'Signing in…', enabled: false }
        : { label: 'Try the demo', click: actions.tryDemo }
  return [
    { label: 'Show Ringside', click: actions.show },
    signIn,
    { type: 'separator' },
    { label: 'Quit Ringside', click: actions.quit }
  ]
}

/**
 * Ringside's system tray icon. A call-centre agent keeps Ringside running all shift, so closing the
 * window hides it here, and only Quit from this menu (or the OS) ends the app. The tooltip follows
 * the connection, so a glance at the tray says whether calls will show up.
 */
export function createSystemTray(deps: SystemTrayDeps): SystemTray {
  const log = deps.log ?? ((line: string): void => console.warn(line))
  const tray = deps.createTrayInstance()

  const actions: TrayActions = {
    show: deps.showWindow,
    tryDemo: () => {
      deps.showWindow()
      deps.core.signInDemo().catch((error: unknown) => {
        log(`[tray] the demo did not start (${error instanceof Error ? error.name : 'error'})`)
      })
    },
    signOut: () => {
      deps.core.auth.signOut().catch(() => log('[tray] sign-out failed'))
    },
    quit: deps.quit
  }

  let tooltip = ''
  let menuFor = ''
  const render = (status: CoreStatus): void => {
    const text = trayTooltip(status)
    if (text !== tooltip) {
      tooltip = text
      tray.setToolTip(text)
    }
    // Rebuild the menu only when its items change: on Linux every setContextMenu re-registers the
    // whole menu with the desktop, and connection changes can be frequent.
    if (status.auth.status !== menuFor) {
      menuFor = status.auth.status
      tray.setContextMenu(deps.buildMenu(trayMenuTemplate(status, actions)))
    }
  }

  // Windows and most Linux desktops: a left click on the icon brings the window back. macOS opens
  // the context menu instead, which has "Show Ringside" first.
  tray.on('click', () => deps.showWindow())
  render(deps.core.status())
  const off = deps.core.onStatus(render)

  return {
    dispose() {
      off()
      tray.destroy()
    }
  }
}
