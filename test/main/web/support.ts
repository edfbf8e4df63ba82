/** Shared rig for the browser-mode tests: a temp static dir, spy handlers, and a bridge client. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { vi } from 'vitest'
import WebSocket from 'ws'
import type { Handlers } from '../../../src/main/host/dispatch'
import { CHANNELS } from '../../../src/shared/ipc/contract'

export interface TempSite {
  /** The parent of `root`; holds a `package.json` that must never be served. */
  readonly dir: string
  readonly root: string
  cleanup(): void
}

/** A tiny stand-in for out/renderer, so these tests do not depend on the renderer build. */
export function tempSite(): TempSite {
  const dir = mkdtempSync(join(tmpdir(), 'ringside-web-'))
  const root = join(dir, 'renderer')
  mkdirSync(join(root, 'assets'), { recursive: true })
  writeFileSync(join(dir, 'package.json'), '{"secret":"outside the bundle"}')
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Ringside</title>')
  writeFileSync(join(root, 'assets', 'app.js'), 'export const x = 1\n')
  writeFileSync(join(root, 'assets', 'app.css'), 'body{}\n')
  writeFileSync(join(root, '.env'), 'TOKEN=x')
  return { dir, root, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

/** Every channel answers with its name, so a test can tell which handler ran. */
export function spyHandlers(): Handlers {
  const entries = CHANNELS.map((c) => [c, vi.fn(() => (c === 'app:version' ? '9.9.9' : null))])
  return Object.fromEntries(entries) as unknown as Handlers
}

export const calls = (handlers: Handlers): number =>
  Object.values(handlers).reduce(
    (n, fn) => n + (fn as unknown as ReturnType<typeof vi.fn>).mock.calls.length,
    0
  )

export type Frame = Record<string, unknown>

export interface Client {
  readonly ws: WebSocket
  readonly frames: Frame[]
  /** Resolves with the close code (1006 when the handshake was refused). */
  readonly closed: Promise<number>
  /** Resolves with the 'unexpected-response' status when the upgrade was refused. */
  readonly refused: Promise<number>
  readonly opened: Promise<void>
  next(match: (f: Frame) => boolean, ms?: number): Promise<Frame>
  send(value: unknown): void
}

export interface ClientOptions {
  readonly origin?: string | null
  readonly host?: string
  readonly path?: string
}

/** A `ws` client that behaves like a page on `origin` (default: the host's own origin). */
export function client(port: number, options: ClientOptions = {}): Client {
  const origin = options.origin === undefined ? `http://127.0.0.1:${port}` : options.origin
  const ws = new WebSocket(`ws://127.0.0.1:${port}${options.path ?? '/bridge'}`, {
    ...(origin !== null ? { origin } : {}),
    ...(options.host ? { headers: { Host: options.host } } : {})
  })
  const frames: Frame[] = []
  const waiters = new Set<() => void>()
  ws.on('message', (data) => {
    frames.push(JSON.parse(String(data)) as Frame)
    for (const w of [...waiters]) w()
  })
  ws.on('error', () => undefined)
  const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)))
  const refused = new Promise<number>((r) => {
    ws.on('unexpected-response', (_req, res) => {
      r(res.statusCode ?? 0)
      ws.terminate()
    })
    // An upgrade that should have been refused but opened shows up as 101 instead of a hang.
    ws.on('open', () => r(101))
  })
  const opened = new Promise<void>((r) => ws.on('open', () => r()))
  return {
    ws,
    frames,
    closed,
    refused,
    opened,
    next(match, ms = 5_000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const found = frames.find(match)
          if (!found) return
          waiters.delete(check)
          clearTimeout(timer)
          resolve(found)
        }
        const timer = setTimeout(() => {
          waiters.delete(check)
          reject(new Error(`no matching frame in ${JSON.stringify(frames).slice(0, 500)}`))
        }, ms)
        waiters.add(check)
        check()
      })
    },
    send: (value) => ws.send(typeof value === 'string' ? value : JSON.stringify(value))
  }
}

/** Connects and presents the secret; resolves after the welcome. */
export async function authed(port: number, secret: string): Promise<Client> {
  const c = client(port)
  await c.opened
  c.send({ type: 'hello', secret })
  await c.next((f) => f['type'] === 'welcome')
  return c
}

export const secretOf = (url: string): string => new URL(url).hash.replace(/^#s=/, '')

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))
