/**
 * Browser mode (`src/main/web/cli.ts`) in a child process, driven over its bridge like a page
 * would. A fault that kills the process shows as the child exiting, which an in-process test
 * cannot see: Vitest would report the crash as its own.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { authed, type Client, secretOf, tempSite, type TempSite } from './support'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')

export interface WebChild {
  readonly child: ChildProcessWithoutNullStreams
  readonly url: string
  /** Resolves with the exit code (or the signal's name) when the child ends. */
  readonly exit: Promise<number | string | null>
  stderr(): string
  /** Sends one request over the bridge and resolves with its envelope. */
  ask(channel: string, args?: readonly unknown[], ms?: number): Promise<unknown>
  /** Sends one request and does not wait for its answer. */
  post(channel: string, args?: readonly unknown[]): Promise<void>
  /** Kills the child if it still runs, closes the bridge clients, removes its directories. */
  dispose(): Promise<void>
}

export interface WebChildOptions {
  /** Node options before the script, such as `--import` of a fixture that runs first. */
  readonly nodeArgs?: readonly string[]
}

/** Starts `cli.ts --no-demo` on a fresh data directory and waits for its ready line. */
export async function startWebChild(options: WebChildOptions = {}): Promise<WebChild> {
  const site: TempSite = tempSite()
  const dataDir = mkdtempSync(join(tmpdir(), 'ringside-child-'))
  const args = ['--no-demo', '--data-dir', dataDir, '--static-dir', site.root]
  const script = join(root, 'src/main/web/cli.ts')
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', ...(options.nodeArgs ?? []), script, ...args],
    { cwd: root, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, HOME: tmpdir() } }
  )
  let out = ''
  let err = ''
  child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')))
  child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')))
  const exit = new Promise<number | string | null>((r) =>
    child.once('exit', (code, signal) => r(code ?? signal))
  )
  const clients: Client[] = []
  const dispose = async (): Promise<void> => {
    for (const c of clients.splice(0)) c.ws.terminate()
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    await exit
    site.cleanup()
    rmSync(dataDir, { recursive: true, force: true })
  }
  let url: string
  try {
    url = await readyUrl({ child, exit, stdout: () => out, stderr: () => err })
  } catch (error) {
    await dispose()
    throw error
  }
  let nextId = 0
  // One page: every request goes over the same bridge connection, as the renderer's do.
  let page: Promise<Client> | undefined
  const connected = (): Promise<Client> => {
    page ??= authed(Number(new URL(url).port), secretOf(url)).then((c) => {
      clients.push(c)
      return c
    })
    return page
  }
  return {
    child,
    url,
    exit,
    stderr: () => err,
    async post(channel, postArgs = []) {
      ;(await connected()).send({ id: ++nextId, channel, args: postArgs })
    },
    async ask(channel, askArgs = [], ms = 15_000) {
      const c = await connected()
      const id = ++nextId
      c.send({ id, channel, args: askArgs })
      // A child that dies meanwhile is reported as that, at once, not as a missing reply.
      const died = exit.then((code) => {
        throw new Error(`browser mode exited (${String(code)}) during ${channel}: ${err}`)
      })
      const reply = await Promise.race([c.next((f) => f['id'] === id, ms), died])
      return reply['envelope']
    },
    dispose
  }
}

interface Started {
  readonly child: ChildProcessWithoutNullStreams
  readonly exit: Promise<unknown>
  readonly stdout: () => string
  readonly stderr: () => string
}

function readyUrl({ child, exit, stdout, stderr }: Started, ms = 25_000): Promise<string> {
  return new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready line; stderr: ${stderr()}`)), ms)
    const check = (): void => {
      const i = stdout().indexOf('\n')
      if (i < 0) return
      clearTimeout(timer)
      child.stdout.off('data', check)
      resolveUrl((JSON.parse(stdout().slice(0, i)) as { url: string }).url)
    }
    child.stdout.on('data', check)
    void exit.then(() => {
      clearTimeout(timer)
      reject(new Error(`exited early; stderr: ${stderr()}`))
    })
  })
}
