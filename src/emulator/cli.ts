/**
 * `npm run emulator -- [--port N] [--sip-port N] [--seed S] [--speed X] [--scenario NAME|FILE]
 * [--agents N] [--no-traffic] [--quiet]`. The FIRST stdout line is exactly one JSON object a
 * launcher can read: `{"ready":true,"server":"http://127.0.0.1:PORT","clientId":…,
 * "clientSecret":…,"jwt":…,"sipUrl":"wss://127.0.0.1:SIPPORT"}`; then
 * one JSON log line per event. SIGINT/SIGTERM close the sockets and the port before exiting.
 */
import { parseArgs } from 'node:util'
import { startEmulator, type Emulator, type EmulatorOptions } from './index'

function fail(message: string): never {
  process.stderr.write(`emulator: ${message}\n`)
  process.exit(2)
}

function number(
  name: string,
  raw: string | undefined,
  check: (n: number) => boolean
): number | undefined {
  if (raw === undefined) return undefined
  const n = Number(raw)
  if (!Number.isFinite(n) || !check(n)) fail(`--${name} ${raw} is not valid`)
  return n
}

type Values = Record<string, string | boolean | undefined>
type Log = (event: string, detail: Readonly<Record<string, unknown>>) => void

function parseCli(): Values {
  try {
    return parseArgs({
      options: {
        port: { type: 'string' },
        'sip-port': { type: 'string' },
        seed: { type: 'string' },
        speed: { type: 'string' },
        scenario: { type: 'string' },
        agents: { type: 'string' },
        'no-traffic': { type: 'boolean' },
        quiet: { type: 'boolean' }
      },
      strict: true
    }).values
  } catch (e) {
    fail(e instanceof Error ? e.message : String(e))
  }
}

/** The emulator's options from the flags; an invalid number ends the process with a message. */
function optionsFrom(values: Values): EmulatorOptions {
  const str = (k: string): string | undefined =>
    typeof values[k] === 'string' ? (values[k] as string) : undefined
  const seedText = str('seed')
  const port = number('port', str('port'), (n) => Number.isInteger(n) && n >= 0 && n < 65536)
  const sipPort = number(
    'sip-port',
    str('sip-port'),
    (n) => Number.isInteger(n) && n >= 0 && n < 65536
  )
  const speed = number('speed', str('speed'), (n) => n > 0)
  const agents = number('agents', str('agents'), (n) => Number.isInteger(n) && n >= 2 && n <= 80)
  return {
    ...(port === undefined ? {} : { port }),
    ...(sipPort === undefined ? {} : { sipPort }),
    ...(seedText === undefined
      ? {}
      : { seed: /^\d+$/.test(seedText) ? Number(seedText) : seedText }),
    ...(speed === undefined ? {} : { speed }),
    ...(agents === undefined ? {} : { agents }),
    ...(str('scenario') === undefined ? {} : { scenario: str('scenario')! }),
    ...(values['no-traffic'] === true ? { traffic: false } : {}),
    autoApprove: true
  }
}

const logLine = (event: string, detail: Readonly<Record<string, unknown>>): string =>
  JSON.stringify({ t: new Date().toISOString(), event, ...detail })

/**
 * Logs emitted while starting would precede the ready line; `log` holds them (stamped when they
 * happened) until `release`, after the ready line is out.
 */
function holdUntilReady(log: Log, quiet: boolean): { log: Log; release(): void } {
  const held: string[] = []
  let ready = false
  return {
    log: (event, detail) => {
      if (ready) log(event, detail)
      else if (!quiet) held.push(logLine(event, detail))
    },
    release: () => {
      ready = true
      for (const line of held) process.stdout.write(`${line}\n`)
    }
  }
}

function printReady(emulator: Emulator): void {
  process.stdout.write(
    `${JSON.stringify({
      ready: true,
      server: emulator.url,
      clientId: emulator.clientId,
      clientSecret: emulator.clientSecret,
      jwt: emulator.jwt,
      ...(emulator.sipUrl === undefined ? {} : { sipUrl: emulator.sipUrl })
    })}\n`
  )
}

/** SIGINT/SIGTERM close the sockets and the port, then exit; a second signal is ignored. */
function closeOnSignals(emulator: Emulator, log: Log): void {
  let closing = false
  const shutdown = (signal: string): void => {
    if (closing) return
    closing = true
    log('emulator.stopping', { signal })
    emulator
      .close()
      .then(() => process.exit(0))
      .catch((e: unknown) => {
        process.stderr.write(`emulator: close failed: ${String(e)}\n`)
        process.exit(1)
      })
  }
  process.on('SIGINT', () => shutdown('SIGINT'))
  process.on('SIGTERM', () => shutdown('SIGTERM'))
}

async function main(): Promise<void> {
  const values = parseCli()
  const options = optionsFrom(values)
  const quiet = values['quiet'] === true
  const log: Log = (event, detail) => {
    if (!quiet) process.stdout.write(`${logLine(event, detail)}\n`)
  }
  const early = holdUntilReady(log, quiet)
  let emulator: Emulator
  try {
    emulator = await startEmulator({ ...options, log: early.log })
  } catch (e) {
    fail(e instanceof Error ? e.message : String(e))
  }
  printReady(emulator)
  early.release()
  closeOnSignals(emulator, log)
}

void main()
