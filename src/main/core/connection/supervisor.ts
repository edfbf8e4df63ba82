/**
 * The connection supervisor: one WebSocket subscription for all of Ringside's filters, kept alive.
 *
 * It drives the real `@ringcentral/subscriptions` client and adds what that library lacks
 * (docs/platform.md#keeping-the-connection, docs/platform.md#subscriptions-library): jittered
 * backoff, handshake and silence watchdogs, no orphan socket after a failed `register()`,
 * resume/network-change probes, survival of the library's listener crashes, rate-limit waits, and
 * resync requests when notifications may have been lost.
 *
 * Notifications are read from the socket's frames, not from the library's `notification` event. The
 * library loses notifications in two windows: one that beats the subscription response makes its
 * listener throw (see guard.ts), and after a successful recovery it re-attaches its listener only
 * once it has processed ConnectionDetails, so a replay that arrives with it is dropped. The socket
 * carries exactly one subscription (ours), so every ServerNotification on it is ours; the reducer
 * drops duplicates by uuid.
 */
import type WebSocketExtension from '@rc-ex/ws'
import type { Timer } from '../ports'
import { backoffDelay } from '../../../shared/util/backoff'
import { classifyConnectError } from './errors'
import { type GuardedSocket, SOCKET_OPEN } from './guard'
import { SocketWatch } from './socket-watch'
import {
  DEFAULT_SUPERVISOR_OPTIONS,
  type DisabledFilter,
  type SupervisorDeps,
  type SupervisorHandlers,
  type SupervisorOptions
} from './supervisor-types'

export {
  DEFAULT_SUPERVISOR_OPTIONS,
  type DisabledFilter,
  type SupervisorDeps,
  type SupervisorHandlers,
  type SupervisorOptions
} from './supervisor-types'
import type { ConnectionState, ResyncReason } from './state'

const TERMINATION_REASONS = {
  'connect-timeout': 'connecting took too long',
  silent: 'the connection went silent',
  'probe-failed': 'the connection did not answer'
} as const

interface Live {
  readonly wse: WebSocketExtension
  readonly subscriptionId: string
  readonly revoke: () => Promise<void>
}

export class ConnectionSupervisor {
  private readonly options: SupervisorOptions
  private stateValue: ConnectionState = { status: 'idle' }
  private filters: readonly string[] = []
  private live: Live | undefined
  private pendingWse: WebSocketExtension | undefined
  private watch: SocketWatch | undefined
  private attempt = 0
  private retryTimer: Timer | undefined
  private rateLimitedUntil = 0
  /** Set when the watch killed a socket: once live again, the state must be refetched. */
  private resyncWhenLive: ResyncReason | undefined
  private running = false
  private generation = 0
  private readonly unsubscribePower: Array<() => void> = []

  constructor(
    private readonly deps: SupervisorDeps,
    private readonly on: SupervisorHandlers
  ) {
    this.options = { ...DEFAULT_SUPERVISOR_OPTIONS, ...deps.options }
    // Our WebSocketExtension replaces the library's default one, so every socket is watched and
    // reconnects with jitter. Still the library's own register(): we only choose its options.
    deps.subscriptions.newWsExtension = async (): Promise<WebSocketExtension> => {
      const wse = this.createExtension()
      this.pendingWse = wse
      await deps.subscriptions.rc.installExtension(wse)
      return wse
    }
  }

  get state(): ConnectionState {
    return this.stateValue
  }

  /** Connects with these filters, replacing any earlier subscription (one socket at a time). */
  async start(filters: readonly string[]): Promise<void> {
    await this.stop()
    this.filters = filters
    this.running = true
    const power = this.deps.power
    if (this.deps.onRateLimit && this.unsubscribePower.length === 0) {
      this.unsubscribePower.push(this.deps.onRateLimit((ms) => this.onRateLimited(ms)))
    }
    if (power && this.unsubscribePower.length <= 1) {
      this.unsubscribePower.push(power.onResume(() => this.probe('resume')))
      this.unsubscribePower.push(
        power.onNetworkChange((online) =>
          online ? this.probe('network-change') : this.setOffline('the network is down')
        )
      )
    }
    await this.connect()
  }

  /** Revokes the subscription and closes the socket. Safe to call twice. */
  async stop(): Promise<void> {
    this.running = false
    this.generation++
    if (this.retryTimer !== undefined) this.deps.clock.clearTimeout(this.retryTimer)
    this.retryTimer = undefined
    this.watch?.dispose()
    this.watch = undefined
    const live = this.live
    this.live = undefined
    await this.discard(this.pendingWse)
    if (live) await this.revokeWithin(live)
    this.pendingWse = undefined
    for (const off of this.unsubscribePower.splice(0)) off()
    this.setState({ status: 'idle' })
  }

  /** Checks that an open socket still answers; a dead one is dropped and recovered. */
  probe(reason: 'resume' | 'network-change' | 'fault'): void {
    if (!this.running) return
    this.watch?.probe()
    // Calls may have started or ended while the machine slept or the network moved.
    this.on.resync(reason)
  }

  private createExtension(): WebSocketExtension {
    const pingServerInterval = Math.max(1_000, Math.floor(this.options.silenceTimeoutMs / 2))
    const wse = this.deps.createExtension({
      autoRecover: {
        enabled: true,
        pingServerInterval,
        checkInterval: (retries) => this.retryDelay(retries)
      }
    })
    wse.eventEmitter.on('newWebSocketObject', (ws: GuardedSocket) => this.watchSocket(ws))
    wse.eventEmitter.on('autoRecoverSuccess', () => {
      this.setLive()
      this.flushPendingResync()
    })
    wse.eventEmitter.on('autoRecoverFailed', () => {
      // Recovery failed: whatever happened while the socket was down is lost (@rc-ex/ws README).
      this.setLive()
      this.resyncWhenLive = undefined
      this.on.resync('recovery-failed')
    })
    wse.eventEmitter.on('autoRecoverError', (error: unknown) => this.onRecoverError(error))
    return wse
  }

  private retryDelay(retries: number): number {
    const wait = Math.max(0, this.rateLimitedUntil - this.deps.clock.now())
    return Math.max(wait, backoffDelay(retries, this.deps.random, this.options.backoff))
  }

  private watchSocket(ws: GuardedSocket): void {
    this.watch?.dispose()
    if (!this.running) {
      // A reconnect that was already under way when we stopped: do not let it leave a socket open.
      ws.addEventListener('error', () => undefined)
      ws.terminate?.()
      return
    }
    this.watch = new SocketWatch(ws, this.deps.clock, this.options, {
      onListenerError: (error, frame) =>
        this.on.problem(
          'listener-threw',
          `${String(error)}${frame ? ` on ${frame.slice(0, 200)}` : ''}`
        ),
      onMalformedFrame: (frame) => this.on.problem('malformed-frame', frame.slice(0, 500)),
      onNotificationFrame: (body) => {
        if (this.running) this.on.notificationFrame(body)
      },
      onTerminated: (reason) => {
        this.on.problem('terminated', reason)
        if (reason !== 'connect-timeout') this.resyncWhenLive = 'dead-socket'
        if (this.running && this.live) {
          this.setState({ status: 'recovering', attempt: 1, reason: TERMINATION_REASONS[reason] })
        }
      },
      onClosed: () => {
        if (this.running && this.live) {
          this.setState({ status: 'recovering', attempt: 1, reason: 'the connection dropped' })
        }
      }
    })
  }

  private async connect(): Promise<void> {
    const generation = this.generation
    this.attempt++
    this.setState({ status: 'connecting', attempt: this.attempt })
    const subscription = this.deps.subscriptions.createSubscription()
    subscription.setEventFilters([...this.filters])
    try {
      const registered = await this.withTimeout(subscription.register())
      // registered.wse is the extension our newWsExtension built, typed more loosely by the library.
      const wse = this.pendingWse
      if (generation !== this.generation || wse === undefined) {
        await this.discard(wse)
        return
      }
      const info = registered.subscriptionInfo as { id: string; disabledFilters?: DisabledFilter[] }
      this.live = { wse, subscriptionId: info.id, revoke: () => wse.revoke() }
      this.pendingWse = undefined
      this.attempt = 0
      if (info.disabledFilters && info.disabledFilters.length > 0) {
        this.on.disabledFilters(info.disabledFilters)
      }
      this.setLive()
      // A fresh subscription starts with no history: the state must come from REST.
      this.on.resync('new-wsg-session')
    } catch (error) {
      if (generation !== this.generation) return
      // register() failed, but the library's extension keeps retrying in the background and would
      // later open a socket with no subscription on it: kill it
      // (docs/platform.md#orphan-socket-after-a-failed-register).
      await this.discard(this.pendingWse)
      this.pendingWse = undefined
      this.scheduleRetry(error)
    }
  }

  private scheduleRetry(error: unknown): void {
    const verdict = classifyConnectError(error)
    if (verdict.kind === 'fatal') {
      this.running = false
      this.setState({ status: 'stopped', reason: verdict.message })
      return
    }
    const now = this.deps.clock.now()
    let delay = backoffDelay(this.attempt - 1, this.deps.random, this.options.backoff)
    if (verdict.kind === 'rate-limited') {
      this.rateLimitedUntil = now + verdict.retryAfterMs
      delay = Math.max(delay, verdict.retryAfterMs)
      this.setState({ status: 'rate-limited', retryAt: now + delay })
    } else {
      this.setState({ status: 'offline', reason: verdict.message, retryAt: now + delay })
    }
    this.retryTimer = this.deps.clock.setTimeout(() => {
      this.retryTimer = undefined
      if (this.running) void this.connect()
    }, delay)
  }

  private onRecoverError(error: unknown): void {
    if (!this.running) return
    const verdict = classifyConnectError(error)
    if (verdict.kind === 'fatal') {
      void this.stop().then(() => this.setState({ status: 'stopped', reason: verdict.message }))
      return
    }
    const attempt = this.stateValue.status === 'recovering' ? this.stateValue.attempt + 1 : 1
    if (verdict.kind === 'rate-limited') {
      this.rateLimitedUntil = this.deps.clock.now() + verdict.retryAfterMs
      this.setState({ status: 'rate-limited', retryAt: this.rateLimitedUntil })
    } else {
      this.setState({ status: 'recovering', attempt, reason: verdict.message })
    }
  }

  private flushPendingResync(): void {
    const reason = this.resyncWhenLive
    this.resyncWhenLive = undefined
    if (reason !== undefined) this.on.resync(reason)
  }

  private onRateLimited(retryAfterMs: number): void {
    if (!this.running) return
    const until = this.deps.clock.now() + retryAfterMs
    this.rateLimitedUntil = Math.max(this.rateLimitedUntil, until)
    this.setState({ status: 'rate-limited', retryAt: this.rateLimitedUntil })
  }

  /**
   * Revoking sends DELETE over the socket and waits for the answer; a dead socket never answers.
   * Give it a moment, then drop the socket anyway: the server forgets the subscription with it.
   */
  private async revokeWithin(live: Live): Promise<void> {
    const timeout = new Promise<void>((resolve) => {
      const timer = this.deps.clock.setTimeout(resolve, this.options.probeTimeoutMs)
      timer.unref?.()
    })
    await Promise.race([live.revoke().catch(() => undefined), timeout])
    const ws = live.wse.ws as unknown as GuardedSocket | undefined
    if (ws && ws.readyState <= SOCKET_OPEN) ws.terminate?.()
  }

  private async discard(wse: WebSocketExtension | undefined): Promise<void> {
    if (!wse) return
    // revoke() also clears the recovery interval and disables the extension; with no subscription
    // it sends nothing over the wire.
    await wse.revoke().catch(() => undefined)
  }

  private withTimeout<T>(promise: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = this.deps.clock.setTimeout(
        () => reject(new Error(`no subscription after ${this.options.registerTimeoutMs} ms`)),
        this.options.registerTimeoutMs
      )
      promise.then(
        (v) => {
          this.deps.clock.clearTimeout(timer)
          resolve(v)
        },
        (e: unknown) => {
          this.deps.clock.clearTimeout(timer)
          reject(e)
        }
      )
    })
  }

  private setOffline(reason: string): void {
    if (this.running) this.setState({ status: 'offline', reason })
  }

  private setLive(): void {
    if (this.running) this.setState({ status: 'live', since: this.deps.clock.now() })
  }

  private setState(state: ConnectionState): void {
    this.stateValue = state
    this.on.state(state)
  }
}
