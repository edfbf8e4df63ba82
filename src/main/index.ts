import { join } from 'node:path'
import { app } from 'electron'
import icon from '../../resources/icon.png?asset'
import tray from '../../resources/tray.png?asset'
import tray2x from '../../resources/tray@2x.png?asset'
import trayTemplate from '../../resources/trayTemplate.png?asset'
import trayTemplate2x from '../../resources/trayTemplate@2x.png?asset'
import { createCore } from './core/core'
import { startEmbeddedEmulator } from './core/demo'
import { startApp } from './electron/app'
import { createElectronLog } from './electron/log'

/** The per-state tray icons: copied beside the asar when packaged (electron-builder config). */
function trayStateDir(): string {
  return app.isPackaged
    ? join(process.resourcesPath, 'tray')
    : join(import.meta.dirname, '../../resources/tray')
}

// Wiring only. Paths are relative to out/main, where this file is emitted.
startApp({
  location: {
    preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
    indexHtml: join(import.meta.dirname, '../renderer/index.html'),
    devServerUrl: process.env['ELECTRON_RENDERER_URL'],
    icon
  },
  // macOS tints a black template image for light and dark menu bars; elsewhere the coloured icon.
  trayIcons:
    process.platform === 'darwin'
      ? { x1: trayTemplate, x2: trayTemplate2x, template: true, stateDir: trayStateDir() }
      : { x1: tray, x2: tray2x, template: false, stateDir: trayStateDir() },
  createCore,
  startDemo: () => startEmbeddedEmulator(),
  log: createElectronLog().write,
  process
})
