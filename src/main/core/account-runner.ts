/**
 * Everything that lives for one signed-in account: the directory, the supervised subscription, the
 * resync loop and the safety poll. Created when the AuthService reports signed-in, disposed at
 * sign-out, so nothing of one account can leak into the next (accounts.ts does both).
 *
 * It is one end of the notification pipeline: the supervisor's frames go into
 * `NotificationPipeline.receiveFrame`, and the pipeline's signals (a sequence gap, a list change)
 * come back as resyncs and directory refreshes, subscribed here because the runner is created long
 * after the pipeline and removed at dispose.
 */
import WebSocketExtension from '@rc-ex/ws'
import { Subscriptions } from '@ringcentral/subscriptions'
import type { AuthService } from './auth'
import { backoffDelay } from '../../shared/util/backoff'
import type { ResyncReason } from './connection/state'
import {
  ConnectionSupervisor,
  type DisabledFilter,
  type SupervisorOptions
} from './connection/supervisor'
import type { NotificationPipeline } from './pipeline'
import { onSdkRateLimit } from './rest/sdk-errors'
import type { Clock, PowerEvents, Timer } from './ports'
import { hiddenLinesOf, ownerIdOf, type RebaseMark, type Store } from './state'
import { pvalues } from './state/pmap'
import type { StatusReports } from './status'
import {
  type DisabledFeature,
  disabledMessage,
  featureOf,
  planFilters,
  type SubscriptionSettings
} from './subscriptions/features'
import { loadDirectory } from './sync/directory'
import type { RestDeps } from './sync/rest'
import { ReadbackSpacing } from './sync/readback-spacing'
import { buildReadback } from './sync/resync'

export interface AccountRunnerDeps {
  readonly auth: AuthService
  readonly store: Store
  readonly pipeline: NotificationPipeline
  readonly status: StatusReports
  readonly clock: Clock
  readonly random: () => number
  readonly power?: PowerEvents
  readonly settings: SubscriptionSettings
  readonly supervisor?: Partial<SupervisorOptions>
  readonly safetyPollMs: number
}

type FilterPlan = ReturnType<typeof planFilters>

/** The features whose filters the platform refused, with the message the agent sees. */
function disabledFeatures(refused: readonly DisabledFilter[], plan: FilterPlan): DisabledFeature[] {
  return refused.flatMap((r) => {
    const feature = featureOf(r.filter, plan)
    return feature ? [{ feature, message: disabledMessage(feature, r.message ?? r.reason) }] : []
  })
}

export class AccountRunner {
  readonly supervisor: ConnectionSupervisor
  private readonly rest: RestDeps
  private readonly plan: FilterPlan
  private readonly unsubscribe: ReadonlyArray<() => void>
  private resyncing: Promise<void> | undefined
  private pendingReason: ResyncReason | undefined
  private retryTimer: Timer | undefined
  private pollTimer: Timer | undefined
  /** A sequence hole's readback, waiting for its spacing (sync/readback-spacing.ts). */
  private gapTimer: Timer | undefined
  private gapQueued = false
  private readonly spacing: ReadbackSpacing
  private failures = 0
  private disposed = false

  constructor(private readonly deps: AccountRunnerDeps) {
    this.spacing = new ReadbackSpacing(deps.clock)
    const platform = (): ReturnType<AuthService['platform']> => deps.auth.platform()
    const { status, pipeline } = deps
    this.rest = { platform, clock: deps.clock, onRateLimited: (ms) => status.rateLimited(ms) }
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
        notificationFrame: pipeline.receiveFrame,
        state: (s) => status.connection(s),
        resync: (reason) => void this.resync(reason),
        disabledFilters: (refused) => this.refused(refused),
        problem: (kind, detail) => status.connectionProblem(kind, detail)
      }
    )
    this.plan = plan
    this.unsubscribe = [
      pipeline.onGap(() => this.gapSeen()),
      pipeline.onListChanged(() => void this.refreshDirectory())
    ]
  }

  /**
   * A fresh subscription's dropped filters: a colleague's presence filter marks that line hidden
   * (not a feature the app lacks a permission for); the rest turn their feature off.
   */
  private refused(refused: readonly DisabledFilter[]): void {
    const { lines, rest } = hiddenLinesOf(refused, ownerIdOf(this.deps.store.getState()))
    this.deps.status.disabled(disabledFeatures(rest, this.plan))
    this.deps.store.dispatch({ type: 'presence-refused', lines })
  }

  async start(): Promise<void> {
    await this.refreshDirectory()
    await this.supervisor.start(this.plan.map((p) => p.filter))
    this.schedulePoll()
  }

  async dispose(): Promise<void> {
    this.disposed = true
    for (const off of this.unsubscribe) off()
    for (const t of [this.retryTimer, this.pollTimer, this.gapTimer])
      if (t !== undefined) this.deps.clock.clearTimeout(t)
    await this.supervisor.stop()
    await this.resyncing?.catch(() => undefined)
  }

  async refreshDirectory(): Promise<void> {
    const { update, problems } = await loadDirectory(this.rest)
    if (this.disposed) return
    this.deps.store.dispatch({ type: 'directory', directory: update })
    this.deps.status.problems(problems)
  }

  /** After an error nobody caught: a probe of the socket, and a resync (what `probe` does). */
  recover(): void {
    this.supervisor.probe('fault')
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

  /**
   * A presence sequence hole stayed open: one readback for it, once any running one is done and
   * readbacks have had their spacing (sync/readback-spacing.ts). Holes seen meanwhile share it.
   */
  private gapSeen(): void {
    if (this.gapQueued || this.disposed) return
    this.gapQueued = true
    void this.resyncsDone().then(() => {
      if (this.disposed || !this.gapQueued) return
      this.gapTimer = this.deps.clock.setTimeout(() => {
        this.gapTimer = undefined
        this.gapQueued = false
        void this.resync('gap')
      }, this.spacing.waitForGap())
      this.gapTimer.unref?.()
    })
  }

  private async resyncsDone(): Promise<void> {
    while (this.resyncing) await this.resyncing.catch(() => undefined)
  }

  private async runResync(reason: ResyncReason): Promise<void> {
    if (this.disposed) return
    // A hole waiting for its spacing is covered by this readback: it began after the hole did.
    if (this.gapTimer !== undefined) {
      this.deps.clock.clearTimeout(this.gapTimer)
      this.gapTimer = undefined
      this.gapQueued = false
    }
    this.deps.status.resync({ running: true, reason, at: null })
    // The readback will be applied as of this point, with what arrives meanwhile replayed on top.
    const mark = this.deps.store.mark()
    const startedAt = this.deps.clock.now()
    try {
      await this.resyncFrom(mark, reason)
    } finally {
      this.deps.store.release(mark) // a no-op once rebased
      this.spacing.ran(startedAt)
    }
  }

  private async resyncFrom(mark: RebaseMark, reason: ResyncReason): Promise<void> {
    const state = this.deps.store.getState()
    const auth = this.deps.auth.state
    const ownerId = ownerIdOf(state) ?? (auth.status === 'signed-in' ? auth.ownerId : null)
    if (ownerId === null) {
      this.deps.status.resync({ running: false, reason, at: null })
      return
    }
    const knownSessions: string[] = []
    for (const s of pvalues(state.sessions)) if (!s.ended) knownSessions.push(s.id)
    const { readback, problems } = await buildReadback(this.rest, {
      ownerId,
      extensions: [...state.directory.monitored, ...state.directory.favorites],
      knownSessions
    })
    if (this.disposed) return
    this.deps.status.problems(problems)
    if (readback && this.deps.store.rebase(mark, readback)) {
      this.deps.pipeline.resetSequences()
      this.failures = 0
      this.deps.status.resync({ running: false, reason, at: readback.at })
      return
    }
    // Could not check every call, or more happened meanwhile than can be replayed: try again later
    // rather than apply a readback built on a guess.
    this.failures++
    this.deps.status.resync({ running: false, reason, at: null })
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
