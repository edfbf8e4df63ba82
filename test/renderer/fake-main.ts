/**
 * An in-memory main process for renderer tests. The API object is built by the REAL `createApi`
 * over a fake transport, so the renderer sees exactly what it sees in the app (result envelopes
 * checked by the same codecs as in browser mode), while tests script the replies and push events.
 */
import type { Transport } from '../../src/shared/ipc/api'
import { createApi } from '../../src/shared/ipc/api'
import {
  type ArgsOf,
  type Channel,
  decodeResult,
  type Envelope,
  type EventName,
  type Events,
  type ResultOf
} from '../../src/shared/ipc/contract'
import { DEFAULT_SETTINGS, type Settings } from '../../src/shared/ipc/settings'
import type { StatusView } from '../../src/shared/ipc/status'
import { diffViews, emptySnapshot, type StateSnapshot } from '../../src/shared/state/patches'

export type RingsideApi = ReturnType<typeof createApi>

type Handler<C extends Channel> = (
  ...args: ArgsOf<C>
) => Envelope<ResultOf<C>> | Promise<Envelope<ResultOf<C>>>
type Handlers = { [C in Channel]?: Handler<C> }

export const ok = <T>(value: T): Envelope<T> => ({ ok: true, value })
export const fail = (code: string, message: string): Envelope<never> => ({
  ok: false,
  error: { code, message }
})

export const signedInStatus = (over: Partial<StatusView> = {}): StatusView => ({
  auth: {
    status: 'signed-in',
    method: 'demo',
    ownerId: '100',
    server: 'http://127.0.0.1:9',
    persistence: 'memory',
    reconnecting: false
  },
  // Heard just now, by the clock of the test (fake timers included).
  connection: { status: 'live', since: 0, lastHeardAt: Date.now(), silenceLimitMs: 8_000 },
  disabled: [],
  problems: [],
  resync: { running: false, reason: null, at: null },
  rateLimitedUntil: null,
  ...over
})

/** A deferred reply, for tests that look at the pending state before it resolves. */
export interface Deferred<T> {
  readonly promise: Promise<T>
  resolve(value: T): void
}
export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

export class FakeMain {
  snapshot: StateSnapshot = emptySnapshot
  status: StatusView = signedInStatus()
  settings: Settings = DEFAULT_SETTINGS
  /** Every invoke, in order: what the renderer asked main to do. */
  readonly calls: Array<{ channel: Channel; args: readonly unknown[] }> = []
  private readonly handlers: Handlers = {}
  private readonly listeners: { [E in EventName]: Set<(payload: Events[E]) => void> } = {
    'state:patch': new Set(),
    'state:status': new Set(),
    'notify:popup': new Set(),
    'notify:open-call': new Set()
  }
  readonly api: RingsideApi

  constructor() {
    const transport: Transport = {
      invoke: (channel, args) => {
        this.calls.push({ channel, args })
        return Promise.resolve(this.reply(channel, args))
      },
      on: (event, listener) => {
        this.listeners[event].add(listener)
        return () => this.listeners[event].delete(listener)
      }
    }
    this.api = createApi(transport, decodeResult)
  }

  /** Scripts the reply of one channel (overrides the default). */
  handle<C extends Channel>(channel: C, handler: Handler<C>): this {
    ;(this.handlers as Record<Channel, unknown>)[channel] = handler
    return this
  }

  private reply(channel: Channel, args: readonly unknown[]): unknown {
    const h = this.handlers[channel] as ((...a: readonly unknown[]) => unknown) | undefined
    if (h) return h(...args)
    switch (channel) {
      case 'state:get':
        return ok({ status: this.status, snapshot: this.snapshot })
      case 'settings:get':
        return ok(this.settings)
      case 'settings:update':
        this.settings = { ...this.settings, ...(args[0] as Partial<Settings>) }
        return ok(this.settings)
      case 'devices:list':
        return ok([{ id: 'd1', name: 'Desk phone', type: 'HardPhone', status: 'Online' }])
      case 'directory:list':
        return ok([])
      case 'connection:retry-now':
        return ok(true)
      case 'calls:answer':
      case 'calls:hold':
      case 'calls:unhold':
      case 'calls:pick-up':
      case 'calls:pick-up-parked':
        // Main names the device only for answers and pickups; this fake names none.
        return ok({ telephonySessionId: args[0], partyId: args[1], device: null })
      default:
        return ok(null)
    }
  }

  emit<E extends EventName>(event: E, payload: Events[E]): void {
    for (const l of this.listeners[event]) l(payload)
  }

  /** Moves main to `next` and sends the patches, as the core does. */
  setState(next: StateSnapshot): void {
    const patches = diffViews(this.snapshot, next)
    this.snapshot = next
    if (patches.length > 0) this.emit('state:patch', { patches })
  }

  setStatus(next: StatusView): void {
    this.status = next
    this.emit('state:status', next)
  }

  listenerCount(): number {
    return Object.values(this.listeners).reduce((n, s) => n + s.size, 0)
  }

  /** Makes this fake the app's `window.ringside`. */
  install(): this {
    Object.defineProperty(window, 'ringside', {
      value: this.api,
      configurable: true,
      writable: true
    })
    return this
  }
}
