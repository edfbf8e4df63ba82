/**
 * One bridge socket, from its first frame to its close: the hello that must carry the launch
 * secret, then requests dispatched exactly as over Electron IPC (docs/security.md#ipc-arguments),
 * each answered with an envelope. Also the two things every socket shares: sending without
 * buffering for a peer that stopped reading, and the ping/pong that finds peers that died without
 * a FIN (docs/platform.md#silent-sockets).
 */
import { WebSocket, type RawData, type WebSocketServer } from 'ws'
import { dispatch, type Handlers } from '../host/dispatch'
import {
  CLOSE,
  type ClientFrame,
  errorEnvelope,
  type HostFrame,
  parseClientFrame,
  PROTOCOL_VERSION
} from '../../shared/ipc/bridge-protocol'
import type { Admission } from './bridge-admission'
import { secretMatches } from './secret'

export type Send = (ws: WebSocket, frame: HostFrame | string) => void

/** Sends, unless the client is so far behind that it should reconnect and re-read the state. */
export function createSender(maxBufferedBytes: number, log: (line: string) => void): Send {
  return (ws, frame) => {
    if (ws.readyState !== WebSocket.OPEN) return
    if (ws.bufferedAmount > maxBufferedBytes) {
      log('[web] a bridge client stopped reading; closing it')
      ws.close(CLOSE.tryAgainLater, 'too far behind')
      return
    }
    ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame))
  }
}

export interface Heartbeat {
  watch(ws: WebSocket): void
  stop(): void
}

/** Every `ms`, a socket that has not answered the last ping is cut; 0 turns the check off. */
export function startHeartbeat(wss: WebSocketServer, ms: number): Heartbeat {
  const alive = new WeakSet<WebSocket>()
  const timer =
    ms > 0
      ? setInterval(() => {
          for (const ws of wss.clients) {
            if (!alive.has(ws)) {
              ws.terminate()
              continue
            }
            alive.delete(ws)
            ws.ping()
          }
        }, ms)
      : undefined
  timer?.unref()
  return {
    watch(ws) {
      alive.add(ws)
      ws.on('pong', () => alive.add(ws))
    },
    stop: () => clearInterval(timer)
  }
}

export interface SessionDeps {
  readonly secret: string
  readonly handlers: Handlers
  readonly admission: Admission
  readonly send: Send
  readonly maxInFlight: number
  /** Frames for a client right after its welcome (the current status, so it is never blank). */
  readonly greeting: () => readonly HostFrame[]
  readonly log: (line: string) => void
}

const text = (data: RawData): string =>
  (Array.isArray(data)
    ? Buffer.concat(data)
    : Buffer.isBuffer(data)
      ? data
      : Buffer.from(data)
  ).toString('utf8')

/** Serves one socket that has just been upgraded; it starts without the secret. */
export function serveSocket(ws: WebSocket, deps: SessionDeps): void {
  const { admission } = deps
  const requests = requestRunner(ws, deps)
  admission.admit(ws)
  // Protocol errors (oversized frame, bad UTF-8) are reported here; ws then closes the socket.
  ws.on('error', (error) => deps.log(`[web] bridge socket error: ${error.message}`))
  ws.on('close', () => admission.release(ws))
  ws.on('message', (data, isBinary) => {
    const frame = isBinary ? undefined : parseClientFrame(text(data))
    if (admission.clients.has(ws)) return requests(frame)
    // Evicted, timed out or refused: whatever it still sends is dropped unread.
    if (!admission.isPending(ws)) return
    if (frame?.kind !== 'hello' || !secretMatches(frame.secret, deps.secret)) {
      return admission.refuse(ws, 'unauthorised')
    }
    if (!admission.authenticate(ws)) return
    deps.send(ws, { type: 'welcome', protocol: PROTOCOL_VERSION })
    for (const f of deps.greeting()) deps.send(ws, f)
  })
}

/** A client's frames after its welcome: requests, at most `maxInFlight` at once. */
function requestRunner(ws: WebSocket, deps: SessionDeps): (frame: ClientFrame | undefined) => void {
  let inFlight = 0
  const onError = (channel: string, error: unknown): void =>
    deps.log(`[web] ${channel} failed: ${error instanceof Error ? error.message : String(error)}`)
  return (frame) => {
    if (frame === undefined) {
      return deps.send(ws, {
        id: null,
        envelope: errorEnvelope('bad-frame', 'Frames are JSON text.')
      })
    }
    if (frame.kind !== 'request') {
      const id = frame.kind === 'bad' ? frame.id : null
      const message = frame.kind === 'bad' ? frame.message : 'Already authenticated.'
      return deps.send(ws, { id, envelope: errorEnvelope('bad-frame', message) })
    }
    if (inFlight >= deps.maxInFlight) {
      const envelope = errorEnvelope('busy', 'Too many requests at once; try again.')
      return deps.send(ws, { id: frame.id, envelope })
    }
    inFlight++
    void dispatch(deps.handlers, frame.channel, frame.args, onError)
      .catch(() => errorEnvelope('internal', 'Something went wrong in Ringside.'))
      .then((envelope) => {
        inFlight--
        deps.send(ws, { id: frame.id, envelope })
      })
  }
}
