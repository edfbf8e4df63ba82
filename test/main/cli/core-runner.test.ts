import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')

/**
 * `npm run core` as package.json says it, with this Node: the launcher builds the bundle in out/cli
 * when a source is newer (scripts/cli.mjs), so this runs what an agent would run after an edit.
 */
function npmScriptArgs(): string[] {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>
  }
  const [command, ...args] = pkg.scripts['core']!.split(' ')
  expect(command).toBe('node')
  return args.map((a) => (a.startsWith('scripts/') ? join(root, a) : a))
}

// The script's time includes a build of the bundle when a source is newer than it (cold start).
const COMMANDS: Array<[string, () => string[], number]> = [
  [
    'from its source through tsx',
    () => ['--import', 'tsx', join(root, 'src/main/cli/core.ts')],
    20_000
  ],
  ['as the npm script, from the bundle', npmScriptArgs, 45_000]
]

describe('headless runner (npm run core)', () => {
  it.each(COMMANDS)(
    '%s: signs in to the embedded emulator and prints one JSON line per state change',
    async (_, args, ms) => {
      const child = spawn(process.execPath, args(), {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe']
      })
      const lines: Array<Record<string, unknown>> = []
      let buffer = ''
      const seen = new Promise<void>((resolveSeen, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ringing line in: ${buffer}`)), ms)
        child.stdout.on('data', (chunk: Buffer) => {
          buffer += chunk.toString('utf8')
          const parts = buffer.split('\n')
          buffer = parts.pop() ?? ''
          for (const part of parts) lines.push(JSON.parse(part) as Record<string, unknown>)
          if (lines.some((l) => l['type'] === 'line-ringing')) {
            clearTimeout(timer)
            resolveSeen()
          }
        })
      })
      try {
        await seen
      } finally {
        child.kill('SIGTERM')
      }
      const exit = await new Promise<number | null>((r) => child.once('exit', (code) => r(code)))
      expect(exit).toBe(0)
      expect(lines.find((l) => l['status'] === 'live')).toMatchObject({
        type: 'connection',
        auth: 'signed-in'
      })
      const ringing = lines.find((l) => l['type'] === 'line-ringing')
      expect(ringing).toMatchObject({ line: expect.any(String), caller: expect.any(String) })
    },
    60_000
  )

  it('takes an uncaught exception with the last-resort guard and goes on running', async () => {
    const fixture = join(root, 'test/main/cli/fixtures/throw-on-signal.mjs')
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--import', fixture, join(root, 'src/main/cli/core.ts')],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] }
    )
    const exit = new Promise<number | string | null>((r) =>
      child.once('exit', (code, signal) => r(code ?? signal))
    )
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')))
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')))
    const until = (condition: () => boolean, what: string): Promise<void> =>
      new Promise((resolveSeen, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${what}: ${stderr}`)), 20_000)
        const check = (): void => {
          if (!condition()) return
          clearTimeout(timer)
          resolveSeen()
        }
        child.stdout.on('data', check)
        child.stderr.on('data', check)
        check()
      })
    try {
      await until(() => stdout.includes('"status":"live"'), 'live line')
      child.kill('SIGUSR2')
      await until(() => stderr.includes('[last-resort]'), 'last-resort line')
      expect(stderr.match(/^\[last-resort\].*$/gm)).toEqual([
        '[last-resort] uncaught exception: Error: thrown from a timer, on purpose; kept running, ' +
          'recorded in Diagnostics, recovering'
      ])
      expect(child.exitCode).toBeNull()
    } finally {
      child.kill('SIGTERM')
    }
    // Still a working process: SIGTERM stops the core and exits 0.
    expect(await exit).toBe(0)
  }, 30_000)
})
