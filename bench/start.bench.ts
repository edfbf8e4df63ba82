/**
 * `npm run bench:start`: process start to first "live", each in a fresh process, median of RUNS.
 *
 * - baseline: the runtime alone (node with the tsx loader, running nothing), the floor every
 *   start below pays, measured in the same run;
 * - headless core (`npm run core`): spawn to the first `{"type":"connection","status":"live"}`
 *   line, signed in to the embedded emulator;
 * - browser mode (`npm run web`, the renderer build current): spawn to the ready line, then to the
 *   page's connection badge saying live in Chromium.
 *
 * Targets (issue 14): the headless core live in at most 1.5 s; a second `npm run web` with no
 * changes ready in at most 2 s. Printed, not asserted: the figures depend on the machine's load.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { launchBrowser } from '../test/e2e/support'
import { buildRendererIfStale } from '../src/main/web/renderer-build'

const RUNS = 3
const TSX = ['--import', 'tsx']

/** Spawns node with `args`; resolves the ms from spawn to the first stdout line `done` accepts. */
function timeToLine(
  args: readonly string[],
  done: (line: string) => boolean
): Promise<{ ms: number; line: string; stop: () => Promise<void> }> {
  const start = performance.now()
  const child = spawn(process.execPath, [...TSX, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) child.kill('SIGTERM')
    await exited
  }
  return new Promise((resolve, reject) => {
    let buffer = ''
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8')
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        const line = buffer.slice(0, nl)
        buffer = buffer.slice(nl + 1)
        if (done(line)) resolve({ ms: performance.now() - start, line, stop })
      }
    })
    child.stderr.resume()
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code} first`)))
  })
}

function runtimeAlone(): Promise<number> {
  const start = performance.now()
  const child = spawn(process.execPath, [...TSX, '-e', ''], { stdio: 'ignore' })
  return new Promise((resolve) => child.once('exit', () => resolve(performance.now() - start)))
}

async function headlessCore(): Promise<number> {
  const r = await timeToLine(['src/main/cli/core.ts'], (line) =>
    /"type":"connection".*"status":"live"/.test(line)
  )
  await r.stop()
  return r.ms
}

async function browserMode(
  browser: Awaited<ReturnType<typeof launchBrowser>>
): Promise<{ ready: number; live: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ringside-bench-start-'))
  const start = performance.now()
  const r = await timeToLine(['src/main/web/cli.ts', '--port', '0', '--data-dir', dataDir], (l) =>
    l.startsWith('{"ready":true')
  )
  try {
    const { url } = JSON.parse(r.line) as { url: string }
    const page = await browser.newPage()
    await page.goto(url)
    await page.waitForSelector('[data-testid="connection-badge"][data-status="live"]', {
      timeout: 30_000
    })
    const live = performance.now() - start
    await page.close()
    return { ready: r.ms, live }
  } finally {
    await r.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const ms = (x: number): string => `${x.toFixed(0).padStart(5)} ms`

async function main(): Promise<void> {
  // The first `npm run web` after a change builds; the runs below are the "second start".
  if (await buildRendererIfStale()) console.log('(built the renderer first: it was stale)')
  const browser = await launchBrowser()
  const base: number[] = []
  const core: number[] = []
  const ready: number[] = []
  const live: number[] = []
  try {
    // Interleaved, so a burst of load from elsewhere hits every kind alike.
    for (let i = 0; i < RUNS; i++) {
      base.push(await runtimeAlone())
      core.push(await headlessCore())
      const web = await browserMode(browser)
      ready.push(web.ready)
      live.push(web.live)
    }
  } finally {
    await browser.close()
  }
  const b = median(base)
  console.log(`start to live, ${RUNS} runs each, median (fresh process every run)`)
  console.log(`runtime alone (node + tsx, baseline):  ${ms(b)}`)
  console.log(
    `headless core, spawn → live:           ${ms(median(core))}  (${(median(core) / b).toFixed(1)}× baseline; target ≤ 1500 ms)`
  )
  console.log(
    `npm run web, spawn → ready line:       ${ms(median(ready))}  (${(median(ready) / b).toFixed(1)}× baseline; target ≤ 2000 ms, build reused)`
  )
  console.log(
    `npm run web, spawn → page shows live:  ${ms(median(live))}  (${(median(live) / b).toFixed(1)}× baseline)`
  )
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e)
    process.exit(1)
  }
)
