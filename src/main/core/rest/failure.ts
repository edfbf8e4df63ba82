/**
 * Every way a REST request can fail, as one type, and how a thrown SDK error becomes one. Callers
 * decide what a failure means to them (call control turns it into an agent-readable message, resync
 * into a problem line); this module only sorts the failure and keeps what RingCentral said.
 */
import type * as t from 'io-ts'
import {
  arrayOf,
  issueText,
  runDecode,
  Str,
  struct,
  type DecodeIssue
} from '../../../shared/events'
import { DEFAULT_RETRY_AFTER_MS, sdkRetryAfterMs } from './sdk-errors'

const ErrorItem = struct(
  'ApiErrorItem',
  {},
  { errorCode: Str, message: Str, permissionName: Str, parameterName: Str, parameterValue: Str }
)

/**
 * RingCentral's error body: `errors[]` per the spec plus the legacy top-level copies real bodies
 * carry. `error` is the OAuth shape, seen when the SDK's token refresh fails under a request.
 */
export const ApiErrorBody = struct(
  'ApiErrorBody',
  {},
  {
    error: Str,
    errorCode: Str,
    message: Str,
    permissionName: Str,
    parameterName: Str,
    errors: arrayOf(ErrorItem)
  }
)
export type ApiErrorBody = t.TypeOf<typeof ApiErrorBody>

export type RestFailure =
  | {
      readonly kind: 'http'
      readonly status: number
      /** The decoded error body, when there was a readable one. */
      readonly body: ApiErrorBody | undefined
      /** 429 only: from the SDK's `retryAfter` (ms) or the `Retry-After` header (s). */
      readonly retryAfterMs: number | undefined
      /** The SDK's text for the error (the body's `message`, else the status line): diagnostics. */
      readonly message: string
    }
  /** No signed-in platform, or the SDK has no usable token left to send with. */
  | { readonly kind: 'signed-out'; readonly message: string }
  | { readonly kind: 'network'; readonly message: string }
  /** No answer within `timeoutMs`; the server may still have acted. */
  | { readonly kind: 'timeout'; readonly timeoutMs: number }
  /** A 2xx whose body the caller's codec rejected, with the io-ts path of each problem. */
  | { readonly kind: 'invalid'; readonly status: number; readonly issues: readonly DecodeIssue[] }

/** The parts of a fetch `Response` the client reads. */
export interface ResponseLike {
  readonly status: number
  readonly headers: { get(name: string): string | null }
  json(): Promise<unknown>
  clone?(): ResponseLike
}

interface ErrorLike {
  readonly name?: unknown
  readonly message?: unknown
  readonly response?: ResponseLike | null
}

/**
 * Sorts what a request threw. A response means RingCentral answered (http); without one the
 * request was aborted by our timeout, refused by the SDK for want of a token, or never arrived.
 */
export async function toFailure(
  error: unknown,
  signal: AbortSignal,
  timeoutMs: number
): Promise<RestFailure> {
  const e: ErrorLike = typeof error === 'object' && error !== null ? error : {}
  const response = e.response ?? undefined
  if (response !== undefined && typeof response.status === 'number') {
    const raw = await readJson(response.clone?.() ?? response)
    const decoded = runDecode(ApiErrorBody, raw)
    return {
      kind: 'http',
      status: response.status,
      body: decoded.value,
      retryAfterMs: response.status === 429 ? retryAfterOf(e, response) : undefined,
      message: messageOf(error)
    }
  }
  if (signal.aborted || e.name === 'TimeoutError' || e.name === 'AbortError')
    return { kind: 'timeout', timeoutMs }
  // Without a response the SDK either could not reach the server (fetch failed) or refused to send
  // because it has no usable token ("Refresh token is missing/expired").
  const message = messageOf(error)
  if (/refresh token/i.test(message)) return { kind: 'signed-out', message }
  return { kind: 'network', message }
}

/** The SDK sets `retryAfter` in ms; the header (seconds) is the fallback, then the default. */
function retryAfterOf(e: ErrorLike, response: ResponseLike): number {
  const fromSdk = sdkRetryAfterMs(e)
  if (fromSdk !== undefined) return fromSdk
  const header = Number.parseFloat(response.headers.get('retry-after') ?? '')
  return Number.isFinite(header) && header > 0 ? header * 1000 : DEFAULT_RETRY_AFTER_MS
}

export async function readJson(response: ResponseLike): Promise<unknown> {
  try {
    return await response.json()
  } catch {
    // 204 and non-JSON bodies: nothing to decode, which the caller's codec reports if it matters.
    return undefined
  }
}

export function messageOf(e: unknown): string {
  if (typeof e === 'object' && e !== null && typeof (e as ErrorLike).message === 'string') {
    return (e as { message: string }).message
  }
  return String(e)
}

/** Each decode problem as one `path: problem` line, joined; `limit` keeps a log line short. */
export function issuesText(issues: readonly DecodeIssue[], limit = Infinity): string {
  return issues.slice(0, limit).map(issueText).join('; ')
}

/** The HTTP status the failure carries, if RingCentral answered at all. */
export function failureStatus(f: RestFailure): number | undefined {
  return f.kind === 'http' || f.kind === 'invalid' ? f.status : undefined
}

/** One line for diagnostics and problem lists (not for agents: call control has its own texts). */
export function describeFailure(f: RestFailure, path: string): string {
  switch (f.kind) {
    case 'http':
    case 'signed-out':
    case 'network':
      return f.message
    case 'timeout':
      return `no answer from ${path} within ${Math.ceil(f.timeoutMs / 1000)} s`
    case 'invalid':
      return `unexpected answer from ${path}: ${issuesText(f.issues, 3)}`
  }
}
