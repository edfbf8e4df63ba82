/**
 * `npm run core` and `npm run web` run from bundles in out/cli (scripts/cli.mjs): rebuilt when a
 * source is newer, reused when nothing changed, and never run stale. Proven on a small project in
 * a temporary folder with this launcher and the real node_modules (esbuild included), so no test
 * touches the sources of this checkout.
 */
import { spawn } from 'node:child_process'
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const ENTRY = 'src/main/cli/core.ts'

let project: string | undefined
afterEach(() => {
  if (project !== undefined) rmSync(project, { recursive: true, force: true })
  project = undefined
})

/** A project whose `core` program prints `text`, its options and where it thinks it is. */
function makeProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ringside-cli-bundle-'))
  mkdirSync(join(dir, 'scripts'))
  for (const f of ['cli.mjs', 'freshness.mjs'])
    cpSync(join(root, 'scripts', f), join(dir, 'scripts', f))
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir')
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}')
  return dir
}

/** Writes a source file dated `at` seconds from now (a later edit must look later). */
function source(dir: string, file: string, text: string, at: number): void {
  const path = join(dir, file)
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, text)
  const when = Date.now() / 1000 + at
  utimesSync(path, when, when)
  utimesSync(dirname(path), when, when)
}

const program = (word: string): string =>
  `import { word } from './word'\nconsole.log(JSON.stringify({ said: word('${word}'), args: process.argv.slice(2), url: import.meta.url }))\n`

/** This environment without a RINGSIDE_CLI_OUT: the project's own out/cli is the one tested. */
function withoutOut(): NodeJS.ProcessEnv {
  const env = { ...process.env }
  delete env['RINGSIDE_CLI_OUT']
  return env
}

function run(
  dir: string,
  args: readonly string[] = []
): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, [join(dir, 'scripts/cli.mjs'), 'core', ...args], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: withoutOut()
  })
  let out = ''
  let err = ''
  child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')))
  child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')))
  return new Promise((r) => child.once('close', (code) => r({ code, out, err })))
}

const said = (out: string): unknown => (JSON.parse(out.trim()) as { said: unknown }).said
const bundleTime = (dir: string): number => statSync(join(dir, 'out/cli/core.mjs')).mtimeMs

describe('the CLI bundle (scripts/cli.mjs)', () => {
  it('builds when there is none, reuses it unchanged, and rebuilds after an edit', async () => {
    const dir = (project = makeProject())
    source(dir, 'src/main/cli/word.ts', 'export const word = (w: string): string => `${w}!`\n', -10)
    source(dir, ENTRY, program('one'), -10)

    const first = await run(dir, ['--flag', 'x'])
    expect(first.code).toBe(0)
    expect(first.err).toMatch(/ringside core: the sources were newer than core\.mjs, rebuilt it/)
    expect(JSON.parse(first.out.trim())).toEqual({
      said: 'one!',
      args: ['--flag', 'x'],
      // The program's own import.meta.url, as if it ran from its source.
      url: pathToFileURL(join(dir, ENTRY)).href
    })
    const built = bundleTime(dir)

    const second = await run(dir)
    expect(second.err).toBe('')
    expect(said(second.out)).toBe('one!')
    expect(bundleTime(dir)).toBe(built)

    // An edit of an imported module, not of the entry, is seen too.
    source(dir, 'src/main/cli/word.ts', 'export const word = (w: string): string => `${w}?`\n', 5)
    const third = await run(dir)
    expect(third.err).toMatch(/rebuilt it/)
    expect(said(third.out)).toBe('one?')
  }, 60_000)

  it('rebuilds after a deletion and after a dependency install', async () => {
    const dir = (project = makeProject())
    source(dir, 'src/main/cli/word.ts', 'export const word = (w: string): string => w\n', -10)
    source(dir, 'src/main/cli/unused.ts', 'export {}\n', -10)
    source(dir, ENTRY, program('two'), -10)
    expect(said((await run(dir)).out)).toBe('two')
    expect((await run(dir)).err).toBe('')

    rmSync(join(dir, 'src/main/cli/unused.ts'))
    const when = Date.now() / 1000 + 5
    utimesSync(join(dir, 'src/main/cli'), when, when)
    expect((await run(dir)).err).toMatch(/rebuilt it/)

    writeFileSync(join(dir, 'package-lock.json'), '{}')
    utimesSync(join(dir, 'package-lock.json'), when + 5, when + 5)
    expect((await run(dir)).err).toMatch(/rebuilt it/)
  }, 60_000)

  it('never runs the old bundle when the new sources do not build', async () => {
    const dir = (project = makeProject())
    source(dir, 'src/main/cli/word.ts', 'export const word = (w: string): string => w\n', -10)
    source(dir, ENTRY, program('three'), -10)
    expect(said((await run(dir)).out)).toBe('three')

    source(dir, ENTRY, 'this is not typescript(\n', 5)
    const broken = await run(dir)
    expect(broken.code).toBe(2)
    expect(broken.out).toBe('')
    expect(broken.err).toMatch(/ringside: could not build the program/)
    // Not even on the next start: the failed build left no bundle to reuse.
    const again = await run(dir)
    expect(again.code).toBe(2)
    expect(again.out).toBe('')

    source(dir, ENTRY, program('four'), 10)
    expect(said((await run(dir)).out)).toBe('four')
  }, 60_000)

  it('refuses an unknown program with its usage', async () => {
    const child = await new Promise<{ code: number | null; err: string }>((r) => {
      const c = spawn(process.execPath, [join(root, 'scripts/cli.mjs'), 'nope'], {
        stdio: ['ignore', 'ignore', 'pipe']
      })
      let err = ''
      c.stderr.on('data', (b: Buffer) => (err += b.toString('utf8')))
      c.once('close', (code) => r({ code, err }))
    })
    expect(child.code).toBe(2)
    expect(child.err).toContain('usage: node scripts/cli.mjs core|web')
  })
})
