// postinstall: fetch Electron's binary, as `npm install` did before Electron 45.
//
// Since Electron 45 the `electron` package has no install script: it downloads its binary lazily, the
// first time something asks for its path, which would turn the README's `npm start` into a surprise
// download (or a failure offline). Fetching it here keeps "npm install, then npm start" true.
// ELECTRON_SKIP_BINARY_DOWNLOAD=1 (CI, containers, this project's tests) skips it, as it always has.
// A failed download never fails the install: tests and browser mode do not need the binary, and
// `npm start` explains how to fix it.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const skip = process.env['ELECTRON_SKIP_BINARY_DOWNLOAD']
if (skip && skip !== '0' && skip !== 'false') process.exit(0)

const require = createRequire(import.meta.url)
let installer
try {
  installer = join(dirname(require.resolve('electron/package.json')), 'install.js')
} catch {
  process.exit(0) // electron is a devDependency: absent in a production install.
}
if (!existsSync(installer)) process.exit(0)

const result = spawnSync(process.execPath, [installer], { stdio: 'inherit' })
if (result.status !== 0) {
  console.warn(
    'Ringside: could not download the Electron binary. Tests do not need it; to run the app, ' +
      'run `npm install` again with network access.'
  )
}
