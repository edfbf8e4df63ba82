import { createHash, randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A tiny RingCentral OAuth stand-in for the auth unit tests: authorize (PKCE S256), token (code,
 * JWT bearer, refresh with rotation), revoke, and one REST endpoint that checks the access token.
 * Every secret it issues is recorded so tests can grep the disk and the console for them.
 */
export type RefreshFault = '503' | 'invalid_grant' | 'reset' | '429'

export interface StubPlatform {
  readonly url: string
  readonly clientId: string
  readonly clientSecret: string
  readonly validJwt: string
  readonly ownerId: string
  readonly counts: { token: number; byGrant: Record<string, number>; revoke: number; api: number }
  /** Everything secret the stub handed out (codes, tokens, the JWT, the secret). */
  readonly secrets: Set<string>
  /** Responses for the next refresh requests, in order. */
  readonly refreshFaults: RefreshFault[]
  /** Makes the authorize endpoint answer `error=access_denied` (the user clicked "Deny"). */
  deny: boolean
  /** Revoke answers 500 when true. */
  failRevoke: boolean
  /** The server forgets all access tokens: API calls get 401 until a refresh. */
  invalidateAccessTokens(): void
  /** Admin revoke: refresh tokens die too. */
  revokeAll(): void
  currentRefreshToken(): string | undefined
  close(): Promise<void>
}

interface Grant {
  readonly challenge: string
  readonly redirectUri: string
}

const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer'

export async function startStubPlatform(): Promise<StubPlatform> {
  const codes = new Map<string, Grant>()
  const access = new Set<string>()
  let refresh: string | undefined
  const secret = (prefix: string): string => {
    const value = `${prefix}-${randomBytes(12).toString('hex')}`
    stub.secrets.add(value)
    return value
  }

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => send(res, 500, { message: 'stub failure' }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port

  const stub: StubPlatform = {
    url: `http://127.0.0.1:${port}`,
    clientId: 'stub-client',
    clientSecret: 'stub-secret-8a1f',
    validJwt: 'eyJ.stub-jwt-payload.sig',
    ownerId: '1001',
    counts: { token: 0, byGrant: {}, revoke: 0, api: 0 },
    secrets: new Set(),
    refreshFaults: [],
    deny: false,
    failRevoke: false,
    invalidateAccessTokens: () => access.clear(),
    revokeAll: () => {
      access.clear()
      refresh = undefined
    },
    currentRefreshToken: () => refresh,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
  stub.secrets.add(stub.clientSecret)
  stub.secrets.add(stub.validJwt)

  function issue(res: ServerResponse): void {
    const accessToken = secret('AT')
    refresh = secret('RT')
    access.add(accessToken)
    send(res, 200, {
      access_token: accessToken,
      token_type: 'bearer',
      expires_in: 3600,
      refresh_token: refresh,
      refresh_token_expires_in: 604800,
      scope: 'ReadAccounts CallControl',
      owner_id: stub.ownerId,
      endpoint_id: 'ep-1'
    })
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', stub.url)
    if (req.method === 'GET' && url.pathname === '/restapi/oauth/authorize') {
      return authorize(url.searchParams, res)
    }
    const form = new URLSearchParams(await body(req))
    if (req.method === 'POST' && url.pathname === '/restapi/oauth/token') {
      return token(form, req, res)
    }
    if (req.method === 'POST' && url.pathname === '/restapi/oauth/revoke') {
      stub.counts.revoke += 1
      if (stub.failRevoke) {
        return send(res, 500, { message: 'revoke broken' })
      }
      stub.revokeAll()
      return send(res, 200, {})
    }
    if (url.pathname === '/restapi/v1.0/account/~/extension/~') {
      stub.counts.api += 1
      const bearer = /^bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1]
      if (bearer === undefined || !access.has(bearer)) {
        return send(res, 401, {
          errors: [{ errorCode: 'OAU-128', message: 'Access token expired' }]
        })
      }
      return send(res, 200, { id: Number(stub.ownerId), extensionNumber: '101' })
    }
    return send(res, 404, { errors: [{ errorCode: 'CMN-120', message: 'Invalid URI' }] })
  }

  function authorize(q: URLSearchParams, res: ServerResponse): void {
    const redirectUri = q.get('redirect_uri') ?? ''
    const state = q.get('state') ?? ''
    if (q.get('client_id') !== stub.clientId || q.get('code_challenge_method') !== 'S256') {
      return send(res, 400, { error: 'invalid_request' })
    }
    const target = new URL(redirectUri)
    target.searchParams.set('state', state)
    if (stub.deny) {
      target.searchParams.set('error', 'access_denied')
      target.searchParams.set('error_description', 'User denied')
    } else {
      const code = secret('CODE')
      codes.set(code, { challenge: q.get('code_challenge') ?? '', redirectUri })
      target.searchParams.set('code', code)
    }
    res.writeHead(302, { Location: target.href }).end()
  }

  function token(form: URLSearchParams, req: IncomingMessage, res: ServerResponse): void {
    const grant = form.get('grant_type') ?? ''
    stub.counts.token += 1
    stub.counts.byGrant[grant] = (stub.counts.byGrant[grant] ?? 0) + 1
    const invalid = (): void => send(res, 400, invalidGrant())
    if (grant === 'authorization_code') {
      const stored = codes.get(form.get('code') ?? '')
      codes.delete(form.get('code') ?? '')
      const verifier = form.get('code_verifier') ?? ''
      const s256 = createHash('sha256').update(verifier).digest('base64url')
      if (stored === undefined || stored.challenge !== s256) return invalid()
      if (stored.redirectUri !== form.get('redirect_uri')) return invalid()
      return issue(res)
    }
    if (grant === JWT_GRANT) {
      const basic = `Basic ${Buffer.from(`${stub.clientId}:${stub.clientSecret}`).toString('base64')}`
      if (req.headers.authorization !== basic) return send(res, 401, { error: 'invalid_client' })
      return form.get('assertion') === stub.validJwt ? issue(res) : invalid()
    }
    if (grant === 'refresh_token') {
      const fault = stub.refreshFaults.shift()
      if (fault === 'reset') return void req.socket.destroy()
      if (fault === '503') return send(res, 503, { message: 'Service Unavailable' })
      if (fault === '429') return send(res, 429, { errorCode: 'CMN-301' }, { 'Retry-After': '30' })
      if (fault === 'invalid_grant' || form.get('refresh_token') !== refresh) return invalid()
      return issue(res)
    }
    return send(res, 400, { error: 'unsupported_grant_type' })
  }

  return stub
}

function invalidGrant(): object {
  return {
    error: 'invalid_grant',
    error_description: 'Token is revoked',
    errors: [{ errorCode: 'OAU-211', message: 'Token is revoked' }]
  }
}

function send(
  res: ServerResponse,
  status: number,
  json: object,
  headers: Record<string, string> = {}
): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers })
  res.end(JSON.stringify(json))
}

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}
