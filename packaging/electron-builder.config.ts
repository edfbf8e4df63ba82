/**
 * electron-builder's configuration (`npm run dist:linux`, `dist:win`, `dist:mac`; README
 * "Installers"). The fuses are flipped in the `afterPack` hook (after-pack.ts), not through the
 * builder's own `electronFuses` option, so the hook can check the whole wire of the binary it
 * packed. The app id is the Windows AppUserModelID notifications need (src/main/electron/app.ts).
 */
import type { Configuration } from 'electron-builder'

export const APP_ID = 'app.ringside.desktop'

const config: Configuration = {
  appId: APP_ID,
  productName: 'Ringside',
  executableName: 'ringside',
  copyright: 'Copyright © Ringside contributors',
  directories: { output: 'dist', buildResources: 'resources' },
  // Only what the built app runs: electron-vite's output and the package manifest.
  files: ['out/**/*', 'package.json', '!**/*.map'],
  asar: true,
  // Native modules (the OS keyring for browser mode) cannot run from inside the asar.
  asarUnpack: ['**/*.node'],
  extraResources: [{ from: 'resources/tray', to: 'tray' }],
  afterPack: './packaging/after-pack.ts',
  // `ringside://` deep links are handed to the running app (src/main/electron/deep-link.ts).
  protocols: [{ name: 'Ringside', schemes: ['ringside'] }],
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Office',
    icon: 'resources/icon.png',
    synopsis: 'Monitored lines, incoming calls and one-click pickup for RingCentral agents',
    mimeTypes: ['x-scheme-handler/ringside']
  },
  deb: { depends: ['libsecret-1-0', 'libnotify4'] },
  win: { target: ['nsis'], icon: 'resources/icon.ico' },
  nsis: {
    // IT deploys per machine (Program Files, all users) with `/allusers` or this assisted choice;
    // a per-user install stays possible for a single agent.
    oneClick: false,
    perMachine: false,
    allowElevation: true,
    allowToChangeInstallationDirectory: true,
    createDesktopShortcut: false,
    createStartMenuShortcut: true,
    shortcutName: 'Ringside'
  },
  mac: {
    target: ['dmg'],
    category: 'public.app-category.business',
    icon: 'resources/icon.png',
    hardenedRuntime: true,
    extendInfo: { NSMicrophoneUsageDescription: 'Ringside answers calls with your microphone.' }
  },
  dmg: { sign: false },
  publish: null
}

export default config
