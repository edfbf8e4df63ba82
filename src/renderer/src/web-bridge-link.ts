/**
 * The web bridge's socket to the loopback host (src/main/web), for web-bridge.ts: the requests
 * waiting for their replies, the page's event listeners, and the link itself (hello with the
 * secret, welcome, reconnects with backoff, a stop for good when the host refuses the secret).
 * Frames are read and written with src/shared/ipc/bridge-protocol.ts, as the host does. Browser
 * code only: no Node builtins, no electron (eslint boundary rule).
 */
import type { Transport } from '../../shared/ipc/api'
import {
  CLOSE,
  errorEnvelope,
  helloFrame,
  parseHostFrame,
  type RequestId,
  requestFrame
} from '../../shared/ipc/bridge-protocol'
import {
  type Channel,
  type Envelope,
  EVENT_NAMES,
  type EventName,
  type Events
} from '../../shared/ipc/contract'
import { backoffDelay, type BackoffOptions } from '../../shared/util/backoff'
import { createListenerSet, type ListenerSet } from '../../shared/util/listeners'

/** The three callbacks a socket drives, and the two calls made on it. */
export interface SocketEvents {
  open(): void
  message(data: unknown): void
  close(code: number): void
}
export interface SocketLike {
  send(data: string): void
  close(code?: number, reason?: string): void
}
/** Injected in tests; the default wraps the browser's WebSocket. */
export type SocketFactory = (url: string, on: SocketEvents) => SocketLike

const transportError = (message: string): Envelope<never> => errorEnvelope('transport', message)
export const LOST = transportError('Lost the connection to Ringside')
const REFUSED_MESSAGE =
  'Ringside refused this page (was it restarted?); open the address it printed again.'
export const REFUSED = transportError(REFUSED_MESSAGE)
const TIMED_OUT = transportError('Ringside did not answer in time')

export type Hooks = Readonly<Record<'reconnected' | 'disconnected', () => void>>

/** Where a broken listener's error goes; it must not starve the others or break the socket. */
export const report = (error: unknown): void => console.error('[web-bridge] listener failed', error)

/** The same rule for the two hooks, which are single functions rather than listener sets. */
function guarded(fn: () => void): void {
  try {
    fn()
  } catch (error) {
    report(error)
  }
}

/** Reconnects to the loopback host: quick at first, floored so a dead host is never hammered. */
const RECONNECT: BackoffOptions = { baseMs: 250, capMs: 10_000, floorMs: 100 }

type Timer = ReturnType<typeof setTimeout>

/** Requests sent and not answered yet, matched to their replies by id, each with its timeout. */
export interface PendingRequests {
  /** Sends one request; resolves to the host's envelope, `TIMED_OUT` after `ms`, or `LOST`. */
  send(socket: SocketLike, channel: Channel, args: readonly unknown[], ms: number): Promise<unknown>
  reply(id: RequestId, envelope: unknown): void
  /** Answers every request still waiting with `envelope` (the socket they were sent on is gone). */
  failAll(envelope: Envelope<never>): void
}

export function createPendingRequests(): PendingRequests {
  const pending = new Map<RequestId, { resolve: (e: unknown) => void; timer: Timer }>()
  let nextId = 0
  return {
    send(socket, channel, args, ms) {
      const id = ++nextId
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(id)
          resolve(TIMED_OUT)
        }, ms)
        pending.set(id, { resolve, timer })
        try {
          socket.send(requestFrame(id, channel, args))
        } catch {
          pending.delete(id)
          clearTimeout(timer)
          resolve(LOST)
        }
      })
    },
    reply(id, envelope) {
      const p = pending.get(id)
      if (!p) return
      pending.delete(id)
      clearTimeout(p.timer)
      // createApi checks the envelope's shape and the result's codec.
      p.resolve(envelope)
    },
    failAll(envelope) {
      for (const [id, p] of pending) {
        clearTimeout(p.timer)
        pending.delete(id)
        p.resolve(envelope)
      }
    }
  }
}

/** The page's listeners for the host's events, one set per event name. */
export interface EventListeners extends Pick<Transport, 'on'> {
  emit(event: EventName, payload: unknown): void
}

export function createEventListeners(): EventListeners {
  const listeners = new Map<EventName, ListenerSet<[payload: unknown]>>()
  return {
    on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
      if (!EVENT_NAMES.includes(event)) throw new Error(`unknown event ${String(event)}`)
      let set = listeners.get(event)
      if (set === undefined) listeners.set(event, (set = createListenerSet(report)))
      return set.add(listener as (payload: unknown) => void)
    },
    emit: (event, payload) => listeners.get(event)?.emit(payload)
  }
}

export interface LinkEnv {
  readonly createSocket: SocketFactory
  readonly random: () => number
}

/**
 * The socket to the host and its life: hello with the secret, welcome, reconnects with backoff
 * after a drop, and a stop for good when the host refuses the secret or the page closes.
 */
export class Link {
  private socket: SocketLike | undefined
  private phase: 'connecting' | 'ready' | 'refused' | 'closed' = 'connecting'
  private everReady = false
  private attempt = 0
  private retry: Timer | undefined
  private readonly settle: { resolve: () => void; reject: (e: Error) => void }
  /** Resolves at the first welcome; rejects if the host refuses the secret. */
  readonly ready: Promise<void>

  constructor(
    private readonly target: { readonly url: string; readonly secret: string },
    private readonly env: LinkEnv,
    private readonly hooks: Hooks,
    private readonly requests: PendingRequests,
    private readonly events: EventListeners
  ) {
    let settle!: Link['settle']
    this.ready = new Promise<void>((resolve, reject) => (settle = { resolve, reject }))
    this.settle = settle
  }

  /** The socket a request may go on, once the host welcomed it. */
  get open(): SocketLike | undefined {
    return this.phase === 'ready' ? this.socket : undefined
  }

  get refused(): boolean {
    return this.phase === 'refused'
  }

  connect(): void {
    this.phase = 'connecting'
    const current: SocketLike = this.env.createSocket(this.target.url, {
      open: () => {
        if (this.socket === current) current.send(helloFrame(this.target.secret))
      },
      message: (data) => {
        if (this.socket === current) this.onMessage(data)
      },
      close: (code) => {
        if (this.socket === current) this.onClose(code)
      }
    })
    this.socket = current
  }

  close(): void {
    this.phase = 'closed'
    clearTimeout(this.retry)
    const s = this.socket
    this.socket = undefined
    this.requests.failAll(LOST)
    s?.close(1000, 'page closed')
  }

  private onMessage(data: unknown): void {
    const frame = parseHostFrame(data)
    if (frame?.kind === 'welcome') {
      this.phase = 'ready'
      this.attempt = 0
      if (this.everReady) guarded(this.hooks.reconnected)
      this.everReady = true
      this.settle.resolve()
    } else if (frame?.kind === 'reply') {
      this.requests.reply(frame.id, frame.envelope)
    } else if (frame?.kind === 'event') {
      this.events.emit(frame.event, frame.payload)
    }
  }

  private onClose(code: number): void {
    this.socket = undefined
    const wasReady = this.phase === 'ready'
    this.requests.failAll(code === CLOSE.policyViolation ? REFUSED : LOST)
    if (wasReady) guarded(this.hooks.disconnected)
    if (this.phase === 'closed') return
    if (code === CLOSE.policyViolation) {
      // Wrong or stale secret: retrying cannot help, and would only knock on the door forever.
      this.phase = 'refused'
      this.settle.reject(new Error(REFUSED_MESSAGE))
      return
    }
    this.phase = 'connecting'
    const delay = backoffDelay(this.attempt++, this.env.random, RECONNECT)
    this.retry = setTimeout(() => this.connect(), delay)
  }
}
