import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { startEmulator } from '../../../src/emulator'
import { groupMembers, hasProc } from '../../support/processes'
import { authed, type Client, secretOf, tempSite, type TempSite } from './support'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')

interface Run {
  readonly child: ChildProcessWithoutNullStreams
  readonly stdout: () => string
  readonly stderr: () => string
  readonly exit: Promise<number | null>
}

function spawnRun(command: string, args: readonly string[]): Run {
  const child = spawn(command, args, {
    cwd: root,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, HOME: tmpdir() },
    // Its own process group, so `stop` reaches what it started too: `sh -c` runs the server as
    // its child, and killing only the shell would leave the server and its emulator running.
    detached: true
  })
  let out = ''
  let err = ''
  child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')))
  child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')))
  const exit = new Promise<number | null>((r) => child.once('exit', (code) => r(code)))
  return { child, stdout: () => out, stderr: () => err, exit }
}

const signalGroup = (pgid: number, signal: NodeJS.Signals): void => {
  try {
    process.kill(-pgid, signal)
  } catch {
    // The group is empty already.
  }
}

async function groupGone(pgid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms
  while (groupMembers(pgid).length > 0) {
    if (Date.now() > deadline) return false
    await new Promise((r) => setTimeout(r, 50))
  }
  return true
}

/** Ends the run's whole process group, politely first, and waits until every member is gone. */
async function stop(r: Run): Promise<void> {
  const pgid = r.child.pid
  if (!hasProc()) {
    // No process groups to read (not Linux): the direct child is all that can be ended.
    if (r.child.exitCode === null) r.child.kill('SIGKILL')
  } else if (pgid !== undefined) {
    signalGroup(pgid, 'SIGTERM')
    if (!(await groupGone(pgid, 10_000))) {
      signalGroup(pgid, 'SIGKILL')
      expect(await groupGone(pgid, 5_000)).toBe(true)
    }
  }
  await r.exit
}

const run = (args: readonly string[]): Run =>
  spawnRun(process.execPath, ['--import', 'tsx', join(root, 'src/main/web/cli.ts'), ...args])

function firstLine(r: Run, ms = 25_000): Promise<string> {
  return new Promise((resolveLine, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready line; stderr: ${r.stderr()}`)), ms)
    const check = (): void => {
      const i = r.stdout().indexOf('\n')
      if (i < 0) return
      clearTimeout(timer)
      r.child.stdout.off('data', check)
      resolveLine(r.stdout().slice(0, i))
    }
    r.child.stdout.on('data', check)
    void r.exit.then(() => reject(new Error(`exited early; stderr: ${r.stderr()}`)))
  })
}

let site: TempSite | undefined
let dataDir: string | undefined
const children: Run[] = []
const clients: Client[] = []

afterEach(async () => {
  for (const c of clients.splice(0)) c.ws.terminate()
  for (const r of children.splice(0)) await stop(r)
  site?.cleanup()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

let nextId = 0
async function ask(url: string, channel: string, args: unknown[] = []): Promise<unknown> {
  const c = await authed(Number(new URL(url).port), secretOf(url))
  clients.push(c)
  const id = ++nextId
  c.send({ id, channel, args })
  const reply = await c.next((f) => f['id'] === id, 15_000)
  return reply['envelope']
}
const stateOf = (url: string): Promise<unknown> => ask(url, 'state:get')

describe('npm run web (src/main/web/cli.ts)', () => {
  it('prints the ready line first, serves the URL, signs in to the demo, exits 0 on SIGTERM', async () => {
    site = tempSite()
    dataDir = mkdtempSync(join(tmpdir(), 'ringside-cli-'))
    const r = run(['--port', '0', '--data-dir', dataDir, '--static-dir', site.root])
    children.push(r)
    const line = await firstLine(r)
    const ready = JSON.parse(line) as { ready: boolean; url: string }
    expect(Object.keys(ready)).toEqual(['ready', 'url'])
    expect(ready.ready).toBe(true)
    expect(ready.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#s=[A-Za-z0-9_-]{43}$/)

    const page = await fetch(ready.url)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<title>Ringside</title>')
    expect(await stateOf(ready.url)).toMatchObject({
      ok: true,
      value: { status: { auth: { status: 'signed-in', method: 'demo' } } }
    })

    r.child.kill('SIGTERM')
    expect(await r.exit).toBe(0)
    expect(r.stdout()).toBe(`${line}\n`)
    // The secret is for the caller only: never on stderr, where logs are collected.
    expect(r.stderr()).not.toContain(secretOf(ready.url))
  }, 40_000)

  it('as the npm script, prints the ready line first, and builds nothing in the script itself', async () => {
    site = tempSite()
    dataDir = mkdtempSync(join(tmpdir(), 'ringside-cli-'))
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>
    }
    // The build, when one is due, runs inside the CLI with its logs on stderr (renderer-build.ts);
    // a build step in the script would run on every start, current or not.
    expect(pkg.scripts['web']).not.toContain('build')
    // The script runs the bundle in out/cli (scripts/cli.mjs), built first when a source is newer.
    const script = pkg.scripts['web']!.replace(/^node /, `"${process.execPath}" `)
    expect(script).not.toBe(pkg.scripts['web'])
    const r = spawnRun('sh', [
      '-c',
      `${script} --port 0 --data-dir "${dataDir}" --static-dir "${site.root}"`
    ])
    children.push(r)
    // Its time may include that build (a cold start).
    const line = await firstLine(r, 45_000)
    const ready = JSON.parse(line) as { ready: boolean; url: string }
    expect(ready).toMatchObject({ ready: true })
    // The bundled host serves and signs in like the one run from source.
    expect((await fetch(ready.url)).status).toBe(200)
    expect(await stateOf(ready.url)).toMatchObject({
      ok: true,
      value: { status: { auth: { status: 'signed-in', method: 'demo' } } }
    })
  }, 60_000)

  it('--no-demo waits signed out; SIGINT closes it', async () => {
    site = tempSite()
    dataDir = mkdtempSync(join(tmpdir(), 'ringside-cli-'))
    const r = run(['--no-demo', '--data-dir', dataDir, '--static-dir', site.root])
    children.push(r)
    const ready = JSON.parse(await firstLine(r)) as { url: string }
    expect(await stateOf(ready.url)).toMatchObject({
      value: { status: { auth: { status: 'signed-out' } } }
    })
    r.child.kill('SIGINT')
    expect(await r.exit).toBe(0)
  }, 40_000)

  it('restores a stored sign-in on the next launch (key-file vault in the data directory)', async () => {
    site = tempSite()
    dataDir = mkdtempSync(join(tmpdir(), 'ringside-cli-'))
    const emulator = await startEmulator({ port: 0, traffic: false })
    try {
      const first = run(['--no-demo', '--data-dir', dataDir, '--static-dir', site.root])
      children.push(first)
      const { url } = JSON.parse(await firstLine(first)) as { url: string }
      expect(await ask(url, 'sign-in:set-server', [emulator.url])).toEqual({
        ok: true,
        value: null
      })
      const jwt = {
        jwt: emulator.jwt,
        clientId: emulator.clientId,
        clientSecret: emulator.clientSecret
      }
      expect(await ask(url, 'sign-in:submit-jwt', [jwt])).toEqual({ ok: true, value: null })
      first.child.kill('SIGTERM')
      expect(await first.exit).toBe(0)

      const second = run(['--no-demo', '--data-dir', dataDir, '--static-dir', site.root])
      children.push(second)
      const again = JSON.parse(await firstLine(second)) as { url: string }
      expect(again.url).not.toBe(url)
      expect(await stateOf(again.url)).toMatchObject({
        value: {
          status: { auth: { status: 'signed-in', method: 'jwt', persistence: 'encrypted-file' } }
        }
      })
    } finally {
      await emulator.close()
    }
  }, 60_000)

  it('explains a missing renderer build and exits 2', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ringside-cli-'))
    const r = run(['--static-dir', join(dataDir, 'nothing-here')])
    children.push(r)
    expect(await r.exit).toBe(2)
    expect(r.stderr()).toMatch(/index\.html does not exist[\s\S]*electron-vite build/)
    expect(r.stdout()).toBe('')
  }, 20_000)

  it.each([['--port', 'http'], ['--port', '70000'], ['--bogus'], ['--data-dir']])(
    'rejects %s with the usage',
    async (...args) => {
      const r = run(args)
      children.push(r)
      expect(await r.exit).toBe(2)
      expect(r.stderr()).toContain('usage: npm run web')
    },
    20_000
  )
})
