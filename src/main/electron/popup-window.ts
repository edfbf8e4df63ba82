/**
 * The tray pop-up window: the `#/popup` route of the same renderer in a small frameless,
 * always-on-top window near the tray. It must never take keyboard focus from the agent's CRM: it
 * is created with `focusable: false` and only ever shown with `showInactive()`; it becomes
 * focusable when the agent clicks it (the route reports the click), and stops being focusable
 * again when it empties. Its size follows the entries the route reports (`popup:report`).
 */
import type { BrowserWindow, Rectangle } from 'electron'
import type { PopupReport } from '../../shared/ipc/contract'
import type { WindowOptions } from './window'

export const POPUP_WIDTH = 380
/** One entry's height (a call card and its Dismiss button), and the padding around the stack. */
export const POPUP_ENTRY_HEIGHT = 112
const POPUP_PADDING = 16
const MARGIN = 8

/** The window's options: no frame, on top, out of the taskbar, never focused on its own. */
export const POPUP_WINDOW_OPTIONS: WindowOptions = {
  title: 'Ringside calls',
  width: POPUP_WIDTH,
  height: POPUP_ENTRY_HEIGHT + POPUP_PADDING,
  show: false,
  frame: false,
  resizable: false,
  movable: false,
  minimizable: false,
  maximizable: false,
  fullscreenable: false,
  alwaysOnTop: true,
  skipTaskbar: true,
  focusable: false
}

export interface PopupWindowDeps {
  /** `createRingsideWindow` with the app's preload: the same webPreferences as every window. */
  readonly create: (options: WindowOptions) => BrowserWindow
  /** The app's URL with the `#/popup` route. */
  readonly url: string
  /** Where the tray icon is (empty on some Linux desktops), and the work area of its screen. */
  readonly trayBounds: () => Rectangle | undefined
  readonly workArea: (near: { x: number; y: number } | undefined) => Rectangle
  readonly log: (line: string) => void
}

export interface PopupWindow {
  /** What the route reported: size, show (inactive) or hide. */
  report(report: PopupReport): void
  /** The window (for the IPC sender check and the event push). */
  window(): BrowserWindow | undefined
  dispose(): void
}

/**
 * Where the window goes: at the tray icon's corner of the work area (bottom right on Windows and
 * most Linux panels, top right under a macOS menu bar), inside the screen.
 */
export function popupBounds(
  entries: number,
  tray: Rectangle | undefined,
  area: Rectangle
): Rectangle {
  const height = Math.min(area.height - 2 * MARGIN, entries * POPUP_ENTRY_HEIGHT + POPUP_PADDING)
  const width = POPUP_WIDTH
  const nearTop = tray !== undefined && tray.y < area.y + area.height / 2
  const x = area.x + area.width - width - MARGIN
  const y = nearTop ? area.y + MARGIN : area.y + area.height - height - MARGIN
  return { x: Math.round(x), y: Math.round(y), width, height: Math.round(height) }
}

export function createPopupWindow(deps: PopupWindowDeps): PopupWindow {
  let win: BrowserWindow | undefined
  let focusable = false

  const open = (): BrowserWindow => {
    const created = deps.create(POPUP_WINDOW_OPTIONS)
    created.setAlwaysOnTop(true, 'pop-up-menu')
    // Closing it (Alt+F4 once focusable) hides it: the route keeps listening for the next call.
    created.on('close', (event) => {
      if (win === created) {
        event.preventDefault()
        created.hide()
      }
    })
    created.loadURL(deps.url).catch(() => deps.log('[popup] the pop-up page did not load'))
    return created
  }
  // Opened hidden at start, so the route already listens when the first call rings.
  win = open()

  return {
    report({ entries, clicked }) {
      if (win === undefined || win.isDestroyed()) return
      if (entries === 0) {
        win.hide()
        if (focusable) win.setFocusable(false)
        focusable = false
        return
      }
      const tray = deps.trayBounds()
      const near = tray && tray.width > 0 ? { x: tray.x, y: tray.y } : undefined
      win.setBounds(popupBounds(entries, tray, deps.workArea(near)))
      if (clicked && !focusable) {
        focusable = true
        win.setFocusable(true)
      }
      // Never `show()`: that would take the keyboard from whatever the agent is typing in.
      if (!win.isVisible()) win.showInactive()
    },
    window: () => (win !== undefined && !win.isDestroyed() ? win : undefined),
    dispose() {
      const closing = win
      win = undefined
      if (closing !== undefined && !closing.isDestroyed()) closing.destroy()
    }
  }
}
