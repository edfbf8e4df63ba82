import type { WebSocket } from 'ws'
import { CLOSE, encodeFrame, WSG_ERRORS, type FrameMeta, type WsgErrorKind } from './frames'
import type { WsgSession } from './session'

export interface ConnectionHooks {
  readonly onText: (conn: Connection, text: string) => void
  readonly onBinary: (conn: Connection) => void
  readonly onClosed: (conn: Connection) => void
  /** `silence` fault: frames are swallowed as if written into a dead TCP connection. */
  readonly silenced: () => boolean
  readonly newId: () => string
}

/** One WebSocket: frame I/O, the idle/absolute timers, and its (optional) WSG session. */
export class Connection {
  session: WsgSession | undefined
  /** ClientRequests received and not answered yet (`maxActiveRequests`). */
  activeRequests = 0
  private idleTimer: NodeJS.Timeout | undefined
  private absoluteTimer: NodeJS.Timeout | undefined
  private readonly timers = new Set<NodeJS.Timeout>()
  private closed = false
  private idleSeconds = 0

  constructor(
    readonly id: string,
    readonly ws: WebSocket,
    readonly connectedAt: number,
    readonly remotePort: number,
    private readonly hooks: ConnectionHooks
  ) {
    ws.on('message', (data, isBinary) => {
      this.touch()
      if (isBinary) hooks.onBinary(this)
      else hooks.onText(this, textOf(data))
    })
    ws.on('close', () => this.finish())
    ws.on('error', () => this.finish())
  }

  get open(): boolean {
    return !this.closed && this.ws.readyState === this.ws.OPEN
  }

  /**
   * Starts the server-side timeouts. Only client frames re-arm the idle timer: WS ping frames
   * do not count as traffic (docs/platform.md#heartbeats-and-timeouts); `ws` answers them itself.
   */
  startTimers(idleTimeoutSeconds: number, absoluteTimeoutSeconds: number): void {
    this.idleSeconds = idleTimeoutSeconds
    this.touch()
    const absoluteMs = absoluteTimeoutSeconds * 1000
    this.absoluteTimer = setTimeout(() => this.fail('absoluteTimeout', CLOSE.timeout), absoluteMs)
  }

  /** Runs `fn` later unless the socket is gone by then (timers die with the connection). */
  schedule(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer)
      if (!this.closed) fn()
    }, ms)
    this.timers.add(timer)
  }

  /** Sends text unless silenced; returns whether it went out. */
  sendText(text: string): boolean {
    if (!this.open || this.hooks.silenced()) return false
    this.ws.send(text)
    return true
  }

  sendFrame(meta: FrameMeta, body?: unknown): boolean {
    return this.sendText(encodeFrame(meta, body))
  }

  /**
   * Error frame (`{errorCode, message}`, docs/platform.md#frames), optionally echoing a messageId.
   */
  sendError(kind: WsgErrorKind, messageId?: string, detail?: string): boolean {
    const e = WSG_ERRORS[kind]
    const id = messageId ?? this.hooks.newId()
    const message = detail === undefined ? e.message : `${e.message}: ${detail}`
    return this.sendFrame(
      {
        type: 'Error',
        messageId: id,
        status: e.status,
        headers: { RCRequestId: this.hooks.newId() }
      },
      { errorCode: e.code, message }
    )
  }

  /** Error frame, then close. Silence does not apply to the close itself. */
  fail(kind: WsgErrorKind, closeCode: number): void {
    if (this.closed) return
    this.idleSeconds = 0 // late client frames must not re-arm the idle timer
    this.sendError(kind)
    this.ws.close(closeCode, WSG_ERRORS[kind].message)
    this.clearTimers()
  }

  /** Abrupt TCP teardown without a close frame (network drop). */
  terminate(): void {
    this.clearTimers()
    this.ws.terminate()
  }

  close(code: number, reason: string): void {
    this.clearTimers()
    const { readyState, OPEN, CONNECTING } = this.ws
    if (readyState === OPEN || readyState === CONNECTING) this.ws.close(code, reason)
  }

  private touch(): void {
    if (this.closed || this.idleSeconds <= 0) return
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer)
    this.idleTimer = setTimeout(
      () => this.fail('idleTimeout', CLOSE.timeout),
      this.idleSeconds * 1000
    )
  }

  private clearTimers(): void {
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer)
    if (this.absoluteTimer !== undefined) clearTimeout(this.absoluteTimer)
    this.idleTimer = undefined
    this.absoluteTimer = undefined
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
  }

  private finish(): void {
    if (this.closed) return
    this.closed = true
    this.clearTimers()
    this.hooks.onClosed(this)
  }
}

function textOf(data: Buffer | ArrayBuffer | Buffer[]): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8')
  if (data instanceof ArrayBuffer) return Buffer.from(new Uint8Array(data)).toString('utf8')
  return data.toString('utf8')
}
