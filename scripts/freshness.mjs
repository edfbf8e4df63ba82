// One freshness rule for every build Ringside reuses instead of rebuilding on each start: the
// renderer that browser mode serves (src/main/web/renderer-build.ts) and the bundles that
// `npm run core` and `npm run web` run from (scripts/cli.mjs). Plain JavaScript, because the CLI
// launcher must decide before any TypeScript loader is paid for (docs/performance.md#start).
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs'
import { join, resolve } from 'node:path'

/**
 * The newest modification time of a file, or of any file or folder under a folder (0 when
 * missing). A folder's own time counts: deleting a file changes nothing else.
 * @param {string} path
 * @returns {number}
 */
export function newestUnder(path) {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const entry of readdirSync(path, { withFileTypes: true, recursive: true })) {
    newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs)
  }
  return newest
}

/**
 * A build is current when its output exists and is no older than every input. Reusing an older
 * one would run, serve or photograph yesterday's code.
 * @param {string} root the project folder that `output` and `inputs` are relative to
 * @param {string} output the file whose time stands for the whole build
 * @param {readonly string[]} inputs files and folders the build reads
 * @returns {boolean}
 */
export function isCurrent(root, output, inputs) {
  const out = resolve(root, output)
  if (!existsSync(out)) return false
  const newest = Math.max(...inputs.map((p) => newestUnder(resolve(root, p))))
  return statSync(out).mtimeMs >= newest
}

/**
 * Dates a finished build's output to when the build started. An input edited while the build
 * was reading is then newer than the output, so the next start rebuilds instead of trusting a
 * build that may hold the old text.
 * @param {string} output
 * @param {number} startedAtMs `Date.now()` before the build read anything
 * @returns {void}
 */
export function dateBuild(output, startedAtMs) {
  const at = new Date(startedAtMs)
  utimesSync(output, at, at)
}
