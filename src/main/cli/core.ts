/**
 * `npm run -s core -- [--server URL --jwt JWT --client-id ID --client-secret SECRET]`: the core in
 * plain Node, for diagnostics and benchmarks. With no arguments it signs in to the embedded emulator.
 * One JSON line per state change: connection state, lines starting or stopping to ring, held calls
 * appearing or going, calls parked or unparked.
 */
import { createMemoryVault } from '../core/auth'
import { type Core, createCore } from '../core/core'
import { startEmbeddedEmulator } from '../core/demo'
import { coreRecovery, installLastResort } from '../host/last-resort'

interface Args {
  readonly server?: string
  readonly jwt?: string
  readonly clientId?: string
  readonly clientSecret?: string
}

const USAGE = `usage: npm run -s core -- [--server URL --jwt JWT --client-id ID [--client-secret SECRET]]
Without arguments, runs against the embedded RingCentral emulator.
The JWT and client may also come from RINGSIDE_JWT, RINGSIDE_CLIENT_ID, RINGSIDE_CLIENT_SECRET.`

function parseArgs(argv: readonly string[]): Args | string {
  const out: Record<string, string> = {}
  const names: Record<string, keyof Args> = {
    '--server': 'server',
    '--jwt': 'jwt',
    '--client-id': 'clientId',
    '--client-secret': 'clientSecret'
  }
  for (let i = 0; i < argv.length; i++) {
    const name = names[argv[i] ?? '']
    const value = argv[i + 1]
    if (name === undefined || value === undefined) return `unknown or incomplete option ${argv[i]}`
    out[name] = value
    i++
  }
  const env = process.env
  return {
    ...(out['server'] ? { server: out['server'] } : {}),
    ...((out['jwt'] ?? env['RINGSIDE_JWT']) ? { jwt: out['jwt'] ?? env['RINGSIDE_JWT'] } : {}),
    ...((out['clientId'] ?? env['RINGSIDE_CLIENT_ID'])
      ? { clientId: out['clientId'] ?? env['RINGSIDE_CLIENT_ID'] }
      : {}),
    ...((out['clientSecret'] ?? env['RINGSIDE_CLIENT_SECRET'])
      ? { clientSecret: out['clientSecret'] ?? env['RINGSIDE_CLIENT_SECRET'] }
      : {})
  }
}

const print = (line: Record<string, unknown>): void => {
  process.stdout.write(`${JSON.stringify({ t: new Date().toISOString(), ...line })}\n`)
}

/** One line per connection change and per semantic event. */
function printChanges(core: Core): void {
  let last = ''
  core.onStatus((s) => {
    // A live connection is re-sent each time its lastHeardAt moves; print changes of state only.
    const { connection } = s
    const shown =
      connection.status === 'live'
        ? { status: connection.status, since: connection.since }
        : connection
    const key = JSON.stringify([s.auth.status, shown])
    if (key === last) return
    last = key
    print({ type: 'connection', auth: s.auth.status, ...shown })
  })
  core.onEvent((e) => {
    const c = e.call
    const who = 'caller' in c ? c.caller : undefined
    print({
      type: e.type,
      id: c.id,
      telephonySessionId: c.telephonySessionId,
      ...('lineName' in c ? { line: c.lineName, extensionId: c.extensionId } : {}),
      ...('queueName' in c ? { queue: c.queueName } : {}),
      ...(who ? { caller: who.name, number: who.number } : {}),
      ...('orbit' in c ? { orbit: c.orbit } : {})
    })
  })
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2))
  if (typeof args === 'string' || process.argv.includes('--help')) {
    process.stderr.write(`${typeof args === 'string' ? `${args}\n` : ''}${USAGE}\n`)
    return 2
  }
  const real = args.server !== undefined || args.jwt !== undefined
  if (real && (!args.server || !args.jwt || !args.clientId)) {
    process.stderr.write(`--server, --jwt and --client-id go together\n${USAGE}\n`)
    return 2
  }
  const core = createCore({
    vault: createMemoryVault(),
    browser: { open: () => Promise.reject(new Error('the headless runner cannot open a browser')) },
    appVersion: process.env['npm_package_version'] ?? '0.0.0',
    client: { clientId: args.clientId ?? 'demo' },
    ...(args.server ? { server: args.server } : {}),
    startDemo: () => startEmbeddedEmulator()
  })
  // stdout is one JSON line per state change; the guard's one line per fault goes to stderr.
  installLastResort({
    process,
    ...coreRecovery(() => core),
    log: (line) => void process.stderr.write(`${line}\n`)
  })
  printChanges(core)
  const stop = (): void => {
    void core.stop().then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  try {
    if (real) {
      const client = {
        clientId: args.clientId!,
        ...(args.clientSecret ? { clientSecret: args.clientSecret } : {})
      }
      await core.auth.signInWithJwt(args.jwt!, client)
    } else await core.signInDemo()
  } catch (error) {
    print({ type: 'error', message: error instanceof Error ? error.message : String(error) })
    await core.stop()
    return 1
  }
  return await new Promise<number>(() => undefined)
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `core: internal error: ${error instanceof Error ? error.stack : String(error)}\n`
    )
    process.exit(2)
  }
)
