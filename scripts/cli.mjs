// `npm run core` and `npm run web`: the command-line programs run from one bundled file each in
// out/cli, rebuilt first when any source is newer (scripts/freshness.mjs, the rule the renderer
// build follows too). Running the TypeScript through tsx cost about 4 s of every start in
// resolving, transforming and loading some thousand modules one by one; the bundle loads in
// about 0.2 s (docs/performance.md#start). A stale bundle never runs: the check is made on
// every start, before anything of the program is loaded.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { dateBuild, isCurrent } from './freshness.mjs'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/** The programs, by the name given on the command line. */
export const ENTRIES = { core: 'src/main/cli/core.ts', web: 'src/main/web/cli.ts' }

/**
 * What a bundle is built from: the main side's sources and what they import, this launcher, and
 * what decides the packages bundled in (npm rewrites node_modules/.package-lock.json on every
 * install, `npm ci` included).
 */
export const INPUTS = [
  'src/main',
  'src/emulator',
  'src/shared',
  'scripts/cli.mjs',
  'scripts/freshness.mjs',
  'package.json',
  'package-lock.json',
  'node_modules/.package-lock.json',
  'tsconfig.node.json'
]

/**
 * Left to Node's own loader: a native addon (its binary is picked at run time), and what only a
 * rebuild of the renderer needs (vite and its plugins are large and loaded only then).
 */
const EXTERNAL = ['@napi-rs/keyring', 'electron', 'electron-vite', 'vite', 'esbuild', '@vitejs/*']

/**
 * Each source keeps its own `import.meta.url`, as when run from src: the web host finds
 * out/renderer and package.json from it, the emulator its scenario files. The URL is relative to
 * the bundle, so a moved checkout still finds them.
 * @param {string} root
 * @param {string} outDir
 * @returns {import('esbuild').Plugin}
 */
function ownImportMeta(root, outDir) {
  const sources = resolve(root, 'src')
  return {
    name: 'own-import-meta',
    setup(build) {
      build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async ({ path }) => {
        if (!path.startsWith(sources)) return undefined
        const { readFile } = await import('node:fs/promises')
        const text = await readFile(path, 'utf8')
        if (!text.includes('import.meta')) return { contents: text, loader: 'ts' }
        const rel = relative(outDir, path).split('\\').join('/')
        const url = `new URL(${JSON.stringify(rel)}, import.meta.url).href`
        const contents = text
          .replaceAll('import.meta.url', url)
          .replaceAll('import.meta.dirname', `__ringsideDirname(${url})`)
        return { contents, loader: 'ts' }
      })
    }
  }
}

// Bundled CommonJS packages call `require` for Node built-ins; an ES module has none of its own.
const BANNER = [
  "import { createRequire as __ringsideRequire } from 'node:module';",
  "import { dirname as __ringsideDir } from 'node:path';",
  "import { fileURLToPath as __ringsidePath } from 'node:url';",
  'const require = __ringsideRequire(import.meta.url);',
  'const __ringsideDirname = (u) => __ringsideDir(__ringsidePath(u));'
].join('\n')

/**
 * Bundles `entry` into `output`. Written beside it and renamed into place, so a program starting
 * meanwhile (another terminal, a parallel test) never loads half a file.
 * @param {string} root
 * @param {string} entry
 * @param {string} output
 * @returns {Promise<void>}
 */
export async function bundle(root, entry, output) {
  const startedAt = Date.now()
  const { build, stop } = await import('esbuild')
  const outDir = dirname(output)
  // esbuild builds in a service process of its own; the program about to run needs it no more.
  const result = await build({
    absWorkingDir: root,
    entryPoints: [resolve(root, entry)],
    outfile: output,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    external: EXTERNAL,
    banner: { js: BANNER },
    plugins: [ownImportMeta(root, outDir)],
    logLevel: 'warning',
    write: false
  }).finally(() => stop())
  mkdirSync(outDir, { recursive: true })
  const temp = `.${process.pid}.${Date.now()}.tmp`
  // The map first, so a bundle in place always has its map.
  const files = [...result.outputFiles].sort(
    (a, b) => Number(a.path.endsWith('.mjs')) - Number(b.path.endsWith('.mjs'))
  )
  for (const file of files) {
    writeFileSync(file.path + temp, file.contents)
    if (file.path === output) dateBuild(file.path + temp, startedAt)
    renameSync(file.path + temp, file.path)
  }
}

/**
 * The bundle for `name`, built first unless it is current.
 * @param {keyof typeof ENTRIES} name
 * @param {{ root?: string, outDir?: string, log?: (line: string) => void }} [options]
 * @returns {Promise<string>} the bundle's path
 */
export async function currentBundle(name, options = {}) {
  const root = options.root ?? ROOT
  const outDir = options.outDir ?? (process.env['RINGSIDE_CLI_OUT'] || join(root, 'out/cli'))
  const output = join(outDir, `${name}.mjs`)
  if (isCurrent(root, output, INPUTS)) return output
  const began = performance.now()
  try {
    await bundle(root, ENTRIES[name], output)
  } catch (error) {
    rmSync(output, { force: true })
    throw error
  }
  const ms = Math.round(performance.now() - began)
  ;(options.log ?? ((l) => process.stderr.write(`${l}\n`)))(
    `ringside ${name}: the sources were newer than ${basename(output)}, rebuilt it (${ms} ms)`
  )
  return output
}

async function main() {
  const name = process.argv[2]
  if (name !== 'core' && name !== 'web') {
    process.stderr.write(`usage: node scripts/cli.mjs core|web [options]\n`)
    process.exit(2)
  }
  const output = await currentBundle(name)
  // The program reads its own options from process.argv.slice(2), as when run from its source.
  process.argv.splice(2, 1)
  // Source maps are written but not turned on: reading the 8 MB map costs ~0.1 s of every start.
  // `NODE_OPTIONS=--enable-source-maps npm run core` maps a stack trace to the TypeScript lines;
  // without it a trace names the bundle, whose `// src/…` comments still say where each part is.
  await import(pathToFileURL(output).href)
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    process.stderr.write(
      `ringside: could not build the program: ${error instanceof Error ? error.message : String(error)}\n`
    )
    process.exit(2)
  })
}
