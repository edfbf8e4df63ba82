import { app, BrowserWindow, session } from 'electron'
import { appUrlFor } from './app-url'
import { denyAllPermissions, installWebContentsGuards } from './guards'
import { registerIpcHandlers } from './ipc'
import { createMainWindow } from './window'
import type { MainWindowDeps } from './window'

/**
 * Starts the Electron shell. Order matters: the sandbox and the WebContents guards are installed
 * before `ready`, so no window or contents can exist without them.
 */
export function startShell(deps: MainWindowDeps): void {
  // Sandbox every renderer, including any we did not create on purpose (Element does the same).
  app.enableSandbox()

  // A second launch focuses the running app instead of opening a second set of sockets and tokens.
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return
  }

  const appUrl = appUrlFor(deps)
  installWebContentsGuards(appUrl)

  let mainWindow: BrowserWindow | null = null
  const openMainWindow = (): void => {
    mainWindow = createMainWindow(deps)
    mainWindow.on('closed', () => {
      mainWindow = null
    })
  }

  app.on('second-instance', () => {
    if (mainWindow === null) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.show()
    mainWindow.focus()
  })

  app
    .whenReady()
    .then(() => {
      denyAllPermissions(session.defaultSession)
      registerIpcHandlers(appUrl)
      openMainWindow()
      // Tray: created here, after the main window, by src/main/shell/tray.ts (next release).

      // macOS: re-create the window when the dock icon is clicked and none is open.
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) openMainWindow()
      })
    })
    .catch((error: unknown) => {
      console.error('[shell] startup failed', error)
      app.exit(1)
    })

  // Quit when all windows are closed, except on macOS. Once the tray exists, closing the window
  // will hide it instead, so agents keep receiving call notifications.
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
}
