/**
 * The core's one way to RingCentral's REST API, with one policy for every request it sends:
 *
 * - a timeout on every attempt: a hung request would otherwise keep a click "in flight" or a resync
 *   running forever;
 * - 429s waited out for as long as RingCentral asks (`Retry-After`), each wait reported through
 *   `onRateLimited` so the UI can say "rate-limited, retrying in N s", up to `maxRateLimitWaits`;
 *   past that (0 for a click the agent waits on) the 429 comes back as a failure with its wait;
 * - every failure sorted into one `RestFailure`, and the answer optionally decoded with io-ts, so a
 *   malformed body is a failure with paths, never an exception later.
 *
 * It goes through the signed-in SDK Platform, which adds the token, refreshes it and retries once
 * on 401. Only what the client needs from the SDK is typed here (`PlatformLike`), so the core's own
 * `RcPlatform` fits without casts. The client holds no state: two clients with the same options
 * behave as one.
 */
import type * as t from 'io-ts'
import { reportErrors, runDecode } from '../../../shared/events'
import { systemClock, type Clock } from '../ports'
import { DEFAULT_RETRY_AFTER_MS } from './sdk-errors'
import { readBody } from './body'
import { messageOf, toFailure, type ResponseLike, type RestFailure } from './failure'

/** What the SDK Platform (`sdk.platform()`) offers; `signal` passes through to fetch. */
export interface PlatformLike {
  get(url: string, query?: Query, options?: RequestOptions): Promise<ResponseLike>
  post(url: string, body?: unknown, query?: Query, options?: RequestOptions): Promise<ResponseLike>
  put(url: string, body?: unknown, query?: Query, options?: RequestOptions): Promise<ResponseLike>
  patch(url: string, body?: unknown, query?: Query, options?: RequestOptions): Promise<ResponseLike>
  delete(
    url: string,
    body?: unknown,
    query?: Query,
    options?: RequestOptions
  ): Promise<ResponseLike>
}
type Query = Record<string, string>
/**
 * The SDK builds its fetch `Request` from these options, so `signal` reaches fetch although the SDK's
 * `SendOptions` type does not list it. `headers` is one of the SDK's own keys: with it the two types
 * share a property, which TypeScript needs to accept the real Platform for this port.
 */
export interface RequestOptions {
  readonly signal?: AbortSignal
  readonly headers?: Readonly<Record<string, string>>
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** The policy knobs; set on the client, and overridable per request. */
export interface RestPolicy {
  /** Per attempt (each wait for a 429 starts a new one). Default `DEFAULT_TIMEOUT_MS`. */
  readonly timeoutMs?: number
  /** 429s one request may wait out before the 429 is the answer. Default 3; 0 never waits. */
  readonly maxRateLimitWaits?: number
}

export interface RestClientOptions extends RestPolicy {
  /** The signed-in SDK Platform (`authService.platform()`); may throw when signed out. */
  readonly platform: () => PlatformLike
  /** Times the timeouts and the 429 waits. Default the system clock. */
  readonly clock?: Clock
  /** Called before each 429 wait, with its length, so the UI can show "retrying in N s". */
  readonly onRateLimited?: (retryAfterMs: number) => void
}

export interface RestCallOptions<A = unknown> extends RestPolicy {
  /** Decodes the answer; without one the body comes back as `unknown` (`undefined` for a 204). */
  readonly codec?: t.Decoder<unknown, A>
}

export type RestOutcome<A> =
  | { readonly ok: true; readonly status: number; readonly value: A }
  | { readonly ok: false; readonly failure: RestFailure }

/** GET and DELETE: no body. With a codec the value is its output type, else `unknown`. */
export interface ReadCall {
  <A>(path: string, options: Decoding<A>): Promise<RestOutcome<A>>
  (path: string, options?: RestPolicy): Promise<RestOutcome<unknown>>
}
/** POST, PUT and PATCH: a JSON body (or none). */
export interface WriteCall {
  <A>(path: string, body: unknown, options: Decoding<A>): Promise<RestOutcome<A>>
  (path: string, body?: unknown, options?: RestPolicy): Promise<RestOutcome<unknown>>
}
type Decoding<A> = RestPolicy & { readonly codec: t.Decoder<unknown, A> }

export interface RestClient {
  request<A = unknown>(
    method: HttpMethod,
    path: string,
    body: unknown,
    options?: RestCallOptions<A>
  ): Promise<RestOutcome<A>>
  readonly get: ReadCall
  readonly post: WriteCall
  readonly put: WriteCall
  readonly patch: WriteCall
  readonly delete: ReadCall
}

export const DEFAULT_TIMEOUT_MS = 15_000
export const DEFAULT_MAX_RATE_LIMIT_WAITS = 3

export function createRestClient(options: RestClientOptions): RestClient {
  const clock = options.clock ?? systemClock

  const request = async <A>(
    method: HttpMethod,
    path: string,
    body: unknown,
    call: RestCallOptions<A> = {}
  ): Promise<RestOutcome<A>> => {
    const timeoutMs = call.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS
    const maxWaits =
      call.maxRateLimitWaits ?? options.maxRateLimitWaits ?? DEFAULT_MAX_RATE_LIMIT_WAITS
    for (let waits = 0; ; waits++) {
      const out = await attempt({
        platform: options.platform,
        clock,
        method,
        path,
        body,
        timeoutMs
      })
      if (!out.ok) {
        const f = out.failure
        if (f.kind === 'http' && f.status === 429 && waits < maxWaits) {
          const ms = f.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS
          options.onRateLimited?.(ms)
          await sleep(clock, ms)
          continue
        }
        return out
      }
      // Without a codec the overloads give the caller `unknown`, so A is `unknown` here.
      return call.codec === undefined ? (out as RestOutcome<A>) : decode(out, call.codec)
    }
  }

  const read =
    (method: HttpMethod): ReadCall =>
    <A>(path: string, call?: RestCallOptions<A>) =>
      request(method, path, undefined, call)
  const write =
    (method: HttpMethod): WriteCall =>
    <A>(path: string, body?: unknown, call?: RestCallOptions<A>) =>
      request(method, path, body, call)

  return {
    request,
    get: read('GET'),
    post: write('POST'),
    put: write('PUT'),
    patch: write('PATCH'),
    delete: read('DELETE')
  }
}

interface Attempt {
  readonly platform: () => PlatformLike
  readonly clock: Clock
  readonly method: HttpMethod
  readonly path: string
  readonly body: unknown
  readonly timeoutMs: number
}

/** One try; `platform()` may throw when nobody is signed in, which is an outcome too. */
async function attempt(a: Attempt): Promise<RestOutcome<unknown>> {
  let p: PlatformLike
  try {
    p = a.platform()
  } catch (e) {
    return { ok: false, failure: { kind: 'signed-out', message: messageOf(e) } }
  }
  const controller = new AbortController()
  const timer = a.clock.setTimeout(
    () => controller.abort(new DOMException(`no answer in ${a.timeoutMs} ms`, 'TimeoutError')),
    a.timeoutMs
  )
  // Like AbortSignal.timeout: a pending request alone must not keep the process alive.
  timer.unref?.()
  try {
    const answer = send(p, a.method, a.path, a.body, { signal: controller.signal }).then(
      async (response) => ({ status: response.status, value: await readBody(response) })
    )
    const { status, value } = await untilAborted(answer, controller.signal)
    return { ok: true, status, value }
  } catch (e) {
    return { ok: false, failure: await toFailure(e, controller.signal, a.timeoutMs) }
  } finally {
    a.clock.clearTimeout(timer)
  }
}

function send(
  p: PlatformLike,
  method: HttpMethod,
  path: string,
  body: unknown,
  options: RequestOptions
): Promise<ResponseLike> {
  switch (method) {
    case 'GET':
      return p.get(path, undefined, options)
    case 'POST':
      return p.post(path, body, undefined, options)
    case 'PUT':
      return p.put(path, body, undefined, options)
    case 'PATCH':
      return p.patch(path, body, undefined, options)
    case 'DELETE':
      return p.delete(path, body, undefined, options)
  }
}

/**
 * Settles with `work`, or rejects with the abort reason as soon as the signal aborts: the timeout
 * holds even for a transport that ignores the signal (the SDK passes it to fetch, a stub may not).
 */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason)
    if (signal.aborted) onAbort()
    signal.addEventListener('abort', onAbort, { once: true })
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}

function decode<A>(
  out: RestOutcome<unknown> & { ok: true },
  codec: t.Decoder<unknown, A>
): RestOutcome<A> {
  const r = runDecode(codec, out.value)
  if (r.value !== undefined) return { ok: true, status: out.status, value: r.value }
  return {
    ok: false,
    failure: { kind: 'invalid', status: out.status, issues: reportErrors(r.errors) }
  }
}

const sleep = (clock: Clock, ms: number): Promise<void> =>
  new Promise((resolve) => {
    clock.setTimeout(resolve, ms)
  })
