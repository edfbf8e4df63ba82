import type { SDK } from '@ringcentral/sdk'
import { backoffDelay } from '../../../shared/util/backoff'
import type { Clock, Timer } from '../ports'
import { classifyRefreshError, type RefreshVerdict } from './classify'
import { AuthError } from './errors'

type Platform = ReturnType<SDK['platform']>

export interface RefreshSupervisorOptions {
  readonly platform: Platform
  readonly clock: Clock
  readonly onReconnecting: (reconnecting: boolean) => void
  readonly onEnded: (error: AuthError) => void
  /** The first retry's window; default 5 s, so at most 5 token calls happen in any minute. */
  readonly baseDelayMs?: number
  readonly maxDelayMs?: number
  /** In [0, 1); default Math.random. */
  readonly random?: () => number
}

export interface RefreshSupervisor {
  readonly reconnecting: boolean
  /** Stops listening and cancels a pending retry (sign-out, sign-in replaced). */
  dispose(): void
}

const DEFAULT_BASE_MS = 5_000
const DEFAULT_MAX_MS = 5 * 60_000

/**
 * The delays of successive background retries; `reset` after a refresh succeeds.
 *
 * Full jitter (shared `backoffDelay`), floored at half the base: the token endpoint's budget is
 * per user (Auth group), so one agent's own retry rate matters more here than how a fleet
 * spreads; the floor is the old first retry's minimum, and a Retry-After still wins.
 */
function retryDelays(options: RefreshSupervisorOptions): {
  next(retryAfterMs: number | undefined): number
  reset(): void
} {
  const base = options.baseDelayMs ?? DEFAULT_BASE_MS
  const max = options.maxDelayMs ?? DEFAULT_MAX_MS
  const random = options.random ?? Math.random
  let attempt = 0
  return {
    next(retryAfterMs) {
      // RingCentral's Auth rate-limit group allows 5 requests a minute per user
      // (https://developers.ringcentral.com/guide/basics/rate-limits). Full jitter alone can draw
      // 0 every time, so the floor doubles with each attempt, half the window: with a 5 s base the
      // first four retries are at least 2.5 + 5 + 10 + 20 s apart, and the fifth call comes after
      // the first minute, while the first retry still comes within seconds.
      const floorMs = Math.min(max, (base / 2) * 2 ** Math.min(attempt, 30))
      const jittered = backoffDelay(attempt, random, { baseMs: base, capMs: max, floorMs })
      attempt += 1
      return Math.max(jittered, retryAfterMs ?? 0)
    },
    reset() {
      attempt = 0
    }
  }
}

/** At most one pending retry; `pending` is what makes other callers fail fast meanwhile. */
function retryTimer(clock: Clock): {
  readonly pending: boolean
  start(run: () => void, ms: number): void
  cancel(): void
} {
  let timer: Timer | undefined
  return {
    get pending() {
      return timer !== undefined
    },
    start(run, ms) {
      if (timer !== undefined) return
      timer = clock.setTimeout(() => {
        timer = undefined
        run()
      }, ms)
      timer.unref?.()
    },
    cancel() {
      if (timer !== undefined) {
        clock.clearTimeout(timer)
        timer = undefined
      }
    }
  }
}

/**
 * The SDK documents replacing ensureLoggedIn as the way to take control of refreshing
 * (Platform.ts comment above get(); ringcentral-js#220). The original still runs when allowed.
 */
function gateEnsureLoggedIn(
  platform: Platform,
  gate: { stopped(): boolean; retryPending(): boolean }
): void {
  const original = platform.ensureLoggedIn.bind(platform)
  platform.ensureLoggedIn = async (): Promise<Response | null> => {
    if (gate.stopped()) {
      throw new AuthError('revoked')
    }
    if (gate.retryPending() && !(await platform.auth().accessTokenValid())) {
      throw new AuthError('unreachable')
    }
    return original()
  }
}

/** Subscribes to the SDK's refresh outcomes; returns the unsubscribe. */
function onRefreshes(
  platform: Platform,
  onError: (error: unknown) => void,
  onSuccess: () => void
): () => void {
  platform.on(platform.events.refreshError, onError)
  platform.on(platform.events.refreshSuccess, onSuccess)
  return () => {
    platform.removeListener(platform.events.refreshError, onError)
    platform.removeListener(platform.events.refreshSuccess, onSuccess)
  }
}

/**
 * Watches one SDK instance's refreshes. The SDK refreshes by itself (before any call whose access
 * token is within 60 s of expiry, and after a 401) and keeps concurrent callers on one
 * `_refreshPromise`. What it does not do is tell a dead network from a dead sign-in; this does:
 *
 * - transient failure: tokens stay (`clearCacheOnRefreshError: false`), status "reconnecting", and
 *   one background retry is scheduled with jittered exponential backoff
 *   (docs/platform.md#transient-refresh-failure). Until it runs, calls that would need a refresh
 *   fail fast instead of each hitting the token endpoint, so the Auth rate-limit group (5/min,
 *   docs/platform.md#rate-limits) is not exhausted by retries from other services;
 * - permanent failure: `onEnded(error)` once; every later call fails with 'revoked'
 *   (docs/platform.md#refresh-token-revoked).
 */
export function superviseRefresh(options: RefreshSupervisorOptions): RefreshSupervisor {
  const { platform } = options
  const delays = retryDelays(options)
  const timer = retryTimer(options.clock)
  let reconnecting = false
  let ended: AuthError | undefined
  let disposed = false
  const stopped = (): boolean => disposed || ended !== undefined

  function setReconnecting(next: boolean): void {
    if (next !== reconnecting) {
      reconnecting = next
      options.onReconnecting(next)
    }
  }
  function retry(): void {
    if (stopped()) return
    // Errors come back through the refreshError event, which schedules the next attempt.
    platform.refresh().catch(() => undefined)
  }
  function onVerdict(verdict: RefreshVerdict): void {
    if (stopped()) return
    if (verdict.kind === 'permanent') {
      ended = verdict.error
      timer.cancel()
      setReconnecting(false)
      options.onEnded(verdict.error)
      return
    }
    setReconnecting(true)
    if (!timer.pending) timer.start(retry, delays.next(verdict.retryAfterMs))
  }
  const onError = (error: unknown): void => {
    void classifyRefreshError(error).then(onVerdict)
  }
  const onSuccess = (): void => {
    delays.reset()
    timer.cancel()
    setReconnecting(false)
  }

  const unsubscribe = onRefreshes(platform, onError, onSuccess)
  gateEnsureLoggedIn(platform, { stopped, retryPending: () => timer.pending })

  return {
    get reconnecting() {
      return reconnecting
    },
    dispose: () => {
      disposed = true
      timer.cancel()
      unsubscribe()
    }
  }
}
