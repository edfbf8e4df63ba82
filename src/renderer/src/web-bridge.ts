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
import { BRIDGE_PATH } from '../../shared/ipc/bridge-protocol'
import { type Channel, decodeResult } from '../../shared/ipc/contract'
import { createListenerSet } from '../../shared/util/listeners'
import {
  createEventListeners,
  createPendingRequests,
  type Hooks,
  Link,
  LOST,
  REFUSED,
  report,
  type SocketFactory
} from './web-bridge-link'

export { LOST } from './web-bridge-link'
export type { SocketEvents, SocketFactory, SocketLike } from './web-bridge-link'

export type RingsideApi = ReturnType<typeof createApi>

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

export function createWebTransport(
  url: string,
  secret: string,
  env: Pick<BridgeEnv, 'createSocket' | 'random' | 'invokeTimeoutMs'>,
  hooks: Hooks = { reconnected: () => undefined, disconnected: () => undefined }
): WebTransport {
  const requests = createPendingRequests()
  const events = createEventListeners()
  const link = new Link({ url, secret }, env, hooks, requests, events)
  const transport: Transport = {
    invoke(channel: Channel, args: readonly unknown[]): Promise<unknown> {
      const s = link.open
      if (s === undefined) return Promise.resolve(link.refused ? REFUSED : LOST)
      return requests.send(s, channel, args, SLOW_CHANNELS[channel] ?? env.invokeTimeoutMs)
    },
    on: events.on
  }
  link.connect()
  return { transport, ready: link.ready, close: () => link.close() }
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
