// npm run dist:linux | dist:win | dist:mac: builds the app and its installers with electron-builder
// (packaging/electron-builder.config.ts; README "Installers").
//
// electron-builder downloads the Electron release for the target platform from GitHub, or takes it
// from its cache. Where neither is possible (this project's build machines have no route to
// GitHub), it would hang in retries and then fail with a long network stack trace. So this checks
// first, within a few seconds, and fails at once saying why and what to do.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { homedir } from 'node:os'
import { join } from 'node:path'

const TARGETS = { linux: '--linux', win: '--win', mac: '--mac' }
const target = process.argv[2]
if (!(target in TARGETS)) {
  console.error(`usage: node scripts/dist.mjs ${Object.keys(TARGETS).join('|')}`)
  process.exit(2)
}

const require = createRequire(import.meta.url)
const electronVersion = require('electron/package.json').version
// @electron/get downloads from ELECTRON_MIRROR when it is set, so that is what is probed then.
const RELEASES = process.env.ELECTRON_MIRROR || 'https://github.com/electron/electron/releases/'

/** electron-builder's cache (@electron/get): ELECTRON_CACHE, else the per-OS default folder. */
function cacheDirs() {
  const home = homedir()
  return [
    process.env.ELECTRON_CACHE,
    join(home, '.cache', 'electron'),
    join(home, 'Library', 'Caches', 'electron'),
    process.env.LOCALAPPDATA && join(process.env.LOCALAPPDATA, 'electron', 'Cache')
  ].filter(Boolean)
}

function cached() {
  const wanted = `electron-v${electronVersion}-`
  return cacheDirs().some(
    (dir) =>
      existsSync(dir) &&
      readdirSync(dir, { recursive: true }).some((name) => String(name).includes(wanted))
  )
}

async function reachable() {
  try {
    const response = await fetch(RELEASES, { method: 'HEAD', signal: AbortSignal.timeout(5_000) })
    return response.status < 500
  } catch {
    return false
  }
}

if (!cached() && !(await reachable())) {
  console.error(
    [
      `Ringside: cannot build installers here. electron-builder needs the Electron ${electronVersion}`,
      `release for ${target}, which is not in its cache and cannot be downloaded: ${RELEASES}`,
      'did not answer within 5 s (no network, or a proxy blocks GitHub).',
      'Run this on a machine that can reach GitHub, or put the release zip into ELECTRON_CACHE',
      '(see the README, "Installers").'
    ].join('\n')
  )
  process.exit(1)
}

const run = (command, args) => {
  const result = spawnSync(command, args, { stdio: 'inherit', shell: process.platform === 'win32' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}
run('npx', ['electron-vite', 'build'])
run('npx', [
  'electron-builder',
  TARGETS[target],
  '--config',
  'packaging/electron-builder.config.ts'
])
