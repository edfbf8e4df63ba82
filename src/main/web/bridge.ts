/**
 * The `/bridge` WebSocket: the browser-mode replacement for Electron IPC. It enforces, in order:
 *
 * 1. At the upgrade: exact path, `Host` = `127.0.0.1:PORT` (DNS rebinding: a rebound name still
 *    sends its own Host) and `Origin` = `http://127.0.0.1:PORT` (another site's page can open
 *    sockets to loopback; browsers always send its Origin). Refused with 403 before any socket
 *    exists. This is the browser-mode counterpart of validating the IPC sender
 *    (docs/security.md#ipc-sender).
 * 2. The first frame must be `{type:'hello', secret}` with this launch's secret (constant-time),
 *    within the hello timeout; otherwise close 1008 (policy violation) and no handler ever runs.
 *    Sockets still without the secret have a budget of their own, so a local process that fakes
 *    the Origin cannot hold the page out (bridge-admission.ts).
 * 3. Requests go through `dispatch`, which decodes arguments with the contract's codecs exactly as
 *    the Electron router does (docs/security.md#ipc-arguments). A bad frame gets an error
 *    envelope; nothing throws (bridge-session.ts).
 *
 * Frames are capped (`maxPayload`, from the argument bounds), clients and in-flight requests are
 * bounded, a client that stops reading is dropped rather than buffered without limit, and dead
 * peers are found by ping/pong (docs/platform.md#silent-sockets: a socket can die without a FIN).
 */
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer } from 'ws'
import type { Handlers } from '../host/dispatch'
import type { EventName, Events } from '../../shared/ipc/contract'
import {
  BRIDGE_PATH,
  CLOSE,
  HELLO_TIMEOUT_MS,
  type HostFrame,
  MAX_PAYLOAD_BYTES
} from '../../shared/ipc/bridge-protocol'
import { createAdmission } from './bridge-admission'
import { createSender, serveSocket, startHeartbeat } from './bridge-session'

export interface BridgeTuning {
  /** How long a new socket has to present the secret. */
  readonly helloTimeoutMs: number
  readonly maxPayload: number
  /** Clients that presented the secret; sockets still without it never count here. */
  readonly maxClients: number
  /** Sockets without the secret at once; one more closes the oldest of them. */
  readonly maxPending: number
  readonly maxInFlight: number
  /** Above this many unsent bytes a client is closed (1013); it reconnects and re-reads state. */
  readonly maxBufferedBytes: number
  /** 0 turns the ping/pong check off. */
  readonly heartbeatMs: number
}

export const DEFAULT_TUNING: BridgeTuning = {
  helloTimeoutMs: HELLO_TIMEOUT_MS,
  maxPayload: MAX_PAYLOAD_BYTES,
  maxClients: 16,
  maxPending: 8,
  maxInFlight: 64,
  maxBufferedBytes: 8 * 1024 * 1024,
  heartbeatMs: 30_000
}

export interface BridgeOptions {
  /** `127.0.0.1:PORT`, known once the server listens. */
  readonly hostHeader: () => string
  readonly secret: string
  readonly handlers: Handlers
  /** Frames sent to a client right after its hello (the current status, so it is never blank). */
  readonly greeting?: () => readonly HostFrame[]
  readonly tuning?: Partial<BridgeTuning>
  /** Told about handler failures and dropped clients; never given the secret or a frame's body. */
  readonly log?: (line: string) => void
}

export interface Bridge {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void
  broadcast<E extends EventName>(event: E, payload: Events[E]): void
  /** How many clients have presented the secret. */
  authenticated(): number
  /** How many sockets are open without having presented it (yet). */
  unauthenticated(): number
  close(): Promise<void>
}

const refuse = (socket: Duplex): void => {
  socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
  socket.destroy()
}

/** The page's own upgrade: the bridge path, our Host, our Origin. */
const isOurPage = (req: IncomingMessage, host: string): boolean =>
  req.url === BRIDGE_PATH && req.headers.host === host && req.headers.origin === `http://${host}`

export function createBridge(options: BridgeOptions): Bridge {
  const tuning: BridgeTuning = { ...DEFAULT_TUNING, ...options.tuning }
  const log = options.log ?? ((): void => undefined)
  const wss = new WebSocketServer({ noServer: true, maxPayload: tuning.maxPayload })
  const admission = createAdmission(tuning, log)
  const send = createSender(tuning.maxBufferedBytes, log)
  const heartbeat = startHeartbeat(wss, tuning.heartbeatMs)
  const session = {
    secret: options.secret,
    handlers: options.handlers,
    admission,
    send,
    maxInFlight: tuning.maxInFlight,
    greeting: options.greeting ?? ((): readonly HostFrame[] => []),
    log
  }

  return {
    handleUpgrade(req, socket, head) {
      if (!isOurPage(req, options.hostHeader()) || !admission.hasRoom()) return refuse(socket)
      wss.handleUpgrade(req, socket, head, (ws) => {
        heartbeat.watch(ws)
        serveSocket(ws, session)
      })
    },
    broadcast(event, payload) {
      if (admission.clients.size === 0) return
      // Serialised once for all clients; only clients that presented the secret receive events.
      const frame = JSON.stringify({ event, payload })
      for (const ws of admission.clients) send(ws, frame)
    },
    authenticated: () => admission.clients.size,
    unauthenticated: () => admission.pending(),
    close() {
      heartbeat.stop()
      admission.dispose()
      return closeAll(wss)
    }
  }
}

/** Says goodbye to every socket, then cuts whatever did not answer within half a second. */
function closeAll(wss: WebSocketServer): Promise<void> {
  for (const ws of wss.clients) ws.close(CLOSE.goingAway, 'Ringside is shutting down')
  return new Promise((resolveClose) => {
    const cut = setTimeout(() => {
      for (const ws of wss.clients) ws.terminate()
    }, 500)
    wss.close(() => {
      clearTimeout(cut)
      resolveClose()
    })
  })
}
