/**
 * Sorts a failure to connect or subscribe into what the supervisor should do about it. Errors arrive
 * in several shapes: the SDK's ApiError (`response.status`, `retryAfter` in ms on 429) for HTTP calls
 * such as wstoken, `@rc-ex` RestException (`response.status`, `response.data`) for requests over the
 * socket, and plain errors for network failures, timeouts and WSG Error frames.
 */
import { DEFAULT_RETRY_AFTER_MS, httpStatusOf, sdkRetryAfterMs } from '../rest/sdk-errors'

export type ConnectVerdict =
  | { readonly kind: 'retry'; readonly message: string }
  | { readonly kind: 'rate-limited'; readonly retryAfterMs: number; readonly message: string }
  /** Retrying cannot help: the user must sign in again or the account lacks a permission. */
  | { readonly kind: 'fatal'; readonly message: string }

interface ErrorLike {
  readonly message?: unknown
  /** `@rc-ex/ws` ConnectionException: the WSG's Error frame body (docs/platform.md#wsg-errors). */
  readonly wsgError?: unknown
  readonly response?: {
    readonly status?: unknown
    readonly data?: unknown
    readonly headers?: unknown
  }
}

const asErrorLike = (e: unknown): ErrorLike =>
  typeof e === 'object' && e !== null ? (e as ErrorLike) : {}

/** Reads RingCentral's error body for a permission name or a message a person can act on. */
function bodyMessage(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined
  const d = data as { message?: unknown; permissionName?: unknown; errors?: unknown }
  if (typeof d.permissionName === 'string') {
    return `the app is missing the ${d.permissionName} permission`
  }
  if (Array.isArray(d.errors)) {
    const first: unknown = d.errors[0]
    const p = (first as { permissionName?: unknown } | undefined)?.permissionName
    if (typeof p === 'string') return `the app is missing the ${p} permission`
  }
  return typeof d.message === 'string' ? d.message : undefined
}

export function classifyConnectError(error: unknown): ConnectVerdict {
  const e = asErrorLike(error)
  const status = httpStatusOf(error)
  const text = typeof e.message === 'string' ? e.message : String(error)
  if (status === 429) {
    const retryAfterMs = sdkRetryAfterMs(error) ?? DEFAULT_RETRY_AFTER_MS
    return {
      kind: 'rate-limited',
      retryAfterMs,
      message: 'RingCentral asked Ringside to slow down'
    }
  }
  if (status === 401) {
    return { kind: 'fatal', message: 'you are signed out of RingCentral; sign in again' }
  }
  if (status === 403) {
    const reason = bodyMessage(e.response?.data) ?? text
    return { kind: 'fatal', message: `RingCentral refused the live connection: ${reason}` }
  }
  if (status === 400) {
    return { kind: 'fatal', message: `RingCentral rejected the subscription: ${text}` }
  }
  if (status !== undefined && status >= 500) {
    return { kind: 'retry', message: `RingCentral is unavailable (${status})` }
  }
  const wsg = wsgErrorOf(e.wsgError)
  if (wsg !== undefined) {
    // Such as WSG-429 for a socket beyond `maxConnectionsPerSession`: retried on the backoff, and
    // said in the gateway's words rather than as raw JSON.
    return { kind: 'retry', message: `RingCentral refused the connection: ${wsg}` }
  }
  if (/refresh token|signed out|not logged in/i.test(text)) {
    return { kind: 'fatal', message: 'you are signed out of RingCentral; sign in again' }
  }
  return { kind: 'retry', message: `cannot reach RingCentral: ${text}` }
}

function wsgErrorOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined
  const { errorCode, message } = body as { errorCode?: unknown; message?: unknown }
  if (typeof errorCode !== 'string' || typeof message !== 'string') return undefined
  return `${message} (${errorCode})`
}
