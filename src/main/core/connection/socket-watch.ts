/**
 * Watches one WebSocket for what `@rc-ex/ws` does not: a handshake that never completes (`ws` has no
 * handshake timeout), a half-open socket that delivers nothing (the library sends a Heartbeat after
 * silence but never waits for the reply), and notifications that arrive before the subscription
 * response (which the library throws on and so loses). Reliability-security.md §1d.
 */
import type { Clock, Timer } from '../ports'
import {
  guardSocket,
  type GuardedSocket,
  parseFrame,
  SOCKET_CONNECTING,
  SOCKET_OPEN
} from './guard'

export interface WatchOptions {
  /** A socket still connecting (or open without ConnectionDetails) after this is terminated. */
  readonly connectTimeoutMs: number
  /** No inbound frame for this long on an open socket means it is dead: terminate it. */
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
  /** The watch killed the socket; the library's recovery loop reconnects. */
  onTerminated(reason: 'connect-timeout' | 'silent' | 'probe-failed'): void
  onClosed(): void
}

export class SocketWatch {
  private lastInbound: number
  private connected = false
  private timer: Timer | undefined
  private probeDeadline: number | undefined
  private closed = false

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
    this.schedule()
  }

  /** Sends a WSG Heartbeat and expects any frame within the probe timeout (resume, network change). */
  probe(): void {
    if (this.closed || this.ws.readyState !== SOCKET_OPEN) return
    this.probeDeadline = this.clock.now() + this.options.probeTimeoutMs
    try {
      void Promise.resolve(
        this.ws.send(
          JSON.stringify([{ type: 'Heartbeat', messageId: `probe-${this.clock.now()}` }])
        )
      ).catch(() => this.kill('probe-failed'))
    } catch {
      this.kill('probe-failed')
    }
    this.schedule()
  }

  dispose(): void {
    this.closed = true
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer)
    this.timer = undefined
  }

  private onMessage(data: unknown): void {
    this.lastInbound = this.clock.now()
    this.probeDeadline = undefined
    const text = typeof data === 'string' ? data : String(data)
    const frame = parseFrame(text)
    if (frame === undefined) {
      this.hooks.onMalformedFrame(text)
      return
    }
    if (frame.type === 'ConnectionDetails') this.connected = true
    if (frame.type === 'ServerNotification') this.hooks.onNotificationFrame(frame.body)
  }

  private onClose(): void {
    if (this.closed) return
    this.dispose()
    this.hooks.onClosed()
  }

  private kill(reason: 'connect-timeout' | 'silent' | 'probe-failed'): void {
    if (this.closed) return
    this.dispose()
    // terminate() drops the TCP connection at once; close() would wait for a peer that is gone.
    if (this.ws.terminate) this.ws.terminate()
    else this.ws.close()
    this.hooks.onTerminated(reason)
  }

  /** One timer, re-armed for the earliest deadline that applies. */
  private schedule(): void {
    if (this.closed) return
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer)
    const now = this.clock.now()
    const deadlines = [
      this.connected
        ? this.lastInbound + this.options.silenceTimeoutMs
        : this.lastInbound + this.options.connectTimeoutMs,
      this.probeDeadline ?? Number.POSITIVE_INFINITY
    ]
    const next = Math.min(...deadlines)
    this.timer = this.clock.setTimeout(() => this.check(), Math.max(10, next - now))
    this.timer.unref?.()
  }

  private check(): void {
    this.timer = undefined
    if (this.closed) return
    const now = this.clock.now()
    if (this.probeDeadline !== undefined && now >= this.probeDeadline)
      return this.kill('probe-failed')
    if (!this.connected || this.ws.readyState === SOCKET_CONNECTING) {
      if (now - this.lastInbound >= this.options.connectTimeoutMs)
        return this.kill('connect-timeout')
    } else if (now - this.lastInbound >= this.options.silenceTimeoutMs) {
      return this.kill('silent')
    }
    this.schedule()
  }
}
