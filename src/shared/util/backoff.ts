/**
 * Retry delays for every reconnect and retry loop in Ringside: exponential growth with "full
 * jitter", delay = random · min(cap, base · 2^attempt), floored at `floorMs`.
 *
 * Why jitter: after a platform blip a whole call centre reconnects at once; spreading the retries
 * uniformly over the window keeps them from arriving in the same second. Full jitter spreads them
 * best and finishes the fleet's work soonest (Marc Brooker, "Exponential Backoff And Jitter", AWS
 * Architecture Blog, https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/).
 * The floor keeps the unluckiest draw (random() near 0) from turning into a tight loop against a
 * host that is down.
 */
export interface BackoffOptions {
  /** The window of the first retry (attempt 0). */
  readonly baseMs: number
  /** The largest window; attempts past it stay there. */
  readonly capMs: number
  /** No delay is shorter than this, whatever the draw. Default 0. */
  readonly floorMs?: number
}

export function backoffDelay(
  attempt: number,
  random: () => number,
  { baseMs, capMs, floorMs = 0 }: BackoffOptions
): number {
  // The exponent is clamped so a long outage cannot overflow to Infinity.
  const window = Math.min(capMs, baseMs * 2 ** Math.min(Math.max(attempt, 0), 30))
  return Math.max(floorMs, Math.floor(random() * window))
}
