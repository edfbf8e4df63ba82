/**
 * The reconnect schedule while the connection is not live, and what the agent is told meanwhile.
 * The supervisor reports failures and attempts; this decides when the next attempt starts (full
 * jitter, never before a rate-limit wait ends) and turns the outage into one ConnectionState, so
 * every path (a dropped socket, a failed attempt, a 429, the OS saying the network is gone, a
 * minute passing) ends in the same words.
 */
import { type BackoffOptions, backoffDelay } from '../../../shared/util/backoff'
import type { Clock, Timer } from '../ports'
import type { ConnectionState } from './state'

export const NO_NETWORK = 'the network is down'

/** A stretch of time without a live connection, from the first loss to the next live. */
interface Outage {
  /** When the connection was lost or the first attempt failed. */
  readonly since: number
  /** Failures so far (a dropped socket counts as one): the next delay's backoff step. */
  failures: number
  /** What went wrong last, for the agent. */
  reason: string
  /** When the next attempt starts; undefined while one runs. */
  retryAt: number | undefined
}

export interface ScheduleOptions {
  readonly backoff: BackoffOptions
  readonly offlineAfterMs: number
}

export interface ScheduleHooks {
  /** The next attempt is due. */
  due(): void
  /** What the agent should be told may have changed (a new countdown, a minute passing). */
  changed(): void
}

export class OutageSchedule {
  private outage: Outage | undefined
  private retryTimer: Timer | undefined
  private offlineTimer: Timer | undefined
  /** No attempt before this (epoch ms; 0 when none). */
  private rateLimitedUntil = 0
  /** Attempts since the connection was last live. */
  private attempts = 0
  /** False while the OS reports no network. */
  online = true
  /** Whether this sign-in was live before: "reconnecting" rather than "connecting". */
  everLive = false

  constructor(
    private readonly clock: Clock,
    private readonly random: () => number,
    private readonly options: ScheduleOptions,
    private readonly hooks: ScheduleHooks
  ) {}

  /** An attempt is waiting for its time: there is something for "Retry now" to bring forward. */
  get waiting(): boolean {
    return this.outage?.retryAt !== undefined
  }

  attemptStarted(): void {
    this.clearRetry()
    this.attempts++
    if (this.outage) this.outage.retryAt = undefined
  }

  /** A dropped socket or a failed attempt: the next attempt after the backoff. */
  failed(reason: string, retryAfterMs?: number): void {
    const now = this.clock.now()
    if (retryAfterMs !== undefined) this.rateLimited(retryAfterMs, false)
    const outage = this.outage ?? this.begin(now)
    outage.failures++
    outage.reason = reason
    const backoff = backoffDelay(outage.failures - 1, this.random, this.options.backoff)
    this.retryAt(Math.max(now + backoff, this.rateLimitedUntil))
  }

  /** The platform asked for a wait (a 429 anywhere in the Auth group): no attempt before its end. */
  rateLimited(retryAfterMs: number, reschedule = true): void {
    this.rateLimitedUntil = Math.max(this.rateLimitedUntil, this.clock.now() + retryAfterMs)
    const retryAt = this.outage?.retryAt
    if (reschedule && retryAt !== undefined && retryAt < this.rateLimitedUntil)
      this.retryAt(this.rateLimitedUntil)
  }

  /**
   * Brings the waiting attempt forward: 'now' to start it at once, 'moved' when a rate-limit
   * wait only lets it move to the wait's end, false when there is nothing to bring forward.
   */
  bringForward(): 'now' | 'moved' | false {
    const retryAt = this.outage?.retryAt
    if (retryAt === undefined) return false
    if (this.rateLimitedUntil <= this.clock.now()) return 'now'
    if (retryAt <= this.rateLimitedUntil) return false
    this.retryAt(this.rateLimitedUntil)
    return 'moved'
  }

  /** Live again: the outage is over. */
  live(): void {
    this.clearTimers()
    this.outage = undefined
    this.attempts = 0
    this.everLive = true
  }

  reset(): void {
    this.live()
    this.everLive = false
    this.rateLimitedUntil = 0
    this.online = true
  }

  /** The state while not live; `running` says whether an attempt is under way. */
  view(running: boolean): ConnectionState {
    const now = this.clock.now()
    const attempt = running ? this.attempts : this.attempts + 1
    const outage = this.outage
    const retryAt = outage?.retryAt
    const at = retryAt === undefined ? {} : { retryAt }
    if (!this.online) return { status: 'offline', reason: NO_NETWORK, attempt, ...at }
    if (outage === undefined) return { status: 'connecting', attempt }
    // A wait the platform imposed is its own state: the agent cannot cut it short.
    if (retryAt !== undefined && this.rateLimitedUntil > now && this.rateLimitedUntil >= retryAt)
      return { status: 'rate-limited', retryAt }
    if (now - outage.since >= this.options.offlineAfterMs)
      return { status: 'offline', reason: outage.reason, attempt, ...at }
    return this.everLive
      ? { status: 'recovering', attempt, reason: outage.reason, ...at }
      : { status: 'connecting', attempt, reason: outage.reason, ...at }
  }

  private begin(now: number): Outage {
    this.outage = { since: now, failures: 0, reason: '', retryAt: undefined }
    // "Offline" after a minute of failures must show at that minute, not at the next attempt.
    this.offlineTimer = this.clock.setTimeout(
      () => this.hooks.changed(),
      this.options.offlineAfterMs
    )
    this.offlineTimer.unref?.()
    return this.outage
  }

  private retryAt(at: number): void {
    if (!this.outage) return
    this.clearRetry()
    this.outage.retryAt = at
    this.retryTimer = this.clock.setTimeout(
      () => {
        this.retryTimer = undefined
        this.hooks.due()
      },
      Math.max(0, at - this.clock.now())
    )
    this.hooks.changed()
  }

  private clearRetry(): void {
    if (this.retryTimer !== undefined) this.clock.clearTimeout(this.retryTimer)
    this.retryTimer = undefined
  }

  private clearTimers(): void {
    this.clearRetry()
    if (this.offlineTimer !== undefined) this.clock.clearTimeout(this.offlineTimer)
    this.offlineTimer = undefined
  }
}
