import type { Clock } from '../clock'

/**
 * Throttling groups; header values are lower case in real responses (docs/platform.md#rate-limits).
 */
export type RateGroup = 'light' | 'medium' | 'heavy' | 'auth'

export interface RateLimitConfig {
  readonly limits: Readonly<Record<RateGroup, number>>
  /** Counting window, seconds (`X-Rate-Limit-Window`). */
  readonly windowSeconds: number
  /** Penalty after going over, seconds; every request during the penalty restarts it. */
  readonly penaltySeconds: number
}

export interface RateLimitPatch {
  readonly limits?: Partial<Record<RateGroup, number>>
  readonly windowSeconds?: number
  readonly penaltySeconds?: number
}

/** Docs defaults: Light 50, Medium 40, Heavy 10, Auth 5 per user per minute, 60 s penalty. */
export const DEFAULT_RATE_LIMITS: RateLimitConfig = {
  limits: { light: 50, medium: 40, heavy: 10, auth: 5 },
  windowSeconds: 60,
  penaltySeconds: 60
}

export interface RateDecision {
  readonly allowed: boolean
  /** `X-Rate-Limit-*` headers, present on every API response. */
  readonly headers: Readonly<Record<string, string>>
  /** Seconds for `Retry-After` when not allowed. */
  readonly retryAfterSeconds: number
}

interface Bucket {
  windowStart: number
  count: number
  penaltyUntil: number
}

export function mergeRateLimits(base: RateLimitConfig, patch: RateLimitPatch): RateLimitConfig {
  return {
    limits: { ...base.limits, ...patch.limits },
    windowSeconds: patch.windowSeconds ?? base.windowSeconds,
    penaltySeconds: patch.penaltySeconds ?? base.penaltySeconds
  }
}

/**
 * Fixed-window counter per (user, group) with the documented penalty: once over the limit, every
 * request is refused until `penaltySeconds` pass without a request in that group.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>()
  private current: RateLimitConfig

  constructor(
    private readonly clock: Clock,
    config: RateLimitConfig = DEFAULT_RATE_LIMITS
  ) {
    this.current = config
  }

  get config(): RateLimitConfig {
    return this.current
  }

  configure(patch: RateLimitPatch): RateLimitConfig {
    this.current = mergeRateLimits(this.current, patch)
    return this.current
  }

  /** Forget all counters and penalties (control API). */
  reset(): void {
    this.buckets.clear()
  }

  /** Counts one request of `key` in `group`. */
  take(key: string, group: RateGroup): RateDecision {
    const now = this.clock.now()
    const bucket = this.bucket(`${group}\u0000${key}`, now)
    const limit = this.current.limits[group]
    const penaltyMs = this.current.penaltySeconds * 1000
    if (bucket.penaltyUntil > now) {
      bucket.penaltyUntil = now + penaltyMs
      return this.decision(group, 0, false)
    }
    bucket.count += 1
    if (bucket.count > limit) {
      bucket.penaltyUntil = now + penaltyMs
      return this.decision(group, 0, false)
    }
    return this.decision(group, limit - bucket.count, true)
  }

  /** Headers for a response that is not counted (e.g. 401 before we know the user). */
  peek(group: RateGroup): RateDecision {
    return this.decision(group, this.current.limits[group], true)
  }

  private bucket(id: string, now: number): Bucket {
    const windowMs = this.current.windowSeconds * 1000
    const bucket = this.buckets.get(id)
    if (bucket === undefined) {
      const fresh = { windowStart: now, count: 0, penaltyUntil: 0 }
      this.buckets.set(id, fresh)
      return fresh
    }
    if (bucket.penaltyUntil > now) return bucket
    // A served penalty or an elapsed window both start a fresh window.
    if (bucket.penaltyUntil > 0 || now - bucket.windowStart >= windowMs) {
      bucket.windowStart = now
      bucket.count = 0
      bucket.penaltyUntil = 0
    }
    return bucket
  }

  private decision(group: RateGroup, remaining: number, allowed: boolean): RateDecision {
    return {
      allowed,
      retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil(this.current.penaltySeconds)),
      headers: {
        'X-Rate-Limit-Group': group,
        'X-Rate-Limit-Limit': String(this.current.limits[group]),
        'X-Rate-Limit-Remaining': String(Math.max(0, remaining)),
        'X-Rate-Limit-Window': String(this.current.windowSeconds)
      }
    }
  }
}
