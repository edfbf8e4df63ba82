/**
 * Whether out/renderer is current, and building it when it is not. `npm run web` used to rebuild
 * on every start (about 5 s, more on a loaded machine) even when nothing had changed; now it
 * reuses a build that is newer than everything the renderer is built from, and the end-to-end
 * tests use the same check (test/e2e/support.ts). The rule is scripts/freshness.mjs, shared with
 * the bundles `npm run core` and `npm run web` run from (scripts/cli.mjs); only the renderer's
 * inputs count here.
 */
import { resolve } from 'node:path'
import { dateBuild, isCurrent } from '../../../scripts/freshness.mjs'

/** What the renderer build reads: its sources, the shared code, and the configuration. */
const INPUTS = [
  'src/renderer',
  'src/shared',
  'electron.vite.config.ts',
  'tsconfig.web.json',
  'package.json',
  'package-lock.json'
]

const INDEX = 'out/renderer/index.html'

/** A build is current when its index.html is newer than every input. */
export function rendererIsCurrent(root = process.cwd()): boolean {
  return isCurrent(root, INDEX, INPUTS)
}

/** Builds with electron-vite unless the build is current; true when it built. */
export async function buildRendererIfStale(root = process.cwd()): Promise<boolean> {
  if (rendererIsCurrent(root)) return false
  const startedAt = Date.now()
  // Loaded only when needed: vite and rollup take longer to import than the whole web host.
  const { build } = await import('electron-vite')
  await build({ root, configFile: resolve(root, 'electron.vite.config.ts'), logLevel: 'warn' })
  dateBuild(resolve(root, INDEX), startedAt)
  return true
}
