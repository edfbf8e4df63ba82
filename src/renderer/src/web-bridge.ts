/**
 * Browser mode's `window.ringside`: the same API the preload builds (`createApi`), over the
 * loopback WebSocket of src/main/web instead of Electron IPC. main.ts loads it only when no preload ran:
 *
 *   if (!window.ringside) await (await import('./web-bridge')).installWebBridge()
 *
 * The launch secret arrives in the URL fragment (`#s=…`), which browsers never send to a server or
 * put in a Referer; it is removed from the address bar at once and kept in sessionStorage only so a
 * reload of this tab still connects. Protocol: src/shared/ipc/bridge-protocol.ts, which the host
 * reads and writes frames with too. Browser code only: no Node builtins, no electron (eslint
 * boundary rule).
 */
import { createApi, type Transport } from '../../shared/ipc/api'
import {
  BRIDGE_PATH,
  CLOSE,
  errorEnvelope,
  helloFrame,
  parseHostFrame,
  type RequestId,
  requestFrame
} from '../../shared/ipc/bridge-protocol'
import {
  type Channel,
  decodeResult,
  type Envelope,
  EVENT_NAMES,
  type EventName,
  type Events
} from '../../shared/ipc/contract'
import { backoffDelay, type BackoffOptions } from '../../shared/util/backoff'
import { createListenerSet, type ListenerSet } from '../../shared/util/listeners'

export type RingsideApi = ReturnType<typeof createApi>

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

export interface BridgeEnv {
  readonly createSocket: SocketFactory
  readonly location: Pick<Location, 'hash' | 'host' | 'pathname' | 'search' | 'protocol'>
  readonly history: Pick<History, 'replaceState'>
  readonly storage: Pick<Storage, 'getItem' | 'setItem'> | undefined
  /** Where `ringside` is defined; `window` in the browser. */
  readonly target: object
  readonly random: () => number
  readonly invokeTimeoutMs: number
}

const transportError = (message: string): Envelope<never> => errorEnvelope('transport', message)
export const LOST = transportError('Lost the connection to Ringside')
const REFUSED_MESSAGE =
  'Ringside refused this page (was it restarted?); open the address it printed again.'
const REFUSED = transportError(REFUSED_MESSAGE)
const TIMED_OUT = transportError('Ringside did not answer in time')
/** Browser sign-in waits for the agent in another tab (core loopback timeout: 5 minutes). */
const SLOW_CHANNELS: Partial<Record<Channel, number>> = { 'sign-in:open-browser': 330_000 }
const STORAGE_KEY = 'ringside.bridge-secret'
const SECRET_SHAPE = /^[A-Za-z0-9_-]{22,128}$/

export interface WebTransport {
  readonly transport: Transport
  /** Resolves at the first welcome; rejects if the host refuses the secret. */
  readonly ready: Promise<void>
  close(): void
}

type Hooks = Readonly<Record<'reconnected' | 'disconnected', () => void>>

/** Where a broken listener's error goes; it must not starve the others or break the socket. */
const report = (error: unknown): void => console.error('[web-bridge] listener failed', error)

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

export function createWebTransport(
  url: string,
  secret: string,
  env: Pick<BridgeEnv, 'createSocket' | 'random' | 'invokeTimeoutMs'>,
  hooks: Hooks = { reconnected: () => undefined, disconnected: () => undefined }
): WebTransport {
  type Timer = ReturnType<typeof setTimeout>
  const pending = new Map<RequestId, { resolve: (e: unknown) => void; timer: Timer }>()
  const listeners = new Map<EventName, ListenerSet<[payload: unknown]>>()
  let socket: SocketLike | undefined
  let phase: 'connecting' | 'ready' | 'refused' | 'closed' = 'connecting'
  let everReady = false
  let attempt = 0
  let nextId = 0
  let retry: Timer | undefined
  let settle!: { resolve: () => void; reject: (e: Error) => void }
  const ready = new Promise<void>((resolve, reject) => (settle = { resolve, reject }))

  const failAll = (envelope: Envelope<never>): void => {
    for (const [id, p] of pending) {
      clearTimeout(p.timer)
      pending.delete(id)
      p.resolve(envelope)
    }
  }

  const onMessage = (data: unknown): void => {
    const frame = parseHostFrame(data)
    if (frame?.kind === 'welcome') {
      phase = 'ready'
      attempt = 0
      if (everReady) guarded(hooks.reconnected)
      everReady = true
      settle.resolve()
    } else if (frame?.kind === 'reply') {
      const p = pending.get(frame.id)
      if (!p) return
      pending.delete(frame.id)
      clearTimeout(p.timer)
      // createApi checks the envelope's shape and the result's codec.
      p.resolve(frame.envelope)
    } else if (frame?.kind === 'event') {
      listeners.get(frame.event)?.emit(frame.payload)
    }
  }

  const connect = (): void => {
    phase = 'connecting'
    const current: SocketLike = env.createSocket(url, {
      open: () => {
        if (socket === current) current.send(helloFrame(secret))
      },
      message: (data) => {
        if (socket === current) onMessage(data)
      },
      close: (code) => {
        if (socket !== current) return
        socket = undefined
        const wasReady = phase === 'ready'
        failAll(code === CLOSE.policyViolation ? REFUSED : LOST)
        if (wasReady) guarded(hooks.disconnected)
        if (phase === 'closed') return
        if (code === CLOSE.policyViolation) {
          // Wrong or stale secret: retrying cannot help, and would only knock on the door forever.
          phase = 'refused'
          settle.reject(new Error(REFUSED_MESSAGE))
          return
        }
        phase = 'connecting'
        retry = setTimeout(connect, backoffDelay(attempt++, env.random, RECONNECT))
      }
    })
    socket = current
  }

  const transport: Transport = {
    invoke(channel: Channel, args: readonly unknown[]): Promise<unknown> {
      const s = socket
      if (phase !== 'ready' || s === undefined)
        return Promise.resolve(phase === 'refused' ? REFUSED : LOST)
      const id = ++nextId
      return new Promise((resolve) => {
        const ms = SLOW_CHANNELS[channel] ?? env.invokeTimeoutMs
        const timer = setTimeout(() => {
          pending.delete(id)
          resolve(TIMED_OUT)
        }, ms)
        pending.set(id, { resolve, timer })
        try {
          s.send(requestFrame(id, channel, args))
        } catch {
          pending.delete(id)
          clearTimeout(timer)
          resolve(LOST)
        }
      })
    },
    on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
      if (!EVENT_NAMES.includes(event)) throw new Error(`unknown event ${String(event)}`)
      let set = listeners.get(event)
      if (set === undefined) listeners.set(event, (set = createListenerSet(report)))
      return set.add(listener as (payload: unknown) => void)
    }
  }

  connect()
  return {
    transport,
    ready,
    close() {
      phase = 'closed'
      clearTimeout(retry)
      const s = socket
      socket = undefined
      failAll(LOST)
      s?.close(1000, 'page closed')
    }
  }
}

const reconnectListeners = createListenerSet<[]>(report)
const disconnectListeners = createListenerSet<[]>(report)

/**
 * Called after the bridge reconnects. Patches sent while it was down are lost, so the renderer
 * must re-read the whole state (`window.ringside.state.get()`), as it does at start-up. The host
 * also pushes the current `state:status` right after every (re)connect.
 */
export const onWebBridgeReconnect = (listener: () => void): (() => void) =>
  reconnectListeners.add(listener)
/** Called when the bridge drops; calls fail with code `transport` until it is back. */
export const onWebBridgeDisconnect = (listener: () => void): (() => void) =>
  disconnectListeners.add(listener)

/** Reads `#s=…` (then strips it from the address bar), or the copy kept for reloads. */
export function takeSecret(env: Pick<BridgeEnv, 'location' | 'history' | 'storage'>): string {
  const { location, history } = env
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get('s')
  // Storage may be disabled (it throws then); the page just cannot survive a reload.
  if (fromHash !== null) {
    history.replaceState(null, '', `${location.pathname}${location.search}`)
    tryOr(() => env.storage?.setItem(STORAGE_KEY, fromHash))
  }
  const secret = fromHash ?? tryOr(() => env.storage?.getItem(STORAGE_KEY)) ?? null
  if (secret === null || !SECRET_SHAPE.test(secret)) {
    throw new Error('Open Ringside with the full address it printed at start-up (ending in #s=…).')
  }
  return secret
}

const browserSocket: SocketFactory = (url, on) => {
  const ws = new WebSocket(url)
  ws.onopen = () => on.open()
  ws.onmessage = (event) => on.message(event.data)
  ws.onclose = (event) => on.close(event.code)
  return { send: (data) => ws.send(data), close: (code, reason) => ws.close(code, reason) }
}

const tryOr = <T>(fn: () => T): T | undefined => {
  try {
    return fn()
  } catch {
    return undefined
  }
}

function browserEnv(): BridgeEnv {
  const storage = tryOr(() => window.sessionStorage)
  return {
    createSocket: browserSocket,
    location: window.location,
    history: window.history,
    storage,
    target: window,
    random: Math.random,
    invokeTimeoutMs: 30_000
  }
}

/** Connects, then defines `window.ringside`; resolves once the host accepted this page. */
export async function installWebBridge(env: BridgeEnv = browserEnv()): Promise<void> {
  const secret = takeSecret(env)
  const scheme = env.location.protocol === 'https:' ? 'wss' : 'ws'
  const bridge = createWebTransport(`${scheme}://${env.location.host}${BRIDGE_PATH}`, secret, env, {
    reconnected: () => reconnectListeners.emit(),
    disconnected: () => disconnectListeners.emit()
  })
  await bridge.ready
  // Read-only, like contextBridge's copy: page code cannot swap or patch the API afterwards.
  Object.defineProperty(env.target, 'ringside', {
    // The renderer bundle loads io-ts for its settings anyway, so results keep their re-check here.
    value: deepFreeze(createApi(bridge.transport, decodeResult)),
    writable: false,
    configurable: false,
    enumerable: true
  })
}

function deepFreeze<T extends object>(value: T): T {
  for (const v of Object.values(value)) if (typeof v === 'object' && v !== null) deepFreeze(v)
  return Object.freeze(value)
}
