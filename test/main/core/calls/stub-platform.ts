/**
 * A stand-in for the platform PORT (not the SDK) for the few cases a real server cannot produce on
 * demand: a request that never answers, a garbled success body. Honours the abort signal like fetch.
 */
import type { PlatformLike, RequestOptions, ResponseLike } from '../../../../src/main/core/calls'

export interface Canned {
  readonly status: number
  readonly body?: unknown
}
type Handler = (path: string, body: unknown) => Canned | 'hang'

export interface StubPlatform extends PlatformLike {
  readonly requests: Array<{ method: string; path: string; body: unknown }>
}

export function stubPlatform(handlers: { get?: Handler; post?: Handler }): StubPlatform {
  const requests: StubPlatform['requests'] = []
  const send = (
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    options: RequestOptions | undefined
  ): Promise<ResponseLike> => {
    requests.push({ method, path, body })
    const handler = method === 'GET' ? handlers.get : handlers.post
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
    post: (path, body, _query, options) => send('POST', path, body, options)
  }
}
