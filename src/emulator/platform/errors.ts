import type { AppPermission } from './permissions'

/**
 * Every error body the platform emits is built here, so the shapes stay uniform.
 *
 * REST errors (docs/platform.md#error-bodies): the spec only has `errors[]`, but real responses
 * also carry legacy top-level copies (`errorCode`, `message`, and `permissionName`/
 * `parameterName`). Codes and messages follow
 * https://developers.ringcentral.com/guide/basics/errors; where no real body was ever published
 * (401 bodies, 409 call-control bodies) the shape is the documented one with the documented code.
 *
 * OAuth errors (docs/platform.md#oauth-errors):
 * `{error, error_description, errors:[{errorCode:'OAU-…', message}]}`.
 */

export interface ErrorItem {
  readonly errorCode: string
  readonly message: string
  readonly parameterName?: string
  readonly parameterValue?: string
  readonly permissionName?: string
}

export type ErrorBody = Readonly<Record<string, unknown>>

/** Thrown by handlers; the HTTP pipeline turns it into the response. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
    readonly headers: Readonly<Record<string, string>> = {}
  ) {
    super(typeof body['message'] === 'string' ? body['message'] : `HTTP ${status}`)
    this.name = 'HttpError'
  }
}

/** Legacy top-level copy + `errors[]` (docs/platform.md#error-bodies, the real sample). */
export function apiErrorBody(legacyCode: string, item: ErrorItem): ErrorBody {
  const extras: Record<string, string> = {}
  if (item.permissionName !== undefined) extras['permissionName'] = item.permissionName
  if (item.parameterName !== undefined) extras['parameterName'] = item.parameterName
  return { errorCode: legacyCode, message: item.message, errors: [item], ...extras }
}

export function apiError(
  status: number,
  legacyCode: string,
  item: ErrorItem,
  headers: Readonly<Record<string, string>> = {}
): HttpError {
  return new HttpError(status, apiErrorBody(legacyCode, item), headers)
}

export function permissionMessage(permission: string): string {
  return `In order to call this API endpoint, application needs to have [${permission}] permission`
}

/** Catalogue of REST errors; handlers of the call centre should only need these. */
export const apiErrors = {
  /** 401 OAU-128: token known but past its expiry. */
  tokenExpired: (): HttpError =>
    apiError(401, 'TokenExpired', { errorCode: 'OAU-128', message: 'Access token expired' }),
  /** 401 OAU-129: well-formed token that we never issued, revoked, or rotated away. */
  tokenCorrupted: (): HttpError =>
    apiError(401, 'TokenInvalid', { errorCode: 'OAU-129', message: 'Access token corrupted' }),
  /** 401 OAU-149: no/garbled Authorization header or not one of our tokens. */
  tokenUnparsable: (): HttpError =>
    apiError(401, 'TokenInvalid', { errorCode: 'OAU-149', message: 'Unparsable access token' }),
  /**
   * 403 CMN-401 naming the missing app permission (docs/platform.md#error-bodies, the real body).
   */
  insufficientPermissions: (permission: AppPermission): HttpError =>
    apiError(403, 'InsufficientPermissions', {
      errorCode: 'CMN-401',
      message: permissionMessage(permission),
      permissionName: permission
    }),
  /** 403 CMN-404: the token owner may not touch another extension's resource. */
  otherExtension: (): HttpError =>
    apiError(403, 'CMN-404', {
      errorCode: 'CMN-404',
      message: 'Attempt to access another extension'
    }),
  /** 404 CMN-102 "Resource for parameter [x] is not found". */
  notFound: (parameterName: string, parameterValue?: string): HttpError =>
    apiError(404, 'CMN-102', {
      errorCode: 'CMN-102',
      message: `Resource for parameter [${parameterName}] is not found`,
      parameterName,
      ...(parameterValue === undefined ? {} : { parameterValue })
    }),
  /** 404 CMN-120 for a path no route serves. */
  invalidUri: (): HttpError =>
    apiError(404, 'CMN-120', { errorCode: 'CMN-120', message: 'Invalid URI' }),
  /** 400 CMN-101 (docs/platform.md#error-bodies, the `InvalidParameter` sample). */
  invalidParameter: (parameterName: string, detail?: string): HttpError =>
    apiError(400, 'InvalidParameter', {
      errorCode: 'CMN-101',
      message: `Parameter [${parameterName}] value is invalid${detail === undefined ? '' : `: ${detail}`}`,
      parameterName
    }),
  /** 400 CMN-103 when a JSON body does not parse. */
  malformedJson: (): HttpError =>
    apiError(400, 'CMN-103', { errorCode: 'CMN-103', message: "JSON can't be parsed" }),
  /**
   * 409 for a call-control action in the wrong state; pass a `TAS-xxx` code
   * (docs/platform.md#call-control-errors).
   */
  conflict: (code: `TAS-${string}`, message: string): HttpError =>
    apiError(409, code, { errorCode: code, message }),
  /** 429 CMN-301 with `Retry-After` in seconds (docs/platform.md#rate-limits). */
  rateLimited: (retryAfterSeconds: number): HttpError =>
    apiError(
      429,
      'CMN-301',
      { errorCode: 'CMN-301', message: 'Request rate exceeded' },
      { 'Retry-After': String(retryAfterSeconds) }
    ),
  /**
   * SUB-505 "Subscriptions limit exceeded" (the body RingCentral's developer community shows,
   * docs/platform.md#subscription-limits; its HTTP status is not published, 403 is ours).
   */
  subscriptionsLimit: (): HttpError =>
    apiError(403, 'SUB-505', { errorCode: 'SUB-505', message: 'Subscriptions limit exceeded' }),
  /**
   * Over the WSG's `maxActiveRequests`: the platform publishes no body for it, so the emulator
   * answers as for a rate limit (429 CMN-301 with `Retry-After: 1`, docs/platform.md#connection-limits).
   */
  activeRequestsLimit: (): HttpError =>
    apiError(
      429,
      'CMN-301',
      { errorCode: 'CMN-301', message: 'Request rate exceeded: too many active requests' },
      { 'Retry-After': '1' }
    ),
  /** 503 CMN-201. */
  unavailable: (): HttpError =>
    apiError(503, 'CMN-201', { errorCode: 'CMN-201', message: 'Service Temporary Unavailable' }),
  /** 500 CMN-203. */
  internal: (): HttpError =>
    apiError(500, 'CMN-203', { errorCode: 'CMN-203', message: 'Internal Server Error' })
}

/** A plausible error for an arbitrary status, used by fault injection (`wstokenFailures`). */
export function errorForStatus(status: number): HttpError {
  switch (status) {
    case 401:
      return apiErrors.tokenCorrupted()
    case 403:
      return wsPermissionError()
    case 404:
      return apiErrors.invalidUri()
    case 429:
      return apiErrors.rateLimited(1)
    case 500:
      return apiErrors.internal()
    case 503:
      return apiErrors.unavailable()
    default:
      return apiError(status, 'CMN-201', {
        errorCode: 'CMN-201',
        message: `Injected failure ${status}`
      })
  }
}

/**
 * 403 for `/restapi/oauth/wstoken` without the WebSocket permission. The code is SUB-528 (the
 * "application permission is required for [transport]" family,
 * https://github.com/ringclaw/openclaw-ringcentral/pull/75).
 */
export function wsPermissionError(): HttpError {
  const permission = 'WebSocketsSubscription'
  return apiError(403, 'InsufficientPermissions', {
    errorCode: 'SUB-528',
    message: `[${permission}] application permission is required for [WebSocket] transport`,
    permissionName: permission
  })
}

/** OAuth error names (spec OauthInvalidRequest enum, docs/platform.md#oauth-errors). */
export type OAuthErrorName =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  | 'unsupported_response_type'
  | 'access_denied'

/** Field order follows the RingCentral mock data (ringcentral-js-widgets ringcentral-mock). */
export function oauthError(
  status: number,
  error: OAuthErrorName,
  errorCode: string,
  message: string
): HttpError {
  return new HttpError(status, {
    error,
    errors: [{ errorCode, message }],
    error_description: message
  })
}
