/**
 * Everything that lives for one signed-in session: the directory, the supervised subscription, the
 * resync loop and the safety poll. Created when the AuthService reports signed-in, disposed at
 * sign-out, so nothing of one account can leak into the next.
 */
import WebSocketExtension from '@rc-ex/ws'
import { Subscriptions } from '@ringcentral/subscriptions'
import type { AuthService } from './auth'
import { backoffDelay } from '../../shared/util/backoff'
import type { ConnectionState, ResyncReason } from './connection/state'
import { ConnectionSupervisor, type SupervisorOptions } from './connection/supervisor'
import type { Ingest } from './ingest'
import { onSdkRateLimit } from './sdk-errors'
import type { Clock, PowerEvents, Timer } from './ports'
import { type RebaseMark, type Store } from './state'
import { pvalues } from './state/pmap'
import {
  type DisabledFeature,
  disabledMessage,
  featureOf,
  planFilters,
  type SubscriptionSettings
} from './subscriptions/features'
import { loadDirectory } from './sync/directory'
import type { RestDeps } from './sync/rest'
import { buildSnapshot } from './sync/resync'

export interface RunnerDeps {
  readonly auth: AuthService
  readonly store: Store
  readonly ingest: Ingest
  readonly clock: Clock
  readonly random: () => number
  readonly power?: PowerEvents
  readonly settings: SubscriptionSettings
  readonly supervisor?: Partial<SupervisorOptions>
  readonly safetyPollMs: number
  readonly onConnection: (state: ConnectionState) => void
  readonly onDisabled: (features: readonly DisabledFeature[]) => void
  readonly onProblems: (problems: readonly string[]) => void
  readonly onResync: (info: {
    running: boolean
    reason: ResyncReason | null
    at: string | null
  }) => void
  readonly onConnectionProblem: (kind: string, detail: string) => void
  readonly onRateLimited: (retryAfterMs: number) => void
}

export class SessionRunner {
  readonly supervisor: ConnectionSupervisor
  private readonly rest: RestDeps
  private readonly plan: ReturnType<typeof planFilters>
  private resyncing: Promise<void> | undefined
  private pendingReason: ResyncReason | undefined
  private retryTimer: Timer | undefined
  private pollTimer: Timer | undefined
  private failures = 0
  private disposed = false

  constructor(private readonly deps: RunnerDeps) {
    const platform = (): ReturnType<AuthService['platform']> => deps.auth.platform()
    this.rest = { platform, clock: deps.clock, onRateLimited: deps.onRateLimited }
    const plan = planFilters(deps.settings)
    const sdkPlatform = deps.auth.platform()
    this.supervisor = new ConnectionSupervisor(
      {
        subscriptions: new Subscriptions({ sdk: deps.auth.sdk() }),
        createExtension: (options) => new WebSocketExtension(options),
        clock: deps.clock,
        random: deps.random,
        ...(deps.power ? { power: deps.power } : {}),
        onRateLimit: (listener) => onSdkRateLimit(sdkPlatform, listener),
        ...(deps.supervisor ? { options: deps.supervisor } : {})
      },
      {
        notification: (envelope) => deps.ingest(envelope),
        state: (s) => deps.onConnection(s),
        resync: (reason) => void this.resync(reason),
        disabledFilters: (refused) =>
          deps.onDisabled(
            refused.flatMap((r) => {
              const feature = featureOf(r.filter, plan)
              return feature
                ? [{ feature, message: disabledMessage(feature, r.message ?? r.reason) }]
                : []
            })
          ),
        problem: (kind, detail) => deps.onConnectionProblem(kind, detail)
      }
    )
    this.plan = plan
  }

  async start(): Promise<void> {
    await this.refreshDirectory()
    await this.supervisor.start(this.plan.map((p) => p.filter))
    this.schedulePoll()
  }

  async dispose(): Promise<void> {
    this.disposed = true
    for (const t of [this.retryTimer, this.pollTimer])
      if (t !== undefined) this.deps.clock.clearTimeout(t)
    await this.supervisor.stop()
    await this.resyncing?.catch(() => undefined)
  }

  async refreshDirectory(): Promise<void> {
    const { update, problems } = await loadDirectory(this.rest)
    if (this.disposed) return
    this.deps.store.dispatch({ type: 'directory', directory: update })
    this.deps.onProblems(problems)
  }

  /** Single-flight: a resync asked for while one runs is done once more right after it. */
  resync(reason: ResyncReason): Promise<void> {
    if (this.resyncing) {
      this.pendingReason = reason
      return this.resyncing
    }
    this.resyncing = this.runResync(reason).finally(() => {
      this.resyncing = undefined
      const next = this.pendingReason
      this.pendingReason = undefined
      if (next && !this.disposed) void this.resync(next)
    })
    return this.resyncing
  }

  private async runResync(reason: ResyncReason): Promise<void> {
    if (this.disposed) return
    this.deps.onResync({ running: true, reason, at: null })
    // The snapshot will be applied as of this point, with what arrives meanwhile replayed on top.
    const mark = this.deps.store.mark()
    try {
      await this.resyncFrom(mark, reason)
    } finally {
      this.deps.store.release(mark) // a no-op once rebased
    }
  }

  private async resyncFrom(mark: RebaseMark, reason: ResyncReason): Promise<void> {
    const state = this.deps.store.getState()
    const auth = this.deps.auth.state
    const ownerId =
      state.directory.ownerId ??
      state.envelopeOwnerId ??
      (auth.status === 'signed-in' ? auth.ownerId : null)
    if (ownerId === null) {
      this.deps.onResync({ running: false, reason, at: null })
      return
    }
    const knownSessions: string[] = []
    for (const s of pvalues(state.sessions)) if (!s.ended) knownSessions.push(s.id)
    const { snapshot, problems } = await buildSnapshot(this.rest, {
      ownerId,
      extensions: [...state.directory.monitored, ...state.directory.favorites],
      knownSessions
    })
    if (this.disposed) return
    this.deps.onProblems(problems)
    if (snapshot && this.deps.store.rebase(mark, snapshot)) {
      this.deps.ingest.reset()
      this.failures = 0
      this.deps.onResync({ running: false, reason, at: snapshot.at })
      return
    }
    // Could not check every call, or more happened meanwhile than can be replayed: try again later
    // rather than apply a snapshot built on a guess.
    this.failures++
    this.deps.onResync({ running: false, reason, at: null })
    const delay = backoffDelay(this.failures - 1, this.deps.random, {
      baseMs: 4_000,
      capMs: 120_000,
      // base/8, for the reason connection/backoff.ts gives
      floorMs: 500
    })
    this.retryTimer = this.deps.clock.setTimeout(() => void this.resync(reason), delay)
    this.retryTimer.unref?.()
  }

  /** A slow safety net: even if every signal failed, the board converges within this period. */
  private schedulePoll(): void {
    if (this.disposed || this.deps.safetyPollMs <= 0) return
    this.pollTimer = this.deps.clock.setTimeout(() => {
      void this.resync('safety-poll').finally(() => this.schedulePoll())
    }, this.deps.safetyPollMs)
    this.pollTimer.unref?.()
  }
}
