/**
 * One REST request through the signed-in SDK Platform (which adds the token, refreshes it and
 * retries once on 401), reduced to an outcome that never throws. Only what call control needs from
 * the SDK is typed here (`PlatformLike`), so the core's own `RcPlatform` fits without casts and
 * nothing else of the SDK leaks into this module.
 */
import { ApiErrorBody, decodeWith } from './codecs'
import { DEFAULT_RETRY_AFTER_MS, sdkRetryAfterMs } from '../rest/sdk-errors'

/** The parts of a fetch `Response` this module reads. */
export interface ResponseLike {
  readonly status: number
  readonly headers: { get(name: string): string | null }
  json(): Promise<unknown>
  clone?(): ResponseLike
}

/** What the SDK Platform (`sdk.platform()`) offers; `signal` passes through to fetch. */
export interface PlatformLike {
  get(url: string, query?: Record<string, string>, options?: RequestOptions): Promise<ResponseLike>
  post(
    url: string,
    body?: unknown,
    query?: Record<string, string>,
    options?: RequestOptions
  ): Promise<ResponseLike>
}
/**
 * The SDK builds its fetch `Request` from these options, so `signal` reaches fetch although the SDK's
 * `SendOptions` type does not list it. `headers` is one of the SDK's own keys: with it the two types
 * share a property, which TypeScript needs to accept the real Platform for this port.
 */
export interface RequestOptions {
  readonly signal?: AbortSignal
  readonly headers?: Readonly<Record<string, string>>
}

export type RestFailure =
  | {
      readonly kind: 'http'
      readonly status: number
      /** The decoded §3.4 error body, when there was a readable one. */
      readonly body: ApiErrorBody | undefined
      /** 429 only: from the SDK's `retryAfter` (ms) or the `Retry-After` header (s). */
      readonly retryAfterMs: number | undefined
    }
  | { readonly kind: 'signed-out'; readonly message: string }
  | { readonly kind: 'network'; readonly message: string }
  | { readonly kind: 'timeout' }

export type RestOutcome =
  | { readonly ok: true; readonly status: number; readonly body: unknown }
  | { readonly ok: false; readonly failure: RestFailure }

export interface RestRequest {
  readonly method: 'GET' | 'POST'
  readonly path: string
  readonly body?: unknown
  readonly timeoutMs: number
}

interface ErrorLike {
  readonly name?: unknown
  readonly message?: unknown
  readonly code?: unknown
  readonly response?: ResponseLike | null
}

/** Sends the request; `platform()` may throw when nobody is signed in, which is an outcome too. */
export async function request(
  platform: () => PlatformLike,
  req: RestRequest
): Promise<RestOutcome> {
  let p: PlatformLike
  try {
    p = platform()
  } catch (e) {
    return { ok: false, failure: { kind: 'signed-out', message: messageOf(e) } }
  }
  // A hung request would keep the action "in flight" forever and swallow every later click; the
  // timeout releases it. The server may still have acted, which the error message says.
  const signal = AbortSignal.timeout(req.timeoutMs)
  try {
    const response =
      req.method === 'GET'
        ? await p.get(req.path, undefined, { signal })
        : await p.post(req.path, req.body, undefined, { signal })
    return { ok: true, status: response.status, body: await readJson(response) }
  } catch (e) {
    return { ok: false, failure: await toFailure(e, signal) }
  }
}

async function toFailure(error: unknown, signal: AbortSignal): Promise<RestFailure> {
  const e: ErrorLike = typeof error === 'object' && error !== null ? error : {}
  const response = e.response ?? undefined
  if (response !== undefined && typeof response.status === 'number') {
    const raw = await readJson(response.clone?.() ?? response)
    const decoded = decodeWith(ApiErrorBody, raw)
    return {
      kind: 'http',
      status: response.status,
      body: decoded.ok ? decoded.value : undefined,
      retryAfterMs: response.status === 429 ? retryAfterOf(e, response) : undefined
    }
  }
  if (signal.aborted || e.name === 'TimeoutError' || e.name === 'AbortError')
    return { kind: 'timeout' }
  // Without a response the SDK either could not reach the server (fetch failed) or refused to send
  // because it has no usable token ("Refresh token is missing/expired").
  const message = messageOf(error)
  if (/refresh token/i.test(message)) return { kind: 'signed-out', message }
  return { kind: 'network', message }
}

/** The SDK sets `retryAfter` in ms (reference §3.3); the header is the fallback, then 60 s. */
function retryAfterOf(e: ErrorLike, response: ResponseLike): number {
  const fromSdk = sdkRetryAfterMs(e)
  if (fromSdk !== undefined) return fromSdk
  const header = Number.parseFloat(response.headers.get('retry-after') ?? '')
  return Number.isFinite(header) && header > 0 ? header * 1000 : DEFAULT_RETRY_AFTER_MS
}

async function readJson(response: ResponseLike): Promise<unknown> {
  try {
    return await response.json()
  } catch {
    // 204 and non-JSON bodies: nothing to decode, which the caller's codec reports if it matters.
    return undefined
  }
}

function messageOf(e: unknown): string {
  if (typeof e === 'object' && e !== null && typeof (e as ErrorLike).message === 'string') {
    return (e as { message: string }).message
  }
  return String(e)
}
