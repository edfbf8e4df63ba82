/**
 * Whether out/renderer is current, and building it when it is not. `npm run web` used to rebuild
 * on every start (about 5 s, more on a loaded machine) even when nothing had changed; now it
 * reuses a build that is newer than everything the renderer is built from, and the end-to-end
 * tests use the same check (test/e2e/support.ts). Browser mode serves only out/renderer (its core
 * runs from src through tsx), so only the renderer's inputs count.
 */
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'

/** What the renderer build reads: its sources, the shared code, and the configuration. */
const INPUTS = [
  'src/renderer',
  'src/shared',
  'electron.vite.config.ts',
  'tsconfig.web.json',
  'package.json',
  'package-lock.json'
]

/** The newest modification time of a file, or of any file under a folder (0 when missing). */
function newestUnder(path: string): number {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const entry of readdirSync(path, { withFileTypes: true, recursive: true })) {
    const full = join(entry.parentPath, entry.name)
    newest = Math.max(newest, statSync(full).mtimeMs)
  }
  return newest
}

/**
 * A build is current when its index.html is newer than every input. Reusing an older one would
 * serve, test and photograph yesterday's page. A folder's own time counts too: deleting a file
 * changes nothing else.
 */
export function rendererIsCurrent(root = process.cwd()): boolean {
  const index = resolve(root, 'out/renderer/index.html')
  if (!existsSync(index)) return false
  const newest = Math.max(...INPUTS.map((p) => newestUnder(resolve(root, p))))
  return statSync(index).mtimeMs >= newest
}

/** Builds with electron-vite unless the build is current; true when it built. */
export async function buildRendererIfStale(root = process.cwd()): Promise<boolean> {
  if (rendererIsCurrent(root)) return false
  // Loaded only when needed: vite and rollup take longer to import than the whole web host.
  const { build } = await import('electron-vite')
  await build({ root, configFile: resolve(root, 'electron.vite.config.ts'), logLevel: 'warn' })
  return true
}
