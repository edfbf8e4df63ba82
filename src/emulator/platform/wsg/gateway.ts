import type { IncomingMessage, Server } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import type { WsPrincipal } from '../oauth/tokens'
import { Connection } from './connection'
import { Delivery } from './delivery'
import { dispatchText, type DispatchDeps } from './dispatch'
import { CLOSE, wsgTime, type ConnectionDetailsBody } from './frames'
import { decideHandshake } from './handshake'
import { overConnectionLimit, owns } from './limits'
import { WsgSession, type SubscriptionRecord } from './session'
import {
  DEFAULT_WSG_SETTINGS,
  type GatewayDeps,
  type NotificationBuilder,
  type PublishedNotification,
  type SocketFilter,
  type SocketInfo,
  type SubscriptionView,
  type WsgSettings
} from './types'

/** The WebSocket gateway at `/ws` (docs/platform.md#websocket-gateway). */
export class Gateway {
  private readonly wss = new WebSocketServer({ noServer: true })
  private readonly connections = new Set<Connection>()
  private readonly sessions = new Map<string, WsgSession>()
  private current: WsgSettings
  private readonly delivery: Delivery
  private readonly dispatchDeps: DispatchDeps
  private silenced = false
  /** How many of the next upgrades to leave unanswered (the hang-upgrades fault). */
  private upgradesToHang = 0
  /** Upgrades left hanging, destroyed when the fault is reset or the gateway closes. */
  private readonly hung = new Set<Duplex>()

  constructor(
    private readonly deps: GatewayDeps,
    settings: Partial<WsgSettings> = {}
  ) {
    this.current = { ...DEFAULT_WSG_SETTINGS, ...settings }
    this.delivery = new Delivery(deps.ids, deps.clock, () => this.current.recoveryBufferSize)
    this.dispatchDeps = {
      ...deps,
      delivery: this.delivery,
      settings: () => this.current,
      atSubscriptionLimit: (p) => this.subscriptionCount(p) >= this.current.maxSubscriptions
    }
  }

  get settings(): WsgSettings {
    return this.current
  }

  configure(patch: Partial<WsgSettings>): WsgSettings {
    this.current = { ...this.current, ...patch }
    return this.current
  }

  /** Serves upgrades on `/ws` of the platform's HTTP server. */
  attach(server: Server): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (new URL(req.url ?? '/', 'http://127.0.0.1').pathname !== '/ws') {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n')
        return
      }
      if (this.upgradesToHang > 0) return this.hang(socket)
      this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, req))
    })
  }

  /**
   * Publishing seam for the call centre: `build` is called once per live subscription and returns
   * the notifications for it; the gateway stamps uuid, timestamp, subscriptionId, ownerId and the
   * wsc sequence, and buffers for recovery while the socket is down.
   */
  publish(build: NotificationBuilder): ReadonlyArray<PublishedNotification> {
    this.sweep()
    const out: PublishedNotification[] = []
    for (const session of [...this.sessions.values()]) {
      const sub = session.subscription
      if (sub === undefined) continue
      for (const draft of build(this.view(session, sub))) {
        const n = this.delivery.stamp(session, sub, draft)
        const disposition = this.delivery.deliver(session, n)
        out.push({ subscriptionId: sub.id, uuid: n.envelope.uuid, event: draft.event, disposition })
      }
    }
    return out
  }

  subscriptions(): ReadonlyArray<SubscriptionView> {
    this.sweep()
    const out: SubscriptionView[] = []
    for (const s of this.sessions.values())
      if (s.subscription) out.push(this.view(s, s.subscription))
    return out
  }

  /** Live subscriptions of a user and app, over the socket and over HTTP. */
  subscriptionCount(p: Pick<WsPrincipal, 'extensionId' | 'clientId'>): number {
    this.sweep()
    let n = this.deps.httpSubscriptions?.(p.extensionId, p.clientId) ?? 0
    for (const s of this.sessions.values()) if (s.subscription && owns(s, p)) n += 1
    return n
  }

  /** The WSG sessions holding a subscription of this user and app (the HTTP list shows them). */
  sessionsOf(p: Pick<WsPrincipal, 'extensionId' | 'clientId'>): ReadonlyArray<WsgSession> {
    this.sweep()
    return [...this.sessions.values()].filter((s) => s.subscription !== undefined && owns(s, p))
  }

  sockets(): ReadonlyArray<SocketInfo> {
    return [...this.connections].map((c) => ({
      socketId: c.id,
      connectedAt: new Date(c.connectedAt).toISOString(),
      remotePort: c.remotePort,
      wsgSessionId: c.session?.id,
      extensionId: c.session?.principal.extensionId,
      clientId: c.session?.principal.clientId,
      subscriptionId: c.session?.subscription?.id
    }))
  }

  /** Fault: drop TCP without a close frame (like a network loss). Sessions stay recoverable. */
  killSockets(filter: SocketFilter = {}): number {
    const victims = [...this.connections].filter((c) => matches(c, filter))
    for (const conn of victims) {
      this.detach(conn)
      conn.terminate()
    }
    this.deps.log('wsg.kill', { count: victims.length })
    return victims.length
  }

  /** Fault: send an arbitrary text frame to one subscription's socket or to all sockets. */
  rawFrame(target: string, text: string): number {
    let sent = 0
    for (const c of this.connections) {
      if (target !== 'all' && c.session?.subscription?.id !== target) continue
      if (c.sendText(text)) sent++
    }
    return sent
  }

  /** Fault: hold notifications (heartbeats still answered) until `resumeDelivery()`. */
  pauseDelivery(): void {
    this.delivery.paused = true
  }

  resumeDelivery(): number {
    this.delivery.paused = false
    let sent = 0
    for (const s of this.sessions.values()) sent += this.delivery.flush(s)
    return sent
  }

  /** Fault: half-open sockets. Nothing is written (frames are lost, not buffered) until cleared. */
  setSilence(on: boolean): void {
    this.silenced = on
  }

  /**
   * Fault: the next `count` upgrades on `/ws` are accepted by TCP and never answered, as on a
   * black-holed path: the client's socket stays CONNECTING until it gives up. `0` ends the fault
   * and drops the upgrades still hanging.
   */
  hangUpgrades(count: number): void {
    this.upgradesToHang = Math.max(0, Math.floor(count))
    if (this.upgradesToHang > 0) return
    for (const socket of this.hung) socket.destroy()
    this.hung.clear()
  }

  faultState(): {
    readonly paused: boolean
    readonly silenced: boolean
    readonly hangUpgrades: number
  } {
    return {
      paused: this.delivery.paused,
      silenced: this.silenced,
      hangUpgrades: this.upgradesToHang
    }
  }

  close(): void {
    this.hangUpgrades(0)
    for (const c of this.connections) c.terminate()
    this.connections.clear()
    this.sessions.clear()
    this.wss.close()
  }

  private onConnection(ws: WebSocket, req: IncomingMessage): void {
    const now = this.deps.clock.now()
    const conn = new Connection(this.deps.ids.uuid(), ws, now, req.socket.remotePort ?? 0, {
      onText: (c, text) => dispatchText(this.dispatchDeps, c, text),
      onBinary: (c) => c.sendError('malformedFrame', undefined, 'binary frames are not supported'),
      onClosed: (c) => this.detach(c),
      silenced: () => this.silenced,
      newId: () => this.deps.ids.uuid()
    })
    this.connections.add(conn)
    const query = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams
    this.sweep()
    const h = decideHandshake({
      accessToken: query.get('access_token'),
      wsc: query.get('wsc'),
      resolveToken: this.deps.resolveWsToken,
      findSession: (wsc) => this.sessions.get(wsc)
    })
    this.deps.log('wsg.connect', { kind: h.kind })
    const max = this.current.maxConnectionsPerSession
    if ('principal' in h && overConnectionLimit(this.connections, h.principal, h, max)) {
      return conn.fail('tooManyConnections', CLOSE.tooManyConnections)
    }
    switch (h.kind) {
      case 'missing-token':
        return conn.close(CLOSE.missingToken, 'Missing access_token')
      case 'unauthorized':
        return conn.fail('unauthorized', CLOSE.unauthorized)
      case 'malformed-wsc':
        return conn.fail('malformedWsc', CLOSE.badRequest)
      case 'recovered':
        return this.bind(conn, h.session, 'Successful')
      case 'recovery-failed':
        if (h.discard !== undefined) this.sessions.delete(h.discard.wscToken)
        return this.bind(conn, this.newSession(h.principal), 'Failed', h.code)
      case 'fresh':
        return this.bind(conn, this.newSession(h.principal))
    }
  }

  private hang(socket: Duplex): void {
    this.upgradesToHang -= 1
    this.hung.add(socket)
    this.deps.log('wsg.hang', { hanging: this.hung.size })
    // The client gives up by closing its end; forget it then. An error is that same close.
    socket.on('error', () => undefined)
    socket.once('close', () => this.hung.delete(socket))
  }

  private newSession(principal: WsPrincipal): WsgSession {
    const session = new WsgSession(
      this.deps.ids.uuid(),
      this.deps.ids.token('EMU-WSC-', 24),
      principal,
      this.deps.clock.now()
    )
    this.sessions.set(session.wscToken, session)
    return session
  }

  /** Sends ConnectionDetails first (the client waits for it), then replays what was buffered. */
  private bind(
    conn: Connection,
    session: WsgSession,
    recoveryState?: 'Successful' | 'Failed',
    recoveryErrorCode?: 'WSG-1003' | 'WSG-1005'
  ): void {
    const previous = session.connection
    if (previous !== undefined && previous !== conn) {
      // Take-over: the old (e.g. half-open) socket loses the session.
      previous.session = undefined
      previous.terminate()
    }
    session.connection = conn
    session.disconnectedAt = undefined
    conn.session = session
    const s = this.current
    const body: ConnectionDetailsBody = {
      creationTime: wsgTime(this.deps.clock.now()),
      maxConnectionsPerSession: s.maxConnectionsPerSession,
      recoveryBufferSize: s.recoveryBufferSize,
      recoveryTimeout: s.recoveryTimeout,
      idleTimeout: s.idleTimeout,
      absoluteTimeout: s.absoluteTimeout,
      maxActiveRequests: s.maxActiveRequests,
      ...(recoveryState === undefined ? {} : { recoveryState }),
      ...(recoveryErrorCode === undefined ? {} : { recoveryErrorCode })
    }
    const messageId = this.deps.ids.uuid()
    const meta = {
      type: 'ConnectionDetails' as const,
      messageId,
      status: 200,
      wsc: session.nextWsc()
    }
    conn.sendFrame({ ...meta, headers: { RCRequestId: messageId } }, body)
    conn.startTimers(s.idleTimeout, s.absoluteTimeout)
    if (recoveryState !== 'Successful') return
    session.holding = true
    conn.schedule(s.replayDelayMs, () => {
      session.holding = false
      if (session.connection === conn) this.delivery.flush(session)
    })
  }

  private view(session: WsgSession, sub: SubscriptionRecord): SubscriptionView {
    const p = session.principal
    return {
      id: sub.id,
      accountId: p.accountId,
      ownerExtensionId: p.extensionId,
      eventFilters: sub.eventFilters,
      scopes: p.scopes
    }
  }

  private detach(conn: Connection): void {
    this.connections.delete(conn)
    const session = conn.session
    if (session !== undefined && session.connection === conn) {
      session.connection = undefined
      session.holding = false
      session.disconnectedAt = this.deps.clock.now()
    }
  }

  /** Forgets sessions past their recovery window: their subscriptions stop receiving. */
  private sweep(): void {
    const now = this.deps.clock.now()
    for (const [token, s] of this.sessions)
      if (!s.alive(now, this.current.recoveryTimeout)) this.sessions.delete(token)
  }
}

function matches(c: Connection, f: SocketFilter): boolean {
  const s = c.session
  if (f.socketId !== undefined && c.id !== f.socketId) return false
  if (f.subscriptionId !== undefined && s?.subscription?.id !== f.subscriptionId) return false
  if (f.extensionId !== undefined && s?.principal.extensionId !== f.extensionId) return false
  if (f.clientId !== undefined && s?.principal.clientId !== f.clientId) return false
  return true
}
