import type { SDK } from '@ringcentral/sdk'
import { backoffDelay } from '../../../shared/util/backoff'
import type { Clock, Timer } from '../ports'
import { classifyRefreshError } from './classify'
import { AuthError } from './errors'

type Platform = ReturnType<SDK['platform']>

/**
 * Watches one SDK instance's refreshes. The SDK refreshes by itself (before any call whose access
 * token is within 60 s of expiry, and after a 401) and keeps concurrent callers on one
 * `_refreshPromise`. What it does not do is tell a dead network from a dead sign-in; this does:
 *
 * - transient failure: tokens stay (`clearCacheOnRefreshError: false`), status "reconnecting", and one
 *   background retry is scheduled with jittered exponential backoff (§6 scenario 7). Until it runs,
 *   calls that would need a refresh fail fast instead of each hitting the token endpoint, so the
 *   Auth rate-limit group (5/min, reference §1c) is not exhausted by retries from other services;
 * - permanent failure: `onEnded(error)` once; every later call fails with 'revoked' (scenario 5).
 */
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

export function superviseRefresh(options: RefreshSupervisorOptions): RefreshSupervisor {
  const { platform, clock } = options
  const base = options.baseDelayMs ?? DEFAULT_BASE_MS
  const max = options.maxDelayMs ?? DEFAULT_MAX_MS
  const random = options.random ?? Math.random
  let attempt = 0
  let timer: Timer | undefined
  let reconnecting = false
  let ended: AuthError | undefined
  let disposed = false

  function setReconnecting(next: boolean): void {
    if (next !== reconnecting) {
      reconnecting = next
      options.onReconnecting(next)
    }
  }

  /**
   * Full jitter (shared `backoffDelay`), floored at half the base: the token endpoint's budget is
   * per user (Auth group), so one agent's own retry rate matters more here than how a fleet
   * spreads; the floor is the old first retry's minimum, and a Retry-After still wins.
   */
  function nextDelay(retryAfterMs: number | undefined): number {
    // RingCentral's Auth rate-limit group allows 5 requests a minute per user
    // (https://developers.ringcentral.com/guide/basics/rate-limits). Full jitter alone can draw 0
    // every time, so the floor doubles with each attempt, half the window: with a 5 s base the
    // first four retries are at least 2.5 + 5 + 10 + 20 s apart, and the fifth call comes after
    // the first minute, while the first retry still comes within seconds.
    const floorMs = Math.min(max, (base / 2) * 2 ** Math.min(attempt, 30))
    const jittered = backoffDelay(attempt, random, { baseMs: base, capMs: max, floorMs })
    attempt += 1
    return Math.max(jittered, retryAfterMs ?? 0)
  }

  function retry(): void {
    timer = undefined
    if (disposed || ended !== undefined) {
      return
    }
    // Errors come back through the refreshError event, which schedules the next attempt.
    platform.refresh().catch(() => undefined)
  }

  const onError = (error: unknown): void => {
    void classifyRefreshError(error).then((verdict) => {
      if (disposed || ended !== undefined) {
        return
      }
      if (verdict.kind === 'permanent') {
        ended = verdict.error
        cancelTimer()
        setReconnecting(false)
        options.onEnded(verdict.error)
        return
      }
      setReconnecting(true)
      if (timer === undefined) {
        timer = clock.setTimeout(retry, nextDelay(verdict.retryAfterMs))
        timer.unref?.()
      }
    })
  }

  const onSuccess = (): void => {
    attempt = 0
    cancelTimer()
    setReconnecting(false)
  }

  function cancelTimer(): void {
    if (timer !== undefined) {
      clock.clearTimeout(timer)
      timer = undefined
    }
  }

  platform.on(platform.events.refreshError, onError)
  platform.on(platform.events.refreshSuccess, onSuccess)

  // The SDK documents replacing ensureLoggedIn as the way to take control of refreshing
  // (Platform.ts comment above get(); ringcentral-js#220). The original still runs when allowed.
  const original = platform.ensureLoggedIn.bind(platform)
  platform.ensureLoggedIn = async (): Promise<Response | null> => {
    if (ended !== undefined || disposed) {
      throw new AuthError('revoked')
    }
    if (timer !== undefined && !(await platform.auth().accessTokenValid())) {
      throw new AuthError('unreachable')
    }
    return original()
  }

  return {
    get reconnecting() {
      return reconnecting
    },
    dispose: () => {
      disposed = true
      cancelTimer()
      platform.removeListener(platform.events.refreshError, onError)
      platform.removeListener(platform.events.refreshSuccess, onSuccess)
    }
  }
}
