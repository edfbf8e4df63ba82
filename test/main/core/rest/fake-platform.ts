/**
 * A scripted stand-in for the platform PORT (not the SDK), for what a live server cannot produce on
 * demand: a request that never answers, a garbled success body, a 429 without a Retry-After, a
 * failure with no response at all. `fakePlatform` answers each request with the next reply of a
 * queue, `routedPlatform` with what the handler for its method returns. Errors have the SDK's shape
 * (an Error carrying the response, and `retryAfter` in ms when the SDK computed one).
 */
import type {
  HttpMethod,
  PlatformLike,
  RequestOptions,
  ResponseLike
} from '../../../../src/main/core/rest'

export type Reply =
  | {
      readonly status: number
      readonly body?: unknown
      readonly headers?: Readonly<Record<string, string>>
      /** Set on the thrown error as the SDK does for a 429. */
      readonly retryAfter?: number
      /** The error's message (the SDK's text); default `HTTP <status>`. */
      readonly message?: string
    }
  /** Rejects with this error (no response): a network failure or the SDK refusing to send. */
  | { readonly reject: unknown }
  /** Never settles, and ignores the abort signal. */
  | 'hang'

export interface SentRequest {
  readonly method: HttpMethod
  readonly path: string
  readonly body: unknown
  readonly signal: AbortSignal | undefined
}

export interface FakePlatform extends PlatformLike {
  readonly sent: SentRequest[]
}

/** Each request takes the next reply; when they run out, a 404. */
export function fakePlatform(...replies: Reply[]): FakePlatform {
  return scriptedPlatform(() => replies.shift() ?? { status: 404 })
}

/** Answers a request to `path` with `body`; a method without a route answers 404. */
export type Route = (path: string, body: unknown) => Reply

export function routedPlatform(
  routes: Partial<Record<Lowercase<HttpMethod>, Route>>
): FakePlatform {
  return scriptedPlatform(
    (method, path, body) =>
      routes[method.toLowerCase() as Lowercase<HttpMethod>]?.(path, body) ?? { status: 404 }
  )
}

function scriptedPlatform(
  replyTo: (method: HttpMethod, path: string, body: unknown) => Reply
): FakePlatform {
  const sent: SentRequest[] = []
  const send = (
    method: HttpMethod,
    path: string,
    body: unknown,
    options: RequestOptions | undefined
  ): Promise<ResponseLike> => {
    sent.push({ method, path, body, signal: options?.signal })
    const reply = replyTo(method, path, body)
    if (reply === 'hang') return new Promise<never>(() => undefined)
    if ('reject' in reply) return Promise.reject(reply.reject)
    const response = responseOf(reply.status, reply.body, reply.headers ?? {})
    if (reply.status < 400) return Promise.resolve(response)
    const error = Object.assign(new Error(reply.message ?? `HTTP ${reply.status}`), {
      response,
      ...(reply.retryAfter === undefined ? {} : { retryAfter: reply.retryAfter })
    })
    return Promise.reject(error)
  }
  return {
    sent,
    get: (path, _query, options) => send('GET', path, undefined, options),
    post: (path, body, _query, options) => send('POST', path, body, options),
    put: (path, body, _query, options) => send('PUT', path, body, options),
    patch: (path, body, _query, options) => send('PATCH', path, body, options),
    delete: (path, body, _query, options) => send('DELETE', path, body, options)
  }
}

function responseOf(
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>>
): ResponseLike {
  const lower = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]))
  const response: ResponseLike = {
    status,
    headers: { get: (name) => lower.get(name.toLowerCase()) ?? null },
    // A 204 has no body: reading it fails, as fetch's json() does.
    json: () =>
      body === undefined
        ? Promise.reject(new SyntaxError('Unexpected end of JSON'))
        : Promise.resolve(body),
    clone: () => response
  }
  return response
}
