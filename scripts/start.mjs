// `npm start`: build, then launch the built app with `electron-vite preview`.
//
// Installs on build machines and CI skip the Electron binary (ELECTRON_SKIP_BINARY_DOWNLOAD=1),
// so check for it first and say what to do in one line instead of failing deep inside a build.
// We do not `require('electron')` to find it: since Electron 45 that call tries to download the
// binary when it is missing and prints a stack trace. The lookup below mirrors
// node_modules/electron/index.js without the download.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)

const MISSING_BINARY =
  "Electron's binary is not installed. Run `npm install` with network access " +
  '(without ELECTRON_SKIP_BINARY_DOWNLOAD) and try again, or run `npm run web` to use Ringside ' +
  'in your browser.'

/** @returns {string | null} the Electron executable electron-vite would launch, or null. */
function findElectronBinary() {
  // electron-vite honours ELECTRON_EXEC_PATH before anything else.
  const execPath = process.env['ELECTRON_EXEC_PATH']
  if (execPath) return existsSync(execPath) ? execPath : null

  let packageDir
  try {
    packageDir = dirname(require.resolve('electron/package.json'))
  } catch {
    return null
  }
  const pathFile = join(packageDir, 'path.txt')
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null
  const overrideDist = process.env['ELECTRON_OVERRIDE_DIST_PATH']
  if (overrideDist) {
    const candidate = join(overrideDist, relative ?? 'electron')
    return existsSync(candidate) ? candidate : null
  }
  if (relative === null) return null
  const candidate = join(packageDir, 'dist', relative)
  return existsSync(candidate) ? candidate : null
}

if (findElectronBinary() === null) {
  console.error(MISSING_BINARY)
  process.exit(1)
}

// `electron-vite preview` builds first unless --skipBuild is given, so this is build + launch.
const cli = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js')
const result = spawnSync(process.execPath, [cli, 'preview', ...process.argv.slice(2)], {
  stdio: 'inherit'
})
process.exit(result.status ?? 1)
