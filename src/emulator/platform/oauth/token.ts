import type { Clock } from '../clock'
import { canLogIn, type AccountDirectory } from '../directory'
import { oauthError } from '../errors'
import type { Router } from '../http/router'
import { field, isRecord, type ApiResponse, type PublicRequest } from '../http/types'
import type { ClientAuth, ClientRegistry } from './clients'
import { verifyPkce, type AuthCodeStore } from './codes'
import { verifyJwt } from './jwt'
import { refuseNonFormBody } from './token-body'
import type { OAuthSession, TokenStore } from './tokens'

export interface TokenDeps {
  readonly clients: ClientRegistry
  readonly codes: AuthCodeStore
  readonly tokens: TokenStore
  readonly directory: AccountDirectory
  readonly clock: Clock
  readonly jwtSecret: Buffer
}

export const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer'

/** Auth-group rate key: the calling app (Basic id or form `client_id`). */
function clientKey(req: PublicRequest): string {
  const m = /^basic\s+(\S+)$/i.exec(req.headers.authorization ?? '')
  const id =
    m === null
      ? field(req.body, 'client_id')
      : Buffer.from(m[1]!, 'base64').toString().split(':')[0]
  return `client:${id ?? req.remoteAddress}`
}

export function registerTokenEndpoints(router: Router, deps: TokenDeps): void {
  router.publicRoute('POST', '/restapi/oauth/token', { group: 'auth', rateKey: clientKey }, (req) =>
    token(deps, req)
  )
  router.publicRoute(
    'POST',
    '/restapi/oauth/revoke',
    { group: 'auth', rateKey: clientKey },
    (req) => revoke(deps, req)
  )
}

/**
 * Token response exactly as docs/platform.md#token-endpoint describes it (field order of the real
 * responses).
 */
export function tokenResponse(s: OAuthSession): ApiResponse {
  return {
    status: 200,
    headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
    body: {
      access_token: s.accessToken,
      token_type: 'bearer',
      expires_in: s.accessTtl,
      refresh_token: s.refreshToken,
      refresh_token_expires_in: s.refreshTtl,
      scope: s.scopes.join(' '),
      owner_id: s.extensionId,
      endpoint_id: s.endpointId,
      session_id: s.id
    }
  }
}

function token(deps: TokenDeps, req: PublicRequest): ApiResponse {
  refuseNonFormBody(req)
  if (!isRecord(req.body)) throw missing('grant_type')
  const auth = deps.clients.authenticate(req.headers.authorization, field(req.body, 'client_id'))
  const grant = field(req.body, 'grant_type')
  switch (grant) {
    case 'authorization_code':
      return codeGrant(deps, req.body, auth)
    case JWT_GRANT:
      return jwtGrant(deps, req.body, auth)
    case 'refresh_token':
      return refreshGrant(deps, req.body, auth)
    case undefined:
      throw missing('grant_type')
    default:
      // `password` is deprecated (docs/platform.md#token-endpoint) and not emulated.
      throw oauthError(
        400,
        'unsupported_grant_type',
        'OAU-112',
        `Unsupported grant type: [${grant}]`
      )
  }
}

function missing(name: string): Error {
  return oauthError(400, 'invalid_request', 'OAU-101', `Parameter [${name}] is invalid`)
}

function ttlParam(body: Record<string, unknown>, name: string): number | undefined {
  const raw = field(body, name)
  if (raw === undefined) return undefined
  const n = Number.parseInt(raw, 10)
  return Number.isNaN(n) ? undefined : n
}

function requested(body: Record<string, unknown>): { accessTtl?: number; refreshTtl?: number } {
  const accessTtl = ttlParam(body, 'access_token_ttl')
  const refreshTtl = ttlParam(body, 'refresh_token_ttl')
  return {
    ...(accessTtl === undefined ? {} : { accessTtl }),
    ...(refreshTtl === undefined ? {} : { refreshTtl })
  }
}

const grantError = (code: string, message: string): Error =>
  oauthError(400, 'invalid_grant', code, message)

function codeGrant(deps: TokenDeps, body: Record<string, unknown>, auth: ClientAuth): ApiResponse {
  const value = field(body, 'code')
  if (value === undefined) throw missing('code')
  const outcome = deps.codes.consume(value)
  if (!outcome.ok) {
    throw outcome.reason === 'expired'
      ? grantError('OAU-108', 'Authorization code is expired')
      : grantError('OAU-106', 'Invalid authorization code')
  }
  const code = outcome.code
  if (code.clientId !== auth.client.clientId) {
    throw grantError('OAU-110', 'Authorization code was not issued for this application')
  }
  if (field(body, 'redirect_uri') !== code.redirectUri) {
    throw grantError('OAU-109', 'Redirect URIs do not match')
  }
  if (!auth.confidential && code.challenge === undefined) {
    throw oauthError(401, 'invalid_client', 'OAU-123', 'Client authentication is required')
  }
  if (code.challenge !== undefined) {
    const verifier = field(body, 'code_verifier')
    if (verifier === undefined || !verifyPkce(code.challenge, verifier)) {
      throw grantError('OAU-106', 'Invalid code_verifier')
    }
  }
  const ext = deps.directory.findExtension(code.extensionId)
  if (ext === undefined || !canLogIn(ext)) {
    throw grantError('OAU-141', 'Login for extension in current state is not allowed')
  }
  const session = deps.tokens.issue({
    clientId: auth.client.clientId,
    accountId: deps.directory.accountId,
    extensionId: ext.id,
    scopes: code.scopes,
    pkce: code.challenge !== undefined,
    ...endpoint(body),
    ...requested(body)
  })
  return tokenResponse(session)
}

function endpoint(body: Record<string, unknown>): { endpointId?: string } {
  const id = field(body, 'endpoint_id')
  return id === undefined ? {} : { endpointId: id }
}

/** JWT grant: client credentials are mandatory (no public-client JWT login). */
function jwtGrant(deps: TokenDeps, body: Record<string, unknown>, auth: ClientAuth): ApiResponse {
  if (!auth.confidential) {
    throw oauthError(401, 'invalid_client', 'OAU-123', 'Client authentication is required')
  }
  const assertion = field(body, 'assertion')
  if (assertion === undefined) throw missing('assertion')
  const verdict = verifyJwt(assertion, deps.jwtSecret, deps.clock.now())
  if (!verdict.ok) {
    throw verdict.reason === 'expired'
      ? grantError('OAU-140', 'JWT token is expired')
      : grantError('OAU-140', 'Invalid resource owner credentials')
  }
  if (verdict.claims.iss !== auth.client.clientId) {
    throw grantError('OAU-140', 'JWT token was not issued for this application')
  }
  const ext = deps.directory.findExtension(verdict.claims.sub)
  if (ext === undefined) throw grantError('OAU-136', 'Extension not found')
  if (!canLogIn(ext))
    throw grantError('OAU-141', 'Login for extension in current state is not allowed')
  const session = deps.tokens.issue({
    clientId: auth.client.clientId,
    accountId: deps.directory.accountId,
    extensionId: ext.id,
    scopes: auth.client.scopes,
    pkce: false,
    ...endpoint(body),
    ...requested(body)
  })
  return tokenResponse(session)
}

/** Refresh with rotation; public clients may refresh only sessions that began with PKCE. */
function refreshGrant(
  deps: TokenDeps,
  body: Record<string, unknown>,
  auth: ClientAuth
): ApiResponse {
  const refreshToken = field(body, 'refresh_token')
  if (refreshToken === undefined) throw missing('refresh_token')
  const current = deps.tokens.list().find((s) => s.refreshToken === refreshToken)
  if (current !== undefined && !auth.confidential && !current.pkce) {
    throw oauthError(401, 'invalid_client', 'OAU-123', 'Client authentication is required')
  }
  const outcome = deps.tokens.refresh(refreshToken, auth.client.clientId, requested(body))
  if (outcome.ok) return tokenResponse(outcome.session)
  switch (outcome.reason) {
    case 'expired':
      throw grantError('OAU-211', 'Token expired')
    case 'client':
      throw grantError('OAU-110', 'Token was not issued for this application')
    default:
      // Unknown covers rotated-away and revoked tokens (ringcentral-mock uses OAU-211).
      throw grantError('OAU-211', 'Token revoked')
  }
}

/** `POST /restapi/oauth/revoke`: token in the form or `?token=`; always 200 (RFC 7009 §2.2). */
function revoke(deps: TokenDeps, req: PublicRequest): ApiResponse {
  refuseNonFormBody(req)
  deps.clients.authenticate(
    req.headers.authorization,
    field(req.body, 'client_id') ?? req.query.get('client_id') ?? undefined
  )
  const value = field(req.body, 'token') ?? req.query.get('token') ?? undefined
  if (value === undefined || value === '') throw missing('token')
  deps.tokens.revoke(value)
  return { status: 200 }
}
