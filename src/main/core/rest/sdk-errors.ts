/**
 * Reading `@ringcentral/sdk` errors without trusting their shape. The SDK throws an ApiError with
 * `response.status`, and on a 429 sets `retryAfter` in milliseconds and emits `rateLimitError`
 * (docs/platform.md#sdk-refresh-and-retries). Connection, resync and call control all need the same
 * two facts.
 */
import type { RcPlatform } from '../auth'

/**
 * What RingCentral's docs say to wait when a 429 carries no usable Retry-After
 * (docs/platform.md#rate-limits).
 */
export const DEFAULT_RETRY_AFTER_MS = 60_000

/** The HTTP status of a failed SDK call, when it had a response. */
export function httpStatusOf(error: unknown): number | undefined {
  const response = (error as { response?: { status?: unknown } | null } | null)?.response
  const status = response?.status
  return typeof status === 'number' ? status : undefined
}

/** The wait the SDK computed for a 429, in ms, when it is a usable number. */
export function sdkRetryAfterMs(error: unknown): number | undefined {
  const after = (error as { retryAfter?: unknown } | null)?.retryAfter
  return typeof after === 'number' && Number.isFinite(after) && after > 0 ? after : undefined
}

/** Calls `listener` with the wait for every 429 the SDK sees; returns the unsubscribe function. */
export function onSdkRateLimit(
  platform: RcPlatform,
  listener: (retryAfterMs: number) => void
): () => void {
  const handler = (error: Error): void => listener(sdkRetryAfterMs(error) ?? DEFAULT_RETRY_AFTER_MS)
  platform.on(platform.events.rateLimitError, handler)
  return () => platform.removeListener(platform.events.rateLimitError, handler)
}
