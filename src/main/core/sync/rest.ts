/**
 * GET with io-ts decoding and the waits RingCentral asks for. Every REST answer the core uses goes
 * through here, so a 429 is honoured in one place (its `Retry-After`, which the SDK turns into
 * `retryAfter` in ms) and a malformed answer is an error with a path, never an exception later.
 */
import type * as t from 'io-ts'
import { issueText, reportErrors, runDecode } from '../../../shared/events'
import type { RcPlatform } from '../auth'
import type { Clock } from '../ports'
import { DEFAULT_RETRY_AFTER_MS, httpStatusOf, sdkRetryAfterMs } from '../rest/sdk-errors'

export type RestResult<A> =
  | { readonly ok: true; readonly value: A }
  | { readonly ok: false; readonly status: number | undefined; readonly message: string }

export interface RestDeps {
  readonly platform: () => RcPlatform
  readonly clock: Clock
  /** Called when a 429 makes a request wait, so the UI can show "rate-limited, retrying in N s". */
  readonly onRateLimited?: (retryAfterMs: number) => void
  /** How many 429s in a row one request may wait out before giving up. */
  readonly maxRateLimitWaits?: number
}

const sleep = (clock: Clock, ms: number): Promise<void> =>
  new Promise((resolve) => {
    clock.setTimeout(resolve, ms)
  })

export async function getJson<A>(
  deps: RestDeps,
  path: string,
  codec: t.Decoder<unknown, A>
): Promise<RestResult<A>> {
  const maxWaits = deps.maxRateLimitWaits ?? 3
  for (let waits = 0; ; waits++) {
    try {
      const response = await deps.platform().get(path)
      const body: unknown = await response.json()
      const decoded = runDecode(codec, body)
      if (decoded.value === undefined) {
        const why = reportErrors(decoded.errors).slice(0, 3).map(issueText).join('; ')
        return {
          ok: false,
          status: response.status,
          message: `unexpected answer from ${path}: ${why}`
        }
      }
      return { ok: true, value: decoded.value }
    } catch (error) {
      const status = httpStatusOf(error)
      if (status === 429 && waits < maxWaits) {
        const ms = sdkRetryAfterMs(error) ?? DEFAULT_RETRY_AFTER_MS
        deps.onRateLimited?.(ms)
        await sleep(deps.clock, ms)
        continue
      }
      const message = error instanceof Error ? error.message : String(error)
      return { ok: false, status, message }
    }
  }
}

/** Runs `work` over `items` with at most `limit` in flight: resync must not burst past rate limits. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>
): Promise<R[]> {
  const out: R[] = new Array<R>(items.length)
  let next = 0
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++
      out[i] = await work(items[i]!)
    }
  })
  await Promise.all(lanes)
  return out
}
