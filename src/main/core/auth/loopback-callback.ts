import type { IncomingMessage } from 'node:http'
import { AuthError } from './errors'
import { PAGES } from './loopback-pages'
import { statesEqual } from './pkce'

/**
 * What the loopback listener makes of one request: the page it answers with, and whether the
 * request settles the sign-in attempt. Only a request that provably answers our pending
 * authorization request (right Host, path, method and exactly one matching `state`) can settle it;
 * anything else gets an error page and the listener keeps waiting (RFC 8252 §8.9).
 */
export type CallbackVerdict =
  | {
      readonly status: number
      readonly page: string
      readonly headers?: Readonly<Record<string, string>>
      readonly outcome?: undefined
    }
  | {
      readonly status: number
      readonly page: string
      readonly headers?: undefined
      /** The code to exchange, or why the attempt failed. */
      readonly outcome: { readonly code: string } | AuthError
    }

export interface CallbackExpectations {
  /**
   * `127.0.0.1:<port>`. Any other Host is a DNS-rebinding page: refused before the query is
   * read.
   */
  readonly host: string
  readonly path: string
  /** The `state` sent in the authorize URL. */
  readonly state: string
  readonly maxUrlBytes: number
}

const MAX_CODE_CHARS = 2048

/**
 * Judges one request to the loopback listener. Never throws: a throw would escape the 'request'
 * event and take the process down.
 */
export function judgeCallback(
  req: IncomingMessage,
  expected: CallbackExpectations
): CallbackVerdict {
  const params = authenticate(req, expected)
  return params instanceof URLSearchParams ? answer(params) : params
}

/** The query of a request that answers our authorization request, or the page that refuses it. */
function authenticate(
  req: IncomingMessage,
  expected: CallbackExpectations
): URLSearchParams | CallbackVerdict {
  if ((req.headers.host ?? '').toLowerCase() !== expected.host) {
    return { status: 400, page: PAGES.invalid }
  }
  const target = req.url ?? ''
  if (Buffer.byteLength(target) > expected.maxUrlBytes) {
    return { status: 414, page: PAGES.tooLong }
  }
  let url: URL
  try {
    url = new URL(target, `http://${expected.host}`)
  } catch {
    return { status: 400, page: PAGES.invalid }
  }
  if (url.pathname !== expected.path) {
    return { status: 404, page: PAGES.notFound }
  }
  if (req.method !== 'GET') {
    return { status: 405, page: PAGES.methodNotAllowed, headers: { Allow: 'GET' } }
  }
  const states = url.searchParams.getAll('state')
  if (states.length !== 1 || !statesEqual(expected.state, states[0])) {
    return { status: 400, page: PAGES.invalid }
  }
  return url.searchParams
}

/** The verdict on an authentic callback: RingCentral's error, a malformed code, or the code. */
function answer(params: URLSearchParams): CallbackVerdict {
  const error = params.get('error')
  if (error !== null) {
    const cancelled = error === 'access_denied'
    return {
      status: 200,
      page: cancelled ? PAGES.cancelled : PAGES.failed,
      outcome: new AuthError(cancelled ? 'cancelled' : 'protocol')
    }
  }
  const codes = params.getAll('code')
  const code = codes[0]
  if (
    codes.length !== 1 ||
    code === undefined ||
    code.length === 0 ||
    code.length > MAX_CODE_CHARS
  ) {
    return { status: 400, page: PAGES.failed, outcome: new AuthError('protocol') }
  }
  return { status: 200, page: PAGES.success, outcome: { code } }
}
