import { canLogIn, findByIdOrNumber, type AccountDirectory, type Ext } from '../directory'
import { oauthError } from '../errors'
import type { Router } from '../http/router'
import { field, html, redirect, type ApiResponse, type PublicRequest } from '../http/types'
import { redirectAllowed, type ClientApp, type ClientRegistry } from './clients'
import { wellFormedChallenge, type AuthCodeStore, type PkceChallenge } from './codes'
import type { TokenStore } from './tokens'
import { consentPage, errorPage } from './consent-page'

export interface AuthorizeDeps {
  readonly clients: ClientRegistry
  readonly codes: AuthCodeStore
  readonly tokens: TokenStore
  readonly directory: AccountDirectory
  /** Who signs in when auto-approving without `login_hint` (default: first enabled User). */
  readonly defaultExtensionId: string | undefined
}

const PATH = '/restapi/oauth/authorize'

/**
 * `GET /restapi/oauth/authorize` (docs/platform.md#authorize). The SDK emits unset options as empty
 * `key=`, so empty values are treated as absent. Errors before the redirect URI is trusted are JSON
 * 400 (never redirect to an unchecked URI); later errors go back to the app as `?error=…` (RFC 6749
 * §4.1.2.1), which `parseLoginRedirect` turns into an exception (docs/platform.md#login-redirect).
 */
export function registerAuthorize(router: Router, deps: AuthorizeDeps): void {
  const rateKey = (req: PublicRequest): string => `authorize:${req.query.get('client_id') ?? ''}`
  router.publicRoute('GET', PATH, { group: 'auth', rateKey }, (req) => authorize(deps, req))
  router.publicRoute('POST', PATH, { group: 'auth', rateKey: () => 'authorize:consent' }, (req) =>
    decide(deps, req)
  )
}

function authorize(deps: AuthorizeDeps, req: PublicRequest): ApiResponse {
  const q = (name: string): string | undefined => {
    const v = req.query.get(name)
    return v === null || v === '' ? undefined : v
  }
  const clientId = q('client_id')
  if (clientId === undefined) {
    throw oauthError(400, 'invalid_request', 'OAU-101', 'Parameter [client_id] is invalid')
  }
  const client = deps.clients.get(clientId)
  if (client === undefined)
    throw oauthError(400, 'invalid_client', 'OAU-120', 'Wrong Application ID')
  const redirectUri = q('redirect_uri')
  if (redirectUri === undefined) {
    throw oauthError(400, 'invalid_request', 'OAU-101', 'Parameter [redirect_uri] is invalid')
  }
  if (!redirectAllowed(client, redirectUri)) {
    throw oauthError(400, 'invalid_request', 'OAU-109', 'Redirect URIs do not match')
  }
  const state = q('state')
  const back = (error: string, description: string): ApiResponse =>
    redirect(withParams(redirectUri, { error, error_description: description, state }))
  if (q('response_type') !== 'code') {
    return back('unsupported_response_type', 'Only response_type=code is supported')
  }
  const pkce = readChallenge(client, q('code_challenge'), q('code_challenge_method'))
  if (typeof pkce === 'string') return back('invalid_request', pkce)
  const loginHint = q('login_hint')
  if (client.autoApprove) {
    const ext = pickExtension(deps, loginHint)
    if (ext === undefined) return back('access_denied', 'No extension can sign in')
    return issueCode(deps, client, redirectUri, state, pkce, ext)
  }
  const pending = deps.codes.addPending({
    clientId,
    redirectUri,
    state,
    challenge: pkce,
    loginHint
  })
  const users = deps.directory.extensions().filter(canLogIn)
  return html(
    consentPage({ client, requestId: pending.id, users, selected: pickExtension(deps, loginHint) })
  )
}

/** `POST /restapi/oauth/authorize`: the consent form's Approve/Deny. */
function decide(deps: AuthorizeDeps, req: PublicRequest): ApiResponse {
  const pending = deps.codes.takePending(field(req.body, 'request_id') ?? '')
  if (pending === undefined) return html(errorPage('This sign-in request has expired.'), 400)
  const client = deps.clients.get(pending.clientId)
  if (client === undefined) return html(errorPage('Unknown application.'), 400)
  if (field(req.body, 'decision') !== 'approve') {
    return redirect(
      withParams(pending.redirectUri, {
        error: 'access_denied',
        error_description: 'User denied access',
        state: pending.state
      })
    )
  }
  const ext = deps.directory.findExtension(field(req.body, 'extension_id') ?? '')
  if (ext === undefined || !canLogIn(ext))
    return html(errorPage('This extension cannot sign in.'), 400)
  return issueCode(deps, client, pending.redirectUri, pending.state, pending.challenge, ext)
}

function issueCode(
  deps: AuthorizeDeps,
  client: ClientApp,
  redirectUri: string,
  state: string | undefined,
  challenge: PkceChallenge | undefined,
  ext: Ext
): ApiResponse {
  const code = deps.codes.issue(
    {
      clientId: client.clientId,
      redirectUri,
      challenge,
      extensionId: ext.id,
      scopes: client.scopes
    },
    deps.tokens.ttls.authCodeTtl
  )
  return redirect(withParams(redirectUri, { code: code.code, state }))
}

/** PKCE policy: S256 by default; `plain` only for clients registered with `allowPlainPkce`. */
function readChallenge(
  client: ClientApp,
  value: string | undefined,
  method: string | undefined
): PkceChallenge | undefined | string {
  if (value === undefined) {
    return client.pkce === 'required' ? 'code_challenge is required (PKCE)' : undefined
  }
  // RFC 7636 §4.3: a missing method means plain.
  const m = method ?? 'plain'
  if (m !== 'S256' && m !== 'plain') return `code_challenge_method [${m}] is not supported`
  if (m === 'plain' && !client.allowPlainPkce) return 'code_challenge_method [plain] is not allowed'
  const challenge: PkceChallenge = { value, method: m }
  return wellFormedChallenge(challenge) ? challenge : 'code_challenge is malformed'
}

function pickExtension(deps: AuthorizeDeps, loginHint: string | undefined): Ext | undefined {
  const hinted = loginHint === undefined ? undefined : findByIdOrNumber(deps.directory, loginHint)
  if (hinted !== undefined && canLogIn(hinted)) return hinted
  const preferred =
    deps.defaultExtensionId === undefined
      ? undefined
      : deps.directory.findExtension(deps.defaultExtensionId)
  if (preferred !== undefined && canLogIn(preferred)) return preferred
  return deps.directory.extensions().find(canLogIn)
}

function withParams(base: string, params: Readonly<Record<string, string | undefined>>): string {
  const url = new URL(base)
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v)
  return url.toString()
}
