import { app, BrowserWindow, ipcMain } from 'electron'
import type { IpcMainInvokeEvent } from 'electron'
import { IpcChannel } from '../../shared/ipc/channels'
import { isAppUrl } from './app-url'

/**
 * True only for the main frame of one of our windows showing our own page. Rejects sub-frames,
 * webviews, detached contents, frames already navigated away (senderFrame is then null) and any
 * foreign page that got into a window (Electron security checklist item 17).
 */
export function isTrustedSender(event: IpcMainInvokeEvent, appUrl: string): boolean {
  const frame = event.senderFrame
  if (frame === null) {
    return false
  }
  const window = BrowserWindow.fromWebContents(event.sender)
  if (window === null || window.webContents.mainFrame !== frame) {
    return false
  }
  return isAppUrl(frame.url, appUrl)
}

/**
 * Registers the (for now single) IPC handler. Every handler checks its sender first; the full
 * contract with argument codecs and result envelopes replaces this module later.
 */
export function registerIpcHandlers(appUrl: string): void {
  ipcMain.handle(IpcChannel.appVersion, (event): string => {
    if (!isTrustedSender(event, appUrl)) {
      // Only `message` reaches the renderer, so keep it short and free of detail.
      throw new Error(`${IpcChannel.appVersion}: sender rejected`)
    }
    return app.getVersion()
  })
}
