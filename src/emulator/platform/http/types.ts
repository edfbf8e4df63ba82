import type { IncomingHttpHeaders } from 'node:http'
import type { AppPermission } from '../permissions'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** Who is calling: resolved from the bearer token. */
export interface AuthContext {
  readonly accountId: string
  readonly extensionId: string
  readonly clientId: string
  /**
   * OAuth session (survives refresh rotation; WSG recovery is bound to it,
   * docs/platform.md#session-recovery).
   */
  readonly sessionId: string
  readonly scopes: ReadonlySet<AppPermission>
  readonly accessToken: string
}

/** What every handler receives. */
export interface PublicRequest {
  readonly method: HttpMethod
  /** Path without query string, e.g. `/restapi/v1.0/account/~/extension/~/presence`. */
  readonly path: string
  /** Path params; `accountId`/`extensionId` of `~` are already resolved to real ids. */
  readonly params: Readonly<Record<string, string>>
  readonly query: URLSearchParams
  readonly headers: IncomingHttpHeaders
  /** Parsed body: JSON value, form fields as `Record<string,string>`, or `undefined` when empty. */
  readonly body: unknown
  readonly rawBody: string
  readonly remoteAddress: string
}

/** Request of an authenticated API route. */
export interface ApiRequest extends PublicRequest {
  readonly auth: AuthContext
}

export interface ApiResponse {
  readonly status: number
  /** JSON-serialised unless `contentType` is given and `body` is a string. */
  readonly body?: unknown
  readonly contentType?: string
  readonly headers?: Readonly<Record<string, string>>
}

export type Awaitable<T> = T | Promise<T>
export type ApiHandler = (req: ApiRequest) => Awaitable<ApiResponse>
export type PublicHandler = (req: PublicRequest) => Awaitable<ApiResponse>

/** Response helpers. */
export const ok = (body: unknown, headers?: Readonly<Record<string, string>>): ApiResponse => ({
  status: 200,
  body,
  ...(headers === undefined ? {} : { headers })
})
export const created = (body: unknown): ApiResponse => ({ status: 201, body })
export const noContent = (): ApiResponse => ({ status: 204 })
export const redirect = (location: string): ApiResponse => ({
  status: 302,
  headers: { Location: location, 'Cache-Control': 'no-store' }
})
export const html = (text: string, status = 200): ApiResponse => ({
  status,
  body: text,
  contentType: 'text/html; charset=utf-8',
  headers: {
    'Cache-Control': 'no-store',
    'X-Frame-Options': 'DENY',
    // No form-action directive: Chrome applies it to the post-submit redirect to the app.
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'"
  }
})

/** Narrowing helpers for parsed bodies. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * A string field of a form or JSON body; empty strings count as absent
 * (docs/platform.md#authorize).
 */
export function field(body: unknown, name: string): string | undefined {
  if (!isRecord(body)) return undefined
  const value = body[name]
  return typeof value === 'string' && value !== '' ? value : undefined
}
