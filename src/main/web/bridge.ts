/**
 * The `/bridge` WebSocket: the browser-mode replacement for Electron IPC. It enforces, in order:
 *
 * 1. At the upgrade: exact path, `Host` = `127.0.0.1:PORT` (DNS rebinding: a rebound name still
 *    sends its own Host) and `Origin` = `http://127.0.0.1:PORT` (another site's page can open
 *    sockets to loopback; browsers always send its Origin). Refused with 403 before any socket
 *    exists. This is the browser-mode counterpart of validating the IPC sender (checklist §1a #17).
 * 2. The first frame must be `{type:'hello', secret}` with this launch's secret (constant-time),
 *    within the hello timeout; otherwise close 1008 (policy violation) and no handler ever runs.
 * 3. Requests go through `dispatch`, which decodes arguments with the contract's codecs exactly as
 *    the Electron router does (§1a #17b). A bad frame gets an error envelope; nothing throws.
 *
 * Frames are capped (`maxPayload`), clients and in-flight requests are bounded, a client that stops
 * reading is dropped rather than buffered without limit, and dead peers are found by ping/pong
 * (§1d: a socket can die without a FIN).
 */
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocket, WebSocketServer, type RawData } from 'ws'
import { dispatch, type Handlers } from '../host/dispatch'
import type { EventName, Events } from '../../shared/ipc/contract'
import {
  BRIDGE_PATH,
  CLOSE,
  errorEnvelope,
  HELLO_TIMEOUT_MS,
  type HostFrame,
  MAX_PAYLOAD_BYTES,
  parseClientFrame,
  PROTOCOL_VERSION
} from '../../shared/ipc/bridge-protocol'
import { secretMatches } from './secret'

export interface BridgeTuning {
  readonly helloTimeoutMs: number
  readonly maxPayload: number
  readonly maxClients: number
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
  close(): Promise<void>
}

const refuse = (socket: Duplex): void => {
  socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
  socket.destroy()
}

const text = (data: RawData): string =>
  (Array.isArray(data)
    ? Buffer.concat(data)
    : Buffer.isBuffer(data)
      ? data
      : Buffer.from(data)
  ).toString('utf8')

export function createBridge(options: BridgeOptions): Bridge {
  const tuning: BridgeTuning = { ...DEFAULT_TUNING, ...options.tuning }
  const log = options.log ?? ((): void => undefined)
  const wss = new WebSocketServer({ noServer: true, maxPayload: tuning.maxPayload })
  const trusted = new Set<WebSocket>()
  const alive = new WeakSet<WebSocket>()

  const send = (ws: WebSocket, frame: HostFrame | string): void => {
    if (ws.readyState !== WebSocket.OPEN) return
    if (ws.bufferedAmount > tuning.maxBufferedBytes) {
      log('[web] a bridge client stopped reading; closing it')
      ws.close(CLOSE.tryAgainLater, 'too far behind')
      return
    }
    ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame))
  }

  const serve = (ws: WebSocket): void => {
    let inFlight = 0
    let rejected = false
    const reject = (reason: string): void => {
      rejected = true
      ws.close(CLOSE.policyViolation, reason)
    }
    const helloTimer = setTimeout(() => reject('no hello'), tuning.helloTimeoutMs)
    alive.add(ws)
    ws.on('pong', () => alive.add(ws))
    // Protocol errors (oversized frame, bad UTF-8) are reported here; ws then closes the socket.
    ws.on('error', (error) => log(`[web] bridge socket error: ${error.message}`))
    ws.on('close', () => {
      clearTimeout(helloTimer)
      trusted.delete(ws)
    })
    ws.on('message', (data, isBinary) => {
      if (rejected) return
      const frame = isBinary ? undefined : parseClientFrame(text(data))
      if (!trusted.has(ws)) {
        clearTimeout(helloTimer)
        if (frame?.kind !== 'hello' || !secretMatches(frame.secret, options.secret)) {
          return reject('unauthorised')
        }
        trusted.add(ws)
        send(ws, { type: 'welcome', protocol: PROTOCOL_VERSION })
        for (const f of options.greeting?.() ?? []) send(ws, f)
        return
      }
      if (frame === undefined) {
        return send(ws, { id: null, envelope: errorEnvelope('bad-frame', 'Frames are JSON text.') })
      }
      if (frame.kind !== 'request') {
        const id = frame.kind === 'bad' ? frame.id : null
        const message = frame.kind === 'bad' ? frame.message : 'Already authenticated.'
        return send(ws, { id, envelope: errorEnvelope('bad-frame', message) })
      }
      if (inFlight >= tuning.maxInFlight) {
        return send(ws, {
          id: frame.id,
          envelope: errorEnvelope('busy', 'Too many requests at once; try again.')
        })
      }
      inFlight++
      const onError = (channel: string, error: unknown): void =>
        log(`[web] ${channel} failed: ${error instanceof Error ? error.message : String(error)}`)
      void dispatch(options.handlers, frame.channel, frame.args, onError)
        .catch(() => errorEnvelope('internal', 'Something went wrong in Ringside.'))
        .then((envelope) => {
          inFlight--
          send(ws, { id: frame.id, envelope })
        })
    })
  }

  const heartbeat =
    tuning.heartbeatMs > 0
      ? setInterval(() => {
          for (const ws of wss.clients) {
            if (!alive.has(ws)) {
              ws.terminate()
              continue
            }
            alive.delete(ws)
            ws.ping()
          }
        }, tuning.heartbeatMs)
      : undefined
  heartbeat?.unref()

  return {
    handleUpgrade(req, socket, head) {
      const expectedHost = options.hostHeader()
      const ok =
        req.url === BRIDGE_PATH &&
        req.headers.host === expectedHost &&
        req.headers.origin === `http://${expectedHost}` &&
        wss.clients.size < tuning.maxClients
      if (!ok) return refuse(socket)
      wss.handleUpgrade(req, socket, head, serve)
    },
    broadcast(event, payload) {
      if (trusted.size === 0) return
      // Serialised once for all clients; only clients that presented the secret receive events.
      const frame = JSON.stringify({ event, payload })
      for (const ws of trusted) send(ws, frame)
    },
    authenticated: () => trusted.size,
    close() {
      if (heartbeat) clearInterval(heartbeat)
      for (const ws of wss.clients) ws.close(CLOSE.goingAway, 'Ringside is shutting down')
      return new Promise((resolveClose) => {
        // Give the close handshakes a moment, then cut whatever did not answer.
        const cut = setTimeout(() => {
          for (const ws of wss.clients) ws.terminate()
        }, 500)
        wss.close(() => {
          clearTimeout(cut)
          resolveClose()
        })
      })
    }
  }
}
