/**
 * The connection supervisor: one WebSocket subscription for all of Ringside's filters, kept alive.
 *
 * It drives the real `@ringcentral/subscriptions` client and owns what that library gets wrong
 * or lacks (docs/platform.md#keeping-the-connection): the reconnect loop itself (full-jitter
 * backoff with a cap, a deadline on every attempt, the next attempt's time for the countdown and
 * "Retry now"), the heartbeat and silence watchdog, no orphan socket after a failed `register()`,
 * resume/network-change probes, survival of the library's listener crashes, rate-limit waits, and
 * resync requests when notifications may have been lost.
 *
 * The library's own recovery loop is turned off (`autoRecover.enabled: false`): it retries on a
 * fixed ladder, cannot say when the next try is, and an attempt that hangs in it blocks every later
 * one (docs/platform.md#recovery-loop). The supervisor calls the library's `recover()` on the same
 * extension instead, so the ws token cache and the WSG session (`wsc`) still work as the library
 * intends; a fresh subscription is made only when there is none or its extension is wedged.
 *
 * Notifications are read from the socket's frames, not from the library's `notification` event. The
 * library loses notifications in two windows: one that beats the subscription response makes its
 * listener throw (see guard.ts), and after a successful recovery it re-attaches its listener only
 * once it has processed ConnectionDetails, so a replay that arrives with it is dropped. The socket
 * carries exactly one subscription (ours), so every ServerNotification on it is ours; the reducer
 * drops duplicates by uuid.
 */
import type WebSocketExtension from '@rc-ex/ws'
import { Attempt } from './attempt'
import { classifyConnectError } from './errors'
import { Extensions } from './extension'
import type { GuardedSocket } from './guard'
import { NO_NETWORK, OutageSchedule } from './outage'
import { SocketWatch, type WatchHooks } from './socket-watch'
import type { ConnectionState, ResyncReason } from './state'
import {
  DEFAULT_SUPERVISOR_OPTIONS,
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

const TERMINATION_REASONS = {
  silent: 'the connection went silent',
  'probe-failed': 'the connection did not answer'
} as const

export class ConnectionSupervisor {
  private readonly options: SupervisorOptions
  private readonly schedule: OutageSchedule
  private readonly extensions: Extensions
  private stateValue: ConnectionState = { status: 'idle' }
  private filters: readonly string[] = []
  private running = false
  private generation = 0
  private attempt: Attempt | undefined
  private watch: SocketWatch | undefined
  /** True while the live extension's socket is connected and delivering. */
  private up = false
  private liveSince = 0
  private heardPublishedAt = 0
  /** Set when the watch killed a socket: once live again, the state must be refetched. */
  private resyncWhenLive: ResyncReason | undefined
  private readonly unsubscribe: Array<() => void> = []

  constructor(
    private readonly deps: SupervisorDeps,
    private readonly on: SupervisorHandlers
  ) {
    this.options = { ...DEFAULT_SUPERVISOR_OPTIONS, ...deps.options }
    this.schedule = new OutageSchedule(deps.clock, deps.random, this.options, {
      due: () => void this.connect(),
      changed: () => this.render()
    })
    this.extensions = new Extensions({
      subscriptions: deps.subscriptions,
      createExtension: () => this.createExtension()
    })
  }

  get state(): ConnectionState {
    return this.stateValue
  }

  /** Connects with these filters, replacing any earlier subscription (one socket at a time). */
  async start(filters: readonly string[]): Promise<void> {
    await this.stop()
    this.filters = filters
    this.running = true
    this.schedule.online = this.deps.power?.isOnline?.() ?? true
    this.listen()
    await this.connect()
  }

  /** Revokes the subscription and closes the socket. Safe to call twice. */
  stop(): Promise<void> {
    return this.shutdown({ status: 'idle' })
  }

  /** Checks that an open socket still answers; a dead one is dropped and recovered. */
  probe(reason: 'resume' | 'network-change' | 'fault'): void {
    if (!this.running) return
    if (this.up) this.watch?.probe()
    // Calls may have started or ended while the machine slept or the network moved.
    this.on.resync(reason)
  }

  /**
   * Starts the waiting attempt now instead of at its time (the agent's "Retry now", the network
   * coming back); false when there is nothing to bring forward: live, an attempt running, or a
   * rate-limit wait. The platform's wait is never cut short, since asking sooner only earns
   * another 429: during one, the attempt moves to the wait's end at the soonest.
   */
  retryNow(): boolean {
    if (!this.running || this.up || this.attempt) return false
    const forward = this.schedule.bringForward()
    if (forward === 'now') void this.connect()
    return forward !== false
  }

  private listen(): void {
    const { power, onRateLimit } = this.deps
    if (onRateLimit) this.unsubscribe.push(onRateLimit((ms) => this.onRateLimited(ms)))
    if (!power) return
    this.unsubscribe.push(power.onResume(() => this.probe('resume')))
    this.unsubscribe.push(power.onNetworkChange((online) => this.onNetworkChange(online)))
  }

  private createExtension(): WebSocketExtension {
    const wse = this.deps.createExtension({ autoRecover: { enabled: false } })
    wse.eventEmitter.on('newWebSocketObject', (ws: GuardedSocket) => this.watchSocket(wse, ws))
    return wse
  }

  /** One attempt: recover the live extension's session, or subscribe afresh. */
  private async connect(): Promise<void> {
    if (!this.running || this.attempt) return
    const generation = this.generation
    if (this.extensions.wedged) this.extensions.retire()
    this.schedule.attemptStarted()
    const attempt = new Attempt(this.deps.clock)
    this.attempt = attempt
    this.render()
    const outcome = await attempt.run(() => this.attemptWork(), this.options.connectTimeoutMs)
    if (generation !== this.generation || this.attempt !== attempt) return
    this.attempt = undefined
    if (outcome.ok) return this.wentLive(outcome.value)
    if (outcome.timedOut) this.on.problem('terminated', 'connect-timeout')
    await (outcome.timedOut ? this.extensions.abandon() : this.extensions.dropPending())
    if (generation === this.generation) this.failed(outcome.timedOut, outcome.error)
  }

  private async attemptWork(): Promise<'fresh' | 'recovered' | 'lost'> {
    if (this.extensions.holding) return this.extensions.recover()
    const refused = await this.extensions.subscribe(this.filters)
    // Every fresh subscription reports its refusals, none included: what a new subscription no
    // longer drops (a colleague who shares their presence again) is cleared.
    this.on.disabledFilters(refused)
    return 'fresh'
  }

  private wentLive(how: 'fresh' | 'recovered' | 'lost'): void {
    this.schedule.live()
    this.up = true
    this.liveSince = this.deps.clock.now()
    this.setLive(this.liveSince)
    if (how === 'recovered') return this.flushPendingResync()
    // A fresh subscription starts with no history, and a failed recovery lost whatever happened
    // while the socket was down (@rc-ex/ws README): the state must come from REST.
    this.resyncWhenLive = undefined
    this.on.resync(how === 'fresh' ? 'new-wsg-session' : 'recovery-failed')
  }

  private failed(timedOut: boolean, error: unknown): void {
    if (timedOut) return this.schedule.failed('connecting took too long')
    const verdict = classifyConnectError(error)
    if (verdict.kind === 'fatal')
      return void this.shutdown({ status: 'stopped', reason: verdict.message })
    this.schedule.failed(
      verdict.message,
      verdict.kind === 'rate-limited' ? verdict.retryAfterMs : undefined
    )
  }

  private watchSocket(wse: WebSocketExtension, ws: GuardedSocket): void {
    if (!this.running || !this.extensions.owns(wse)) {
      // A socket nobody waits for (a reconnect under way when we stopped, an abandoned attempt's
      // late register): it must not stay open, or it would hold a second subscription.
      ws.addEventListener('error', () => undefined)
      ws.terminate?.()
      return
    }
    this.watch?.dispose()
    const watch: SocketWatch = new SocketWatch(
      ws,
      this.deps.clock,
      this.options,
      this.hooks(() => this.watch === watch)
    )
    this.watch = watch
  }

  /** What a watch reports; `current` is false once a newer socket replaced it. */
  private hooks(current: () => boolean): WatchHooks {
    return {
      onListenerError: (error, frame) =>
        this.on.problem(
          'listener-threw',
          `${String(error)}${frame ? ` on ${frame.slice(0, 200)}` : ''}`
        ),
      onMalformedFrame: (frame) => this.on.problem('malformed-frame', frame.slice(0, 500)),
      onNotificationFrame: (body) => {
        if (this.running) this.on.notificationFrame(body)
      },
      onHeard: (at) => {
        if (current()) this.heard(at)
      },
      onTerminated: (reason) => {
        this.on.problem('terminated', reason)
        if (!current()) return
        this.resyncWhenLive = 'dead-socket'
        this.down(TERMINATION_REASONS[reason])
      },
      onClosed: () => {
        if (current()) this.down('the connection dropped')
      }
    }
  }

  /** The live socket died. During an attempt its own socket's death fails the attempt instead. */
  private down(reason: string): void {
    if (!this.running || !this.up) return
    this.up = false
    this.watch = undefined
    this.schedule.failed(reason)
  }

  /** Any frame: a live socket's `lastHeardAt` moves, throttled, so the renderer can tell silence. */
  private heard(at: number): void {
    if (!this.up) return
    const stale = at - this.heardPublishedAt >= this.options.silenceTimeoutMs / 4
    if (this.stateValue.status !== 'live' || stale) this.setLive(at)
  }

  private onNetworkChange(online: boolean): void {
    if (!this.running) return
    this.schedule.online = online
    if (!online) {
      if (!this.up) return this.render()
      // Trust the OS at once, and let the socket prove it wrong: any frame makes it live again.
      this.watch?.probe()
      return this.setState({ status: 'offline', reason: NO_NETWORK })
    }
    this.probe('network-change')
    if (!this.retryNow()) this.render()
  }

  private onRateLimited(retryAfterMs: number): void {
    if (this.running) this.schedule.rateLimited(retryAfterMs)
  }

  private async shutdown(final: ConnectionState): Promise<void> {
    this.running = false
    this.generation++
    for (const off of this.unsubscribe.splice(0)) off()
    this.schedule.reset()
    this.watch?.dispose()
    this.watch = undefined
    this.attempt?.cancel()
    this.attempt = undefined
    this.up = false
    await this.extensions.close(this.deps.clock, this.options.probeTimeoutMs)
    this.setState(final)
  }

  private flushPendingResync(): void {
    const reason = this.resyncWhenLive
    this.resyncWhenLive = undefined
    if (reason !== undefined) this.on.resync(reason)
  }

  private render(): void {
    if (this.running && !this.up) this.setState(this.schedule.view(this.attempt !== undefined))
  }

  private setLive(heardAt: number): void {
    if (!this.running) return
    this.heardPublishedAt = heardAt
    this.setState({
      status: 'live',
      since: this.liveSince,
      lastHeardAt: heardAt,
      silenceLimitMs: this.options.silenceTimeoutMs
    })
  }

  private setState(state: ConnectionState): void {
    this.stateValue = state
    this.on.state(state)
  }
}
