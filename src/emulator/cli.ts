/**
 * `npm run emulator -- [--port N] [--seed S] [--speed X] [--scenario NAME|FILE] [--agents N]
 * [--no-traffic] [--quiet]`. The FIRST stdout line is exactly one JSON object a launcher can read:
 * `{"ready":true,"server":"http://127.0.0.1:PORT","clientId":…,"clientSecret":…,"jwt":…}`; then
 * one JSON log line per event. SIGINT/SIGTERM close the sockets and the port before exiting.
 */
import { parseArgs } from 'node:util'
import { startEmulator, type EmulatorOptions } from './index'

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

async function main(): Promise<void> {
  let values: Record<string, string | boolean | undefined>
  try {
    values = parseArgs({
      options: {
        port: { type: 'string' },
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
  const str = (k: string): string | undefined =>
    typeof values[k] === 'string' ? (values[k] as string) : undefined
  const seedText = str('seed')
  const port = number('port', str('port'), (n) => Number.isInteger(n) && n >= 0 && n < 65536)
  const speed = number('speed', str('speed'), (n) => n > 0)
  const agents = number('agents', str('agents'), (n) => Number.isInteger(n) && n >= 2 && n <= 80)
  const quiet = values['quiet'] === true
  const log = (event: string, detail: Readonly<Record<string, unknown>>): void => {
    if (!quiet)
      process.stdout.write(`${JSON.stringify({ t: new Date().toISOString(), event, ...detail })}\n`)
  }
  const options: EmulatorOptions = {
    ...(port === undefined ? {} : { port }),
    ...(seedText === undefined
      ? {}
      : { seed: /^\d+$/.test(seedText) ? Number(seedText) : seedText }),
    ...(speed === undefined ? {} : { speed }),
    ...(agents === undefined ? {} : { agents }),
    ...(str('scenario') === undefined ? {} : { scenario: str('scenario')! }),
    ...(values['no-traffic'] === true ? { traffic: false } : {}),
    autoApprove: true,
    log
  }
  // Logs emitted while starting would precede the ready line; hold them until it is out.
  const held: string[] = []
  let ready = false
  const early = (event: string, detail: Readonly<Record<string, unknown>>): void => {
    if (ready) log(event, detail)
    else if (!quiet) held.push(JSON.stringify({ t: new Date().toISOString(), event, ...detail }))
  }
  let emulator
  try {
    emulator = await startEmulator({ ...options, log: early })
  } catch (e) {
    fail(e instanceof Error ? e.message : String(e))
  }
  process.stdout.write(
    `${JSON.stringify({
      ready: true,
      server: emulator.url,
      clientId: emulator.clientId,
      clientSecret: emulator.clientSecret,
      jwt: emulator.jwt
    })}\n`
  )
  ready = true
  for (const line of held) process.stdout.write(`${line}\n`)

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

void main()
