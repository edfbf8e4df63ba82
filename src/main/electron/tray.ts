import type { Menu, MenuItemConstructorOptions } from 'electron'
import type { Core, CoreStatus } from '../core/core'
import type { OwnDnd } from '../core/lines/dnd'

/** The parts of an Electron `Tray` the service uses. */
export interface TrayHandle {
  setToolTip(toolTip: string): void
  setContextMenu(menu: Menu | null): void
  setImage(image: never): void
  getBounds?(): { x: number; y: number; width: number; height: number }
  on(event: 'click', listener: () => void): unknown
  destroy(): void
}

/**
 * What the icon shows, most urgent first: nobody signed in; RingCentral not heard (offline,
 * recovering, connecting); the phone not registered (calls cannot be taken over); lines ringing;
 * a held call waiting; live and idle. Each has its own icon file (resources/tray/<state>.png,
 * a `Template` variant for macOS and an `.ico` for Windows).
 */
export type TrayState =
  'signed-out' | 'offline' | 'phone-unregistered' | 'ringing' | 'held' | 'idle'

export const TRAY_STATES: readonly TrayState[] = [
  'signed-out',
  'offline',
  'phone-unregistered',
  'ringing',
  'held',
  'idle'
]

/** What the tray reads to choose its icon and tooltip. */
export interface TrayFacts {
  readonly status: CoreStatus
  /** Calls ringing on monitored lines (one per call, however many lines it rings). */
  readonly ringing: number
  readonly held: number
  /** The web phone's registration, once there is a phone; undefined before. */
  readonly phone?: 'registered' | 'unregistered' | undefined
}

const plural = (n: number, one: string, many: string): string => (n === 1 ? one : many)

function connectionWord(connection: CoreStatus['connection']): string | undefined {
  switch (connection.status) {
    case 'live':
      return undefined
    case 'recovering':
    case 'rate-limited':
      return 'recovering'
    case 'offline':
    case 'stopped':
      return 'offline'
    default:
      return 'connecting'
  }
}

/** The icon state and the tooltip ("Ringside — 2 lines ringing") for what the core reports. */
export function trayPresentation(facts: TrayFacts): { state: TrayState; tooltip: string } {
  const { auth, connection } = facts.status
  if (auth.status !== 'signed-in') {
    const word = auth.status === 'signing-in' ? 'signing in' : 'signed out'
    return { state: 'signed-out', tooltip: `Ringside — ${word}` }
  }
  const demo = auth.method === 'demo' ? ' (demo)' : ''
  const say = (state: TrayState, text: string): { state: TrayState; tooltip: string } => ({
    state,
    tooltip: `Ringside — ${text}${demo}`
  })
  const notLive = connectionWord(connection)
  if (notLive !== undefined) return say('offline', notLive)
  if (facts.phone === 'unregistered') return say('phone-unregistered', 'phone not registered')
  if (facts.ringing > 0) {
    return say('ringing', `${facts.ringing} ${plural(facts.ringing, 'line', 'lines')} ringing`)
  }
  if (facts.held > 0) {
    return say('held', `${facts.held} held ${plural(facts.held, 'call', 'calls')} waiting`)
  }
  return say('idle', 'live')
}

/** The tooltip for a status alone (no calls, no phone). */
export const trayTooltip = (status: CoreStatus): string =>
  trayPresentation({ status, ringing: 0, held: 0 }).tooltip

export interface TrayActions {
  /** Shows and focuses the main window (re-creating it if needed). */
  readonly show: () => void
  readonly tryDemo: () => void
  readonly signOut: () => void
  readonly setDnd: (on: boolean) => void
  readonly setPaused: (paused: boolean) => void
  /** Really quits, unlike closing the window, which only hides it. */
  readonly quit: () => void
}

export interface MenuFacts {
  readonly status: CoreStatus
  /** The agent's own DND is "do not accept any calls". */
  readonly dnd: boolean
  readonly paused: boolean
}

/** Open; Do not disturb (signed in only); Pause pop-ups; the sign-in action that fits; Quit. */
export function trayMenuTemplate(
  facts: MenuFacts,
  actions: TrayActions
): MenuItemConstructorOptions[] {
  const { status } = facts
  const signedIn = status.auth.status === 'signed-in'
  const signIn: MenuItemConstructorOptions = signedIn
    ? { label: 'Sign out', click: actions.signOut }
    : status.auth.status === 'signing-in'
      ? { label: 'Signing in…', enabled: false }
      : { label: 'Try the demo', click: actions.tryDemo }
  const dnd: MenuItemConstructorOptions[] = signedIn
    ? [
        {
          label: 'Do not disturb',
          type: 'checkbox',
          checked: facts.dnd,
          click: () => actions.setDnd(!facts.dnd)
        }
      ]
    : []
  return [
    { label: 'Show Ringside', click: actions.show },
    ...dnd,
    {
      label: 'Pause pop-ups',
      type: 'checkbox',
      checked: facts.paused,
      click: () => actions.setPaused(!facts.paused)
    },
    signIn,
    { type: 'separator' },
    { label: 'Quit Ringside', click: actions.quit }
  ]
}

export interface SystemTrayDeps {
  /** `() => new Tray(image)`: injected for tests, as Signal's `SystemTrayService` does. */
  readonly createTrayInstance: () => TrayHandle
  /** `Menu.buildFromTemplate`. */
  readonly buildMenu: (template: MenuItemConstructorOptions[]) => Menu
  /** The icon for a state (a NativeImage in the app); the tray sets it only when it changes. */
  readonly iconFor?: (state: TrayState) => unknown
  readonly core: Pick<
    Core,
    | 'status'
    | 'onStatus'
    | 'signInDemo'
    | 'auth'
    | 'snapshot'
    | 'subscribe'
    | 'ownDnd'
    | 'setOwnDnd'
  >
  /** The host's "Pause pop-ups". */
  readonly popups?: { paused(): boolean; setPaused(paused: boolean): void }
  /** The web phone's registration, when there is one. */
  readonly phone?: () => 'registered' | 'unregistered' | undefined
  readonly showWindow: () => void
  readonly quit: () => void
  readonly log?: (line: string) => void
}

export interface SystemTray {
  /** Reads everything again (the phone's registration changed). */
  refresh(): void
  /** Where the icon is on screen (empty on some Linux desktops), for the pop-up window. */
  bounds(): { x: number; y: number; width: number; height: number } | undefined
  dispose(): void
}

/** Calls, not lines: a queue call ringing three monitored lines counts once. */
function countCalls(
  items: ReadonlyArray<{ telephonySessionId: string | null; id: string }>
): number {
  return new Set(items.map((i) => i.telephonySessionId ?? i.id)).size
}

/**
 * Ringside's system tray icon. A call-centre agent keeps Ringside running all shift, so closing the
 * window hides it here, and only Quit from this menu (or the OS) ends the app. The icon and
 * tooltip follow the connection and the calls, so a glance at the tray says whether calls will
 * show up and whether one is waiting.
 */
export function createSystemTray(deps: SystemTrayDeps): SystemTray {
  const log = deps.log ?? ((line: string): void => console.warn(line))
  const tray = deps.createTrayInstance()
  const { core } = deps
  let menuKey = ''
  let tooltip = ''
  let icon: TrayState | undefined

  const actions: TrayActions = {
    show: deps.showWindow,
    tryDemo: () => {
      deps.showWindow()
      core.signInDemo().catch((error: unknown) => {
        log(`[tray] the demo did not start (${error instanceof Error ? error.name : 'error'})`)
      })
    },
    signOut: () => {
      core.auth.signOut().catch(() => log('[tray] sign-out failed'))
    },
    // Through RingCentral's presence API; the menu follows when the presence event comes back.
    setDnd: (on) => {
      const next: OwnDnd = on ? 'DoNotAcceptAnyCalls' : 'TakeAllCalls'
      core.setOwnDnd(next).catch(() => log('[tray] do not disturb was not changed'))
    },
    setPaused: (paused) => {
      deps.popups?.setPaused(paused)
      render()
    },
    quit: deps.quit
  }

  const render = (): void => {
    const status = core.status()
    const snapshot = core.snapshot()
    const shown = trayPresentation({
      status,
      ringing: countCalls(snapshot.ringingLines),
      held: countCalls(snapshot.heldCalls),
      phone: deps.phone?.()
    })
    if (shown.tooltip !== tooltip) {
      tooltip = shown.tooltip
      tray.setToolTip(tooltip)
    }
    if (shown.state !== icon && deps.iconFor !== undefined) {
      tray.setImage(deps.iconFor(shown.state) as never)
    }
    icon = shown.state
    const facts: MenuFacts = {
      status,
      dnd: core.ownDnd() === 'DoNotAcceptAnyCalls',
      paused: deps.popups?.paused() ?? false
    }
    // Rebuild the menu only when its items change: on Linux every setContextMenu re-registers the
    // whole menu with the desktop, and connection changes can be frequent.
    const key = `${status.auth.status}|${facts.dnd}|${facts.paused}`
    if (key !== menuKey) {
      menuKey = key
      tray.setContextMenu(deps.buildMenu(trayMenuTemplate(facts, actions)))
    }
  }

  // Windows and most Linux desktops: a left click on the icon brings the window back. macOS opens
  // the context menu instead, which has "Show Ringside" first.
  tray.on('click', () => deps.showWindow())
  render()
  const offStatus = core.onStatus(render)
  const offState = core.subscribe(render)

  return {
    refresh: render,
    bounds: () => tray.getBounds?.(),
    dispose() {
      offStatus()
      offState()
      tray.destroy()
    }
  }
}
