import { AuthError } from './errors'

/**
 * Sorting SDK errors into "wait and retry" and "the sign-in is over". The SDK's own default
 * (`clearCacheOnRefreshError: true`) logs the user out on any refresh error, network blips included
 * (docs/security.md#refresh-errors, docs/platform.md#refresh-token-revoked,
 * docs/platform.md#transient-refresh-failure); Ringside turns that off and decides here.
 *
 * Shapes (docs/platform.md#sdk-refresh-and-retries, docs/platform.md#oauth-errors,
 * node_modules/@ringcentral/sdk/src/http/Client.ts):
 * - HTTP errors are `ApiError`s with `response` (status, headers, JSON body with `error`,
 *   `error_description` and `errors[].errorCode` such as OAU-…);
 * - the SDK throws plain `Error('Refresh token is missing' | 'Refresh token has expired')` before any
 *   network call;
 * - network failures have no `response`: node-fetch's `FetchError` (`code: 'ECONNRESET'` …) or
 *   undici's `TypeError('fetch failed')` with the code on `cause`.
 */
export type RefreshVerdict =
  | { readonly kind: 'transient'; readonly retryAfterMs?: number }
  | { readonly kind: 'permanent'; readonly error: AuthError }

interface ResponseLike {
  readonly status: number
  readonly headers: { get(name: string): string | null }
  clone(): { json(): Promise<unknown> }
}

interface ErrorFacts {
  readonly message: string
  readonly status?: number
  readonly oauthError?: string
  readonly errorCodes: readonly string[]
  readonly retryAfterMs?: number
}

const PERMANENT_MESSAGES = new Set(['Refresh token is missing', 'Refresh token has expired'])

/** Decides what a failed refresh means for the sign-in. */
export async function classifyRefreshError(error: unknown): Promise<RefreshVerdict> {
  const facts = await factsOf(error)
  if (PERMANENT_MESSAGES.has(facts.message)) {
    return { kind: 'permanent', error: new AuthError('revoked') }
  }
  const status = facts.status
  if (status === undefined || status === 408 || status === 429 || status >= 500) {
    // No response at all (ECONNRESET, ETIMEDOUT, DNS, offline, a captive portal's HTML) or a
    // server-side hiccup: nothing was decided about the refresh token, so keep it and retry.
    return facts.retryAfterMs === undefined
      ? { kind: 'transient' }
      : { kind: 'transient', retryAfterMs: facts.retryAfterMs }
  }
  // Any other 4xx (invalid_grant, OAU-* revocation/expiry, invalid_client) is the server's final
  // word on this refresh token: retrying would only burn the 5/min Auth rate-limit group.
  return { kind: 'permanent', error: new AuthError('revoked') }
}

/** Maps a failed sign-in (code exchange or JWT grant) to a message for the agent. */
export async function signInError(error: unknown): Promise<AuthError> {
  if (error instanceof AuthError) {
    return error
  }
  const facts = await factsOf(error)
  const status = facts.status
  if (status === undefined || status === 408 || status === 429 || status >= 500) {
    return new AuthError('unreachable')
  }
  if (facts.errorCodes.includes('OAU-109')) {
    // The redirect URI is not registered for the app (docs/platform.md#loopback-redirects): IT's
    // business, not the agent's credentials. browserSignIn names the port (redirect-refusal.ts).
    return new AuthError('redirect-not-registered', undefined, 'OAU-109 Redirect URIs do not match')
  }
  if (
    facts.oauthError === 'invalid_grant' ||
    facts.oauthError === 'invalid_client' ||
    facts.oauthError === 'unauthorized_client' ||
    facts.errorCodes.some((code) => code.startsWith('OAU-')) ||
    status === 401
  ) {
    return new AuthError('invalid-credentials')
  }
  return new AuthError('protocol')
}

async function factsOf(error: unknown): Promise<ErrorFacts> {
  const message = error instanceof Error ? error.message : String(error)
  const response = responseOf(error)
  if (response === undefined) {
    return { message, errorCodes: [] }
  }
  let body: unknown
  try {
    body = await response.clone().json()
  } catch {
    body = undefined
  }
  const retryAfter = Number.parseFloat(response.headers.get('retry-after') ?? '')
  return {
    message,
    status: response.status,
    ...(stringField(body, 'error') === undefined ? {} : { oauthError: stringField(body, 'error') }),
    errorCodes: errorCodesOf(body),
    ...(Number.isFinite(retryAfter) && retryAfter >= 0 ? { retryAfterMs: retryAfter * 1000 } : {})
  }
}

function responseOf(error: unknown): ResponseLike | undefined {
  if (typeof error !== 'object' || error === null || !('response' in error)) {
    return undefined
  }
  const response: unknown = error.response
  if (
    typeof response === 'object' &&
    response !== null &&
    'status' in response &&
    typeof response.status === 'number' &&
    'headers' in response &&
    'clone' in response
  ) {
    return response as ResponseLike
  }
  return undefined
}

function stringField(body: unknown, key: string): string | undefined {
  if (typeof body !== 'object' || body === null) {
    return undefined
  }
  const value: unknown = (body as Record<string, unknown>)[key]
  return typeof value === 'string' ? value : undefined
}

function errorCodesOf(body: unknown): string[] {
  const codes: string[] = []
  const top = stringField(body, 'errorCode')
  if (top !== undefined) {
    codes.push(top)
  }
  const list: unknown =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>).errors : undefined
  if (Array.isArray(list)) {
    for (const item of list) {
      const code = stringField(item, 'errorCode')
      if (code !== undefined) {
        codes.push(code)
      }
    }
  }
  return codes
}
