/**
 * GET with io-ts decoding for resync and the directory, through the core's REST client: a 429 waits
 * as RingCentral asks (reported through `onRateLimited`), every attempt has a timeout, and a
 * malformed answer is an error with a path, never an exception later. The result keeps the shape
 * these readers use: a status to tell "the call ended" (404) from "we do not know", and a message
 * for the problem list.
 */
import type * as t from 'io-ts'
import type { Clock } from '../ports'
import { createRestClient, describeFailure, failureStatus, type RestClientOptions } from '../rest'

export type RestResult<A> =
  | { readonly ok: true; readonly value: A }
  | { readonly ok: false; readonly status: number | undefined; readonly message: string }

/** The REST client's options; `clock` is required here because resync stamps its snapshot. */
export interface RestDeps extends RestClientOptions {
  readonly clock: Clock
}

export async function getJson<A>(
  deps: RestDeps,
  path: string,
  codec: t.Decoder<unknown, A>
): Promise<RestResult<A>> {
  // The client holds no state, so building it from the deps costs nothing per read.
  const out = await createRestClient(deps).get(path, { codec })
  if (out.ok) return { ok: true, value: out.value }
  return {
    ok: false,
    status: failureStatus(out.failure),
    message: describeFailure(out.failure, path)
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
