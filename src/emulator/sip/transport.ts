/**
 * SIP over secure WebSocket (RFC 7118): an HTTPS server on 127.0.0.1 with the per-start
 * certificate, upgrading any path to a WebSocket whose subprotocol must be `sip`. One text frame is
 * one SIP message. Frames that do not parse are dropped with a log line and never close the socket
 * (a real proxy answers what it can read); the control API can close every socket at once, like a
 * proxy going away.
 */
import { createServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import { MAX_MESSAGE_BYTES, parseMessage, serialise, type SipMessage } from './message'
import type { TlsIdentity } from './tls'

export interface SipConnection {
  readonly id: string
  send(message: SipMessage): void
  close(): void
}

export interface TransportEvents {
  message(connection: SipConnection, message: SipMessage): void
  closed(connection: SipConnection): void
  log(event: string, detail: Record<string, unknown>): void
}

export interface SipTransport {
  readonly port: number
  readonly connections: () => ReadonlyArray<SipConnection>
  /** Terminates every socket (TCP teardown, no close frame). */
  dropAll(): number
  close(): Promise<void>
}

type Live = Map<string, { connection: SipConnection; socket: WebSocket }>

/** One phone socket: every text frame parsed and handed on, never closed for what it sends. */
function accept(socket: WebSocket, id: string, live: Live, events: TransportEvents): void {
  const connection: SipConnection = {
    id,
    send: (m) => {
      if (socket.readyState === socket.OPEN) socket.send(serialise(m))
    },
    close: () => socket.terminate()
  }
  live.set(id, { connection, socket })
  socket.on('message', (data, isBinary) => {
    const parsed = isBinary ? undefined : parseMessage(data.toString())
    if (parsed?.ok === true) events.message(connection, parsed.message)
    else events.log('sip.unreadable', { connection: id, reason: parsed?.reason ?? 'binary frame' })
  })
  socket.on('close', () => {
    live.delete(id)
    events.closed(connection)
  })
  socket.on('error', () => socket.terminate())
}

const LOOPBACK_HOSTS = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/

export async function startTransport(
  tls: TlsIdentity,
  port: number,
  events: TransportEvents
): Promise<SipTransport> {
  const server: Server = createServer({ key: tls.key, cert: tls.cert })
  const wss = new WebSocketServer({
    server,
    maxPayload: MAX_MESSAGE_BYTES,
    handleProtocols: (protocols) => (protocols.has('sip') ? 'sip' : false),
    // The SIP socket is a local endpoint for this machine only, as the platform's own port is.
    verifyClient: (info: { req: { headers: { host?: string } } }) =>
      LOOPBACK_HOSTS.test(info.req.headers.host ?? '')
  })
  const live: Live = new Map()
  let next = 0
  wss.on('connection', (socket) => {
    if (socket.protocol !== 'sip') {
      socket.close(1002, 'subprotocol sip required')
      return
    }
    accept(socket, `sipws-${++next}`, live, events)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => [...live.values()].map((l) => l.connection),
    dropAll: () => {
      const n = live.size
      for (const { socket } of live.values()) socket.terminate()
      return n
    },
    close: async () => {
      for (const { socket } of live.values()) socket.terminate()
      await new Promise<void>((resolve) => wss.close(() => resolve()))
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeAllConnections()
      await closed
    }
  }
}
