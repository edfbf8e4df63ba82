/**
 * A stand-in for the platform PORT (not the SDK) for the few cases a real server cannot produce on
 * demand: a request that never answers, a garbled success body. Honours the abort signal like fetch.
 */
import type { PlatformLike, RequestOptions, ResponseLike } from '../../../../src/main/core/rest'

export interface Canned {
  readonly status: number
  readonly body?: unknown
}
type Handler = (path: string, body: unknown) => Canned | 'hang'

export interface StubPlatform extends PlatformLike {
  readonly requests: Array<{ method: string; path: string; body: unknown }>
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export function stubPlatform(handlers: Partial<Record<Lowercase<Method>, Handler>>): StubPlatform {
  const requests: StubPlatform['requests'] = []
  const send = (
    method: Method,
    path: string,
    body: unknown,
    options: RequestOptions | undefined
  ): Promise<ResponseLike> => {
    requests.push({ method, path, body })
    const handler = handlers[method.toLowerCase() as Lowercase<Method>]
    const out = handler?.(path, body) ?? { status: 404 }
    if (out === 'hang') {
      return new Promise((_, reject) => {
        options?.signal?.addEventListener('abort', () => reject(options.signal?.reason))
      })
    }
    const response: ResponseLike = {
      status: out.status,
      headers: { get: () => null },
      json: () => Promise.resolve(out.body)
    }
    if (out.status >= 400) {
      // The SDK's error shape: an Error carrying the response.
      return Promise.reject(Object.assign(new Error(`HTTP ${out.status}`), { response }))
    }
    return Promise.resolve(response)
  }
  return {
    requests,
    get: (path, _query, options) => send('GET', path, undefined, options),
    post: (path, body, _query, options) => send('POST', path, body, options),
    put: (path, body, _query, options) => send('PUT', path, body, options),
    patch: (path, body, _query, options) => send('PATCH', path, body, options),
    delete: (path, body, _query, options) => send('DELETE', path, body, options)
  }
}
