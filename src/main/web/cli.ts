/**
 * `npm run web -- [--port N] [--data-dir DIR] [--static-dir DIR] [--no-demo] [--xdg-open]`
 *
 * Browser mode from the command line (`npm run web` is `tsx src/main/web/cli.ts`). It serves the
 * renderer built in out/renderer, and builds it first only when it is older than its sources
 * (renderer-build.ts), so a second start with no changes reuses the build. It resumes a stored
 * sign-in or, without one, signs in to the embedded demo, then prints exactly one JSON line first
 * on stdout, `{"ready":true,"url":"http://127.0.0.1:PORT/#s=…"}`, for scripts and Playwright to read.
 * Everything else (diagnostics, sign-in addresses) goes to stderr.
 */
import { chmodSync, existsSync, mkdirSync } from 'node:fs'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { createFileLog } from '../host/file-log'
import { coreRecovery, installLastResort } from '../host/last-resort'
import { DEFAULT_STATIC_DIR, startWebHost, type WebHost } from './host'
import { buildRendererIfStale } from './renderer-build'

interface Args {
  readonly port: number
  readonly dataDir: string | undefined
  readonly staticDir: string
  readonly demo: boolean
  readonly xdgOpen: boolean
}

const USAGE = `usage: npm run web -- [--port N] [--data-dir DIR] [--static-dir DIR] [--no-demo] [--xdg-open]
  --port N          listen on 127.0.0.1:N (default: a free port)
  --data-dir DIR    sign-in and settings (default: ~/.ringside-web, mode 0700)
  --static-dir DIR  the built renderer (default: out/renderer)
  --no-demo         without a stored sign-in, wait for one instead of starting the demo
  --xdg-open        open sign-in pages with xdg-open instead of printing their address`

function parseArgs(argv: readonly string[]): Args | string {
  let port = 0
  let dataDir: string | undefined
  let staticDir = DEFAULT_STATIC_DIR
  let demo = true
  let xdgOpen = false
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    const value = argv[i + 1]
    if (arg === '--no-demo') demo = false
    else if (arg === '--xdg-open') xdgOpen = true
    else if (arg === '--port' || arg === '--data-dir' || arg === '--static-dir') {
      if (value === undefined) return `${arg} needs a value`
      i++
      if (arg === '--port') {
        port = Number(value)
        if (!/^\d{1,5}$/.test(value) || port > 65535) return `--port must be 0–65535, not ${value}`
      } else if (arg === '--data-dir') dataDir = resolve(value)
      else staticDir = resolve(value)
    } else return `unknown option ${arg}`
  }
  return { port, dataDir, staticDir, demo, xdgOpen }
}

const err = (line: string): void => void process.stderr.write(`${line}\n`)

/** The default directory holds the token key: owner-only, even if it already existed wider. */
function defaultDataDir(): string {
  const dir = join(homedir(), '.ringside-web')
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  chmodSync(dir, 0o700)
  return dir
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2))
  if (typeof args === 'string' || process.argv.includes('--help')) {
    err(`${typeof args === 'string' ? `${args}\n` : ''}${USAGE}`)
    return 2
  }
  // The ready line must be the first thing on stdout; a library that logs must not get there first.
  console.log = console.error
  console.info = console.error
  console.debug = console.error
  // Another --static-dir is a build someone else made: serve it as it is.
  if (
    args.staticDir === DEFAULT_STATIC_DIR &&
    (await buildRendererIfStale(resolve(DEFAULT_STATIC_DIR, '../..')))
  ) {
    err('ringside web: the renderer was older than its sources, rebuilt it')
  }
  if (!existsSync(join(args.staticDir, 'index.html'))) {
    err(
      `ringside web: ${join(args.staticDir, 'index.html')} does not exist.\n` +
        'Build the renderer first: `npx electron-vite build`.'
    )
    return 2
  }

  const dataDir = args.dataDir ?? defaultDataDir()
  // The terminal gets lines as they are (the sign-in address must stay usable); the file, which
  // outlives the session, only redacted ones (host/file-log.ts).
  const file = createFileLog({ dir: join(dataDir, 'logs') })
  const log = (line: string): void => {
    err(line)
    file.write(line)
  }
  // An error nobody caught is recorded and recovered from, never the end of browser mode.
  let running: WebHost | undefined = undefined
  installLastResort({ process, ...coreRecovery(() => running?.core), log })
  let host: WebHost
  try {
    host = await startWebHost({
      port: args.port,
      dataDir,
      staticDir: args.staticDir,
      openWith: args.xdgOpen ? 'xdg-open' : 'print',
      autoDemo: args.demo,
      log
    })
  } catch (error) {
    err(`ringside web: could not start: ${error instanceof Error ? error.message : String(error)}`)
    return 1
  }
  running = host
  let stopping = false
  const stop = (): void => {
    // A second Ctrl-C while closing means "now".
    if (stopping) process.exit(1)
    stopping = true
    host.close().then(
      () => process.exit(0),
      () => process.exit(1)
    )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)

  await host.begin()
  // The URL carries this launch's secret: it goes to stdout for the caller, never to a log.
  process.stdout.write(`${JSON.stringify({ ready: true, url: host.url })}\n`)
  return await new Promise<number>(() => undefined)
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    err(`ringside web: internal error: ${error instanceof Error ? error.stack : String(error)}`)
    process.exit(2)
  }
)
