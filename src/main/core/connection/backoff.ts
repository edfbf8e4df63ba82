/**
 * Jittered exponential backoff, "equal jitter" variant ("Exponential Backoff and Jitter", AWS
 * Architecture Blog): delay ∈ [c/2, c] with c = min(cap, base·2^attempt).
 *
 * Why jitter: `@rc-ex/ws` retries on a fixed 2–8 s ladder, so after a platform blip a whole call
 * centre would reconnect in the same second (reliability-security.md §1d "Backoff with jitter").
 * Why equal rather than full jitter: the lower half bound keeps even the unluckiest client from a
 * tight loop (≤40 attempts in a 10-minute outage), and with an 8 s base the first retry of a fleet is
 * spread over 4 s, so no one-second bucket holds more than about a quarter of the agents.
 */
export interface BackoffOptions {
  readonly baseMs: number
  readonly capMs: number
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 8_000, capMs: 120_000 }

export function backoffDelay(
  attempt: number,
  random: () => number,
  { baseMs, capMs }: BackoffOptions = DEFAULT_BACKOFF
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(Math.max(attempt, 0), 30))
  return Math.floor(ceiling / 2 + random() * (ceiling / 2))
}
