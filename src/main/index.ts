import { join } from 'node:path'
import icon from '../../resources/icon.png?asset'
import { startShell } from './shell/lifecycle'

// Wiring only: resolve where electron-vite put the preload and renderer, then start the shell.
// Both paths are relative to out/main, where this file is emitted.
startShell({
  preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
  indexHtml: join(import.meta.dirname, '../renderer/index.html'),
  devServerUrl: process.env['ELECTRON_RENDERER_URL'],
  icon
})
