/**
 * Watches one WebSocket for what `@rc-ex/ws` does not: a half-open socket that delivers nothing
 * (the library's heartbeat never waits for its reply, docs/platform.md#silent-sockets), and
 * notifications that arrive before the subscription response (which the library throws on and so
 * loses). It sends the heartbeats itself: the supervisor turns the library's recovery loop off,
 * and with it the library's heartbeat.
 *
 * A connected socket that has been silent for half the silence timeout gets a Heartbeat; the
 * gateway answers every one, so a socket still silent at the full timeout is dead and is
 * terminated. The handshake is not watched here: the supervisor's attempt deadline covers it.
 */
import type { Clock, Timer } from '../ports'
import { guardSocket, type GuardedSocket, parseFrame, SOCKET_OPEN } from './guard'

export interface WatchOptions {
  /**
   * No inbound frame for this long on a connected socket means it is dead: terminate it. A
   * Heartbeat goes out at half of it.
   */
  readonly silenceTimeoutMs: number
  /** How long a liveness probe (resume, network change) waits for any frame. */
  readonly probeTimeoutMs: number
}

export interface WatchHooks {
  onListenerError(error: unknown, frame: string | undefined): void
  /** A frame that is not a WSG frame at all (garbage JSON, wrong shape). */
  onMalformedFrame(frame: string): void
  /** A ServerNotification body, seen before the library handles it. */
  onNotificationFrame(body: unknown): void
  /** Some frame arrived at `at`: the socket was alive then. */
  onHeard(at: number): void
  /** The watch killed the socket; the supervisor reconnects. */
  onTerminated(reason: 'silent' | 'probe-failed'): void
  onClosed(): void
}

export class SocketWatch {
  private lastInbound: number
  /** The `lastInbound` a Heartbeat was sent for: one per silence, not one per timer tick. */
  private heartbeatFor: number | undefined
  private connected = false
  private timer: Timer | undefined
  private probeDeadline: number | undefined
  private closed = false
  private sent = 0

  constructor(
    private readonly ws: GuardedSocket,
    private readonly clock: Clock,
    private readonly options: WatchOptions,
    private readonly hooks: WatchHooks
  ) {
    this.lastInbound = clock.now()
    guardSocket(ws, { onListenerError: (e, f) => hooks.onListenerError(e, f) })
    // Added first, so it sees every frame before any library listener can throw on it.
    ws.addEventListener('message', (event) => this.onMessage(event.data))
    ws.addEventListener('close', () => this.onClose())
    // `ws` throws an 'error' event nobody listens to (e.g. ECONNREFUSED while reconnecting): that
    // would be an uncaught exception. The close that follows is what drives recovery.
    ws.addEventListener('error', () => undefined)
  }

  /** Sends a WSG Heartbeat and expects any frame within the probe timeout (resume, network change). */
  probe(): void {
    if (this.closed || this.ws.readyState !== SOCKET_OPEN) return
    this.probeDeadline = this.clock.now() + this.options.probeTimeoutMs
    this.heartbeat('probe-failed')
    this.schedule()
  }

  dispose(): void {
    this.closed = true
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer)
    this.timer = undefined
  }

  /** Drops the socket at once, without telling the hooks (the supervisor gave up on it). */
  terminate(): void {
    this.dispose()
    this.drop()
  }

  private onMessage(data: unknown): void {
    const now = this.clock.now()
    this.lastInbound = now
    this.probeDeadline = undefined
    this.hooks.onHeard(now)
    const text = typeof data === 'string' ? data : String(data)
    const frame = parseFrame(text)
    if (frame === undefined) {
      this.hooks.onMalformedFrame(text)
      return
    }
    if (frame.type === 'ConnectionDetails' && !this.connected) {
      this.connected = true
      this.schedule()
    }
    if (frame.type === 'ServerNotification') this.hooks.onNotificationFrame(frame.body)
  }

  private onClose(): void {
    if (this.closed) return
    this.dispose()
    this.hooks.onClosed()
  }

  private heartbeat(onFailure: 'silent' | 'probe-failed'): void {
    const message = JSON.stringify([{ type: 'Heartbeat', messageId: `hb-${++this.sent}` }])
    try {
      // The library's send is async (it waits out CONNECTING); a rejection means a dead socket.
      void Promise.resolve(this.ws.send(message)).catch(() => this.kill(onFailure))
    } catch {
      this.kill(onFailure)
    }
  }

  private kill(reason: 'silent' | 'probe-failed'): void {
    if (this.closed) return
    this.dispose()
    this.drop()
    this.hooks.onTerminated(reason)
  }

  private drop(): void {
    // terminate() drops the TCP connection at once; close() would wait for a peer that is gone.
    if (this.ws.terminate) this.ws.terminate()
    else this.ws.close()
  }

  /**
   * One timer, armed for the earliest thing due: the heartbeat, the silence deadline or the probe.
   * Frames only move `lastInbound`; the timer re-reads it when it fires, so a busy socket costs no
   * timer work per frame.
   */
  private schedule(): void {
    if (this.closed) return
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer)
    this.timer = undefined
    const { silenceTimeoutMs } = this.options
    const quiet =
      this.heartbeatFor === this.lastInbound
        ? this.lastInbound + silenceTimeoutMs
        : this.lastInbound + Math.floor(silenceTimeoutMs / 2)
    const next = Math.min(
      this.connected ? quiet : Number.POSITIVE_INFINITY,
      this.probeDeadline ?? Number.POSITIVE_INFINITY
    )
    if (next === Number.POSITIVE_INFINITY) return
    this.timer = this.clock.setTimeout(() => this.check(), Math.max(10, next - this.clock.now()))
    this.timer.unref?.()
  }

  private check(): void {
    this.timer = undefined
    if (this.closed) return
    const now = this.clock.now()
    if (this.probeDeadline !== undefined && now >= this.probeDeadline)
      return this.kill('probe-failed')
    if (!this.connected) return this.schedule()
    const silentFor = now - this.lastInbound
    if (silentFor >= this.options.silenceTimeoutMs) return this.kill('silent')
    const dueHeartbeat = silentFor >= Math.floor(this.options.silenceTimeoutMs / 2)
    if (dueHeartbeat && this.heartbeatFor !== this.lastInbound) {
      this.heartbeatFor = this.lastInbound
      this.heartbeat('silent')
    }
    this.schedule()
  }
}
