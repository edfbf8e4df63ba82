import type { BrowserWindow } from 'electron'

export interface WindowKeeperDeps {
  /** Creates the main window (`createMainWindow` with the app's paths). */
  readonly create: () => BrowserWindow
  /**
   * Asked when the agent closes the window: true hides it to the tray instead (an agent keeps
   * Ringside running all shift); false lets it close (quitting, or there is no tray to come back
   * from).
   */
  readonly hideOnClose: () => boolean
  /** Watches a new window's renderer (crash reload, renderer-watch.ts); returns the stop function. */
  readonly watch?: (window: BrowserWindow) => () => void
}

/** Owns Ringside's main window: the only window IPC answers and events reach. */
export interface WindowKeeper {
  /** Shows, restores and focuses the main window, opening it first if there is none. */
  show(): void
  /** Ringside's open windows (today at most the main window). */
  windows(): readonly BrowserWindow[]
  /** For the IPC sender check: windows Ringside did not open are never trusted. */
  isRingsideWindow(window: BrowserWindow): boolean
}

/**
 * Keeps one main window and reuses it, instead of the module-global `mainWindow` of Electron's
 * samples (or Element's `global.mainWindow`), so the IPC guard and the event push ask the same
 * registry which windows are ours.
 */
export function createWindowKeeper(deps: WindowKeeperDeps): WindowKeeper {
  let main: BrowserWindow | null = null

  const open = (): BrowserWindow => {
    const window = deps.create()
    const unwatch = deps.watch?.(window)
    window.on('close', (event) => {
      if (!deps.hideOnClose()) return
      event.preventDefault()
      window.hide()
    })
    window.on('closed', () => {
      unwatch?.()
      if (main === window) main = null
    })
    main = window
    return window
  }

  const alive = (): BrowserWindow | null => (main !== null && !main.isDestroyed() ? main : null)

  return {
    show() {
      const existing = alive()
      if (existing === null) {
        // A new window shows itself on ready-to-show (window.ts).
        open()
        return
      }
      if (existing.isMinimized()) existing.restore()
      existing.show()
      existing.focus()
    },
    windows: () => {
      const window = alive()
      return window === null ? [] : [window]
    },
    isRingsideWindow: (window) => window === alive()
  }
}
