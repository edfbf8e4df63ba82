/**
 * `npm run bench:start`: process start to first "live", each in a fresh process, RUNS times.
 *
 * - headless core (`npm run core`): spawn to the first `{"type":"connection",…,"status":"live"}`
 *   line, signed in to the embedded emulator;
 * - browser mode (`npm run web`, the renderer build current): spawn to the ready line, and in the
 *   warm runs on to the page's connection badge saying live in Chromium.
 *
 * Each is measured three ways, interleaved so a burst of load from elsewhere hits all alike:
 * - cold: the first start after a change, the bundle rebuilt (an empty RINGSIDE_CLI_OUT folder);
 * - warm: the second start with no change, the bundle reused;
 * - baseline: the old path, the TypeScript run through tsx (`node --import tsx src/…`).
 * Printed with the median, the spread (min–max) and the process's own CPU time, which the other
 * work on a shared machine disturbs less than the wall clock (esbuild builds in a process of its
 * own, so a cold run's CPU leaves the build out; its wall time includes it). Targets (issue 14): the headless
 * core live in at most 1.5 s; a second `npm run web` with no changes ready in at most 2 s.
 * Printed, not asserted.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { launchBrowser } from '../test/e2e/support'
import { buildRendererIfStale } from '../src/main/web/renderer-build'

const RUNS = Math.max(1, Number(process.env['BENCH_RUNS'] ?? 5))
const CLI = ['scripts/cli.mjs']
const TSX = ['--import', 'tsx']

interface Timed {
  readonly ms: number
  /** User + system CPU of the process until then, ms (Linux; NaN elsewhere). */
  readonly cpu: number
  readonly line: string
  stop(): Promise<void>
}

function cpuOf(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    return Number.NaN
  }
}

/** Spawns node with `args`; resolves at the first stdout line `done` accepts. */
function timeToLine(
  args: readonly string[],
  done: (line: string) => boolean,
  env: NodeJS.ProcessEnv = process.env
): Promise<Timed> {
  const start = performance.now()
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) child.kill('SIGTERM')
    await exited
  }
  return new Promise((resolve, reject) => {
    let buffer = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8')
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        const line = buffer.slice(0, nl)
        buffer = buffer.slice(nl + 1)
        if (done(line)) {
          const ms = performance.now() - start
          resolve({ ms, cpu: cpuOf(child.pid), line, stop })
        }
      }
    })
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')))
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}: ${stderr}`)))
  })
}

type Way = 'cold' | 'warm' | 'baseline'

/** The command line and environment of one way to start `name`. */
function how(
  name: 'core' | 'web',
  way: Way,
  warmOut: string
): [string[], NodeJS.ProcessEnv, () => void] {
  if (way === 'baseline') {
    const src = name === 'core' ? 'src/main/cli/core.ts' : 'src/main/web/cli.ts'
    return [[...TSX, src], process.env, () => undefined]
  }
  const out = way === 'warm' ? warmOut : mkdtempSync(join(tmpdir(), 'ringside-bench-cold-'))
  const cleanup =
    way === 'warm' ? () => undefined : () => rmSync(out, { recursive: true, force: true })
  return [[...CLI, name], { ...process.env, RINGSIDE_CLI_OUT: out }, cleanup]
}

async function headlessCore(way: Way, warmOut: string): Promise<Timed> {
  const [args, env, cleanup] = how('core', way, warmOut)
  try {
    const r = await timeToLine(
      args,
      (line) => /"type":"connection".*"status":"live"/.test(line),
      env
    )
    await r.stop()
    return r
  } finally {
    cleanup()
  }
}

type Browser = Awaited<ReturnType<typeof launchBrowser>>

async function browserMode(
  way: Way,
  warmOut: string,
  browser: Browser | undefined
): Promise<{ ready: Timed; live?: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ringside-bench-start-'))
  const [args, env, cleanup] = how('web', way, warmOut)
  const start = performance.now()
  const r = await timeToLine(
    [...args, '--port', '0', '--data-dir', dataDir],
    (l) => l.startsWith('{"ready":true'),
    env
  )
  try {
    if (browser === undefined) return { ready: r }
    const { url } = JSON.parse(r.line) as { url: string }
    const page = await browser.newPage()
    await page.goto(url)
    await page.waitForSelector('[data-testid="connection-badge"][data-status="live"]', {
      timeout: 30_000
    })
    const live = performance.now() - start
    await page.close()
    return { ready: r, live }
  } finally {
    await r.stop()
    cleanup()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

const sorted = (xs: readonly number[]): number[] => [...xs].sort((a, b) => a - b)
const median = (xs: readonly number[]): number => sorted(xs)[Math.floor(xs.length / 2)]!
const fmt = (x: number): string => `${x.toFixed(0).padStart(5)} ms`

function row(
  label: string,
  xs: readonly number[],
  cpu: readonly number[],
  base?: readonly number[],
  target?: string
): string {
  const s = sorted(xs)
  const ratio = base ? `  ${(median(xs) / median(base)).toFixed(2)}× baseline` : ''
  const cpuText = cpu.length > 0 && !cpu.some(Number.isNaN) ? `  cpu ${fmt(median(cpu))}` : ''
  return `${label.padEnd(40)} ${fmt(median(xs))}  (${s[0]!.toFixed(0)}–${s[s.length - 1]!.toFixed(0)})${cpuText}${ratio}${target ? `  target ${target}` : ''}`
}

const loadNow = (): string => {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')
  } catch {
    return 'n/a'
  }
}

async function main(): Promise<void> {
  // Browser mode serves out/renderer: build it first if stale, so every run below reuses it.
  if (await buildRendererIfStale()) console.log('(built the renderer first: it was stale)')
  const warmOut = mkdtempSync(join(tmpdir(), 'ringside-bench-warm-'))
  const browser = await launchBrowser()
  const ways: Way[] = ['baseline', 'cold', 'warm']
  const core = new Map<Way, Timed[]>(ways.map((w) => [w, []]))
  const ready = new Map<Way, Timed[]>(ways.map((w) => [w, []]))
  const live = new Map<Way, number[]>(ways.map((w) => [w, []]))
  const loadBefore = loadNow()
  try {
    // Unmeasured: builds the warm bundles and the emulator's cached certificate.
    await headlessCore('warm', warmOut)
    await browserMode('warm', warmOut, undefined)
    for (let i = 0; i < RUNS; i++) {
      for (const way of ways) {
        core.get(way)!.push(await headlessCore(way, warmOut))
        const web = await browserMode(way, warmOut, way === 'cold' ? undefined : browser)
        ready.get(way)!.push(web.ready)
        if (web.live !== undefined) live.get(way)!.push(web.live)
      }
    }
  } finally {
    await browser.close()
    rmSync(warmOut, { recursive: true, force: true })
  }
  const ms = (xs: readonly Timed[]): number[] => xs.map((x) => x.ms)
  const cpu = (xs: readonly Timed[]): number[] => xs.map((x) => x.cpu)
  const base = (m: Map<Way, Timed[]>): number[] => ms(m.get('baseline')!)
  console.log(`start to live, ${RUNS} runs each, median (min–max), fresh process every run`)
  console.log(`load average ${loadBefore} before, ${loadNow()} after (2 cores shared)`)
  /** One measure's rows: the baseline, then cold and warm with their ratio to it. */
  const rows = (title: string, to: string, m: Map<Way, Timed[]>, target: string): void => {
    console.log(row(`${title}, baseline (tsx) → ${to}`, base(m), cpu(m.get('baseline')!)))
    console.log(
      row(`${title}, cold (bundle built) → ${to}`, ms(m.get('cold')!), cpu(m.get('cold')!), base(m))
    )
    console.log(
      row(`${title}, warm → ${to}`, ms(m.get('warm')!), cpu(m.get('warm')!), base(m), target)
    )
  }
  rows('headless core', 'live', core, '≤ 1500 ms')
  rows('npm run web', 'ready', ready, '≤ 2000 ms')
  console.log(row('npm run web, baseline → page shows live', live.get('baseline')!, []))
  console.log(
    row('npm run web, warm → page shows live', live.get('warm')!, [], live.get('baseline')!)
  )
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e)
    process.exit(1)
  }
)
