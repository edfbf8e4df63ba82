import { BrowserWindow } from 'electron'
import type { IpcMainInvokeEvent, WebFrameMain } from 'electron'
import { isAppUrl } from './app-url'

/** Says whether a window is one Ringside opened (the main window today). */
export type IsRingsideWindow = (window: BrowserWindow) => boolean

/**
 * True only for the main frame of one of our windows showing our own page. Rejects sub-frames,
 * webviews, detached contents, windows Ringside did not open, frames already navigated away
 * (senderFrame is then null) and any foreign page that got into a window (Electron security
 * checklist item 17; VS Code's `ValidatedIpcMain` checks the same things).
 */
export function isTrustedSender(
  event: IpcMainInvokeEvent,
  appUrl: string,
  isRingsideWindow: IsRingsideWindow = () => true
): boolean {
  const frame = senderFrameOf(event)
  if (frame === null || frame.parent !== null) {
    return false
  }
  const window = BrowserWindow.fromWebContents(event.sender)
  if (window === null || !isRingsideWindow(window)) {
    return false
  }
  // A frame of another window (or a stale main frame after a cross-origin swap) is not this one.
  if (window.webContents.mainFrame !== frame) {
    return false
  }
  return isAppUrl(frame.url, appUrl)
}

/**
 * `senderFrame` is a getter that is null once the frame navigated or was destroyed
 * (docs/api/structures/ipc-main-invoke-event.md); treat a getter that throws the same way.
 */
function senderFrameOf(event: IpcMainInvokeEvent): WebFrameMain | null {
  try {
    return event.senderFrame ?? null
  } catch {
    return null
  }
}
