import type { Clock, Ids } from '../clock'
import { apiErrors } from '../errors'
import type { AuthContext } from '../http/types'
import type { AppPermission } from '../permissions'

/** Token lifetimes in seconds, settable per run (tests use e.g. a 2 s access token). */
export interface TokenTtls {
  readonly accessTokenTtl: number
  readonly refreshTokenTtl: number
  /**
   * `expires_in` of `/restapi/oauth/wstoken` (docs/platform.md#wstoken: 60 in the documented
   * answer).
   */
  readonly wsTokenTtl: number
  readonly authCodeTtl: number
  /** Requested `access_token_ttl` below this is raised to it (docs: 600), never above the default. */
  readonly minAccessTokenTtl: number
}

export const DEFAULT_TOKEN_TTLS: TokenTtls = {
  accessTokenTtl: 3600,
  refreshTokenTtl: 604800,
  wsTokenTtl: 60,
  authCodeTtl: 60,
  minAccessTokenTtl: 600
}

/** One OAuth session: a login, kept across refreshes; only its token pair rotates. */
export interface OAuthSession {
  readonly id: string
  readonly clientId: string
  readonly accountId: string
  readonly extensionId: string
  readonly scopes: ReadonlyArray<AppPermission>
  readonly endpointId: string
  /** Login used PKCE: refresh may then authenticate as a public client (no secret). */
  readonly pkce: boolean
  accessToken: string
  accessExpiresAt: number
  accessTtl: number
  refreshToken: string
  refreshExpiresAt: number
  refreshTtl: number
}

export interface IssueInput {
  readonly clientId: string
  readonly accountId: string
  readonly extensionId: string
  readonly scopes: ReadonlyArray<AppPermission>
  readonly pkce: boolean
  readonly endpointId?: string
  readonly accessTtl?: number
  readonly refreshTtl?: number
}

export type RefreshOutcome =
  | { readonly ok: true; readonly session: OAuthSession }
  | { readonly ok: false; readonly reason: 'unknown' | 'expired' | 'client' }

/**
 * What a WS token stands for (the socket inherits the OAuth session, docs/platform.md#connecting).
 */
export interface WsPrincipal {
  readonly oauthSessionId: string
  readonly clientId: string
  readonly accountId: string
  readonly extensionId: string
  readonly scopes: ReadonlySet<AppPermission>
}

interface WsTokenRecord {
  readonly sessionId: string
  readonly expiresAt: number
}

const ACCESS_PREFIX = 'EMU-AT-'
const REFRESH_PREFIX = 'EMU-RT-'
const WS_PREFIX = 'EMU-WS-'
const ACCESS_FORMAT = /^EMU-AT-[A-Za-z0-9_-]{43}$/

/** `access_token_ttl`: -1 (sent by the SDK after a 401) and values below the minimum are raised. */
export function clampTtl(requested: number | undefined, max: number, min: number): number {
  if (requested === undefined || !Number.isFinite(requested)) return max
  return Math.min(max, Math.max(Math.min(min, max), Math.floor(requested)))
}

export class TokenStore {
  private readonly sessions = new Map<string, OAuthSession>()
  private readonly byAccess = new Map<string, string>()
  private readonly byRefresh = new Map<string, string>()
  private readonly wsTokens = new Map<string, WsTokenRecord>()
  private currentTtls: TokenTtls

  constructor(
    private readonly clock: Clock,
    private readonly ids: Ids,
    ttls: TokenTtls = DEFAULT_TOKEN_TTLS
  ) {
    this.currentTtls = ttls
  }

  get ttls(): TokenTtls {
    return this.currentTtls
  }

  configure(patch: Partial<TokenTtls>): TokenTtls {
    this.currentTtls = { ...this.currentTtls, ...patch }
    return this.currentTtls
  }

  issue(input: IssueInput): OAuthSession {
    const session: OAuthSession = {
      id: this.ids.digits(12),
      clientId: input.clientId,
      accountId: input.accountId,
      extensionId: input.extensionId,
      scopes: [...input.scopes],
      endpointId: input.endpointId ?? this.ids.token('', 12),
      pkce: input.pkce,
      accessToken: '',
      accessExpiresAt: 0,
      accessTtl: 0,
      refreshToken: '',
      refreshExpiresAt: 0,
      refreshTtl: 0
    }
    this.sessions.set(session.id, session)
    this.rotate(session, input.accessTtl, input.refreshTtl)
    return session
  }

  /**
   * Refresh with rotation: the old access AND refresh token die immediately
   * (docs/platform.md#refresh-rotation).
   */
  refresh(
    refreshToken: string,
    clientId: string,
    requested: { readonly accessTtl?: number; readonly refreshTtl?: number }
  ): RefreshOutcome {
    const session = this.sessionOf(this.byRefresh, refreshToken)
    if (session === undefined) return { ok: false, reason: 'unknown' }
    if (session.clientId !== clientId) return { ok: false, reason: 'client' }
    if (session.refreshExpiresAt <= this.clock.now()) return { ok: false, reason: 'expired' }
    this.rotate(session, requested.accessTtl, requested.refreshTtl)
    return { ok: true, session }
  }

  /** Resolves `Authorization: bearer …` (scheme is case-insensitive: the SDK sends `bearer`). */
  authenticate(header: string | undefined): AuthContext {
    const m = /^bearer\s+(\S+)\s*$/i.exec(header ?? '')
    if (m === null || !ACCESS_FORMAT.test(m[1]!)) throw apiErrors.tokenUnparsable()
    const token = m[1]!
    const session = this.sessionOf(this.byAccess, token)
    if (session === undefined) throw apiErrors.tokenCorrupted()
    if (session.accessExpiresAt <= this.clock.now()) throw apiErrors.tokenExpired()
    return {
      accountId: session.accountId,
      extensionId: session.extensionId,
      clientId: session.clientId,
      sessionId: session.id,
      scopes: new Set(session.scopes),
      accessToken: token
    }
  }

  /** Revokes the whole session given either of its tokens (docs/platform.md#revoke). */
  revoke(token: string): boolean {
    const id = this.byAccess.get(token) ?? this.byRefresh.get(token)
    const session = id === undefined ? undefined : this.sessions.get(id)
    if (session === undefined) return false
    this.byAccess.delete(session.accessToken)
    this.byRefresh.delete(session.refreshToken)
    this.sessions.delete(session.id)
    return true
  }

  /** Fault: make tokens look expired server-side (the next API call gets 401 OAU-128). */
  expire(
    kind: 'access' | 'refresh' | 'all',
    filter: { readonly extensionId?: string; readonly clientId?: string } = {}
  ): number {
    const past = this.clock.now() - 1
    let count = 0
    for (const s of this.sessions.values()) {
      if (filter.extensionId !== undefined && s.extensionId !== filter.extensionId) continue
      if (filter.clientId !== undefined && s.clientId !== filter.clientId) continue
      if (kind !== 'refresh') s.accessExpiresAt = past
      if (kind !== 'access') s.refreshExpiresAt = past
      count++
    }
    return count
  }

  session(id: string): OAuthSession | undefined {
    return this.sessions.get(id)
  }

  list(): ReadonlyArray<OAuthSession> {
    return [...this.sessions.values()]
  }

  /**
   * Mints a WS access token. It opens one socket: the guide calls it single use
   * (docs/platform.md#wstoken), so a second connect with it is refused even inside its lifetime.
   */
  issueWsToken(auth: AuthContext): { readonly token: string; readonly expiresIn: number } {
    const expiresIn = this.currentTtls.wsTokenTtl
    const token = this.ids.token(WS_PREFIX)
    this.wsTokens.set(token, {
      sessionId: auth.sessionId,
      expiresAt: this.clock.now() + expiresIn * 1000
    })
    return { token, expiresIn }
  }

  /**
   * Undefined when unknown, already used, expired, or its OAuth session was revoked. Resolving
   * spends the token (single use).
   */
  resolveWsToken(token: string): WsPrincipal | undefined {
    const record = this.wsTokens.get(token)
    if (record === undefined) return undefined
    this.wsTokens.delete(token)
    if (record.expiresAt <= this.clock.now()) return undefined
    const s = this.sessions.get(record.sessionId)
    if (s === undefined) return undefined
    return {
      oauthSessionId: s.id,
      clientId: s.clientId,
      accountId: s.accountId,
      extensionId: s.extensionId,
      scopes: new Set(s.scopes)
    }
  }

  private rotate(session: OAuthSession, accessTtl?: number, refreshTtl?: number): void {
    const ttls = this.currentTtls
    const now = this.clock.now()
    this.byAccess.delete(session.accessToken)
    this.byRefresh.delete(session.refreshToken)
    session.accessTtl = clampTtl(accessTtl, ttls.accessTokenTtl, ttls.minAccessTokenTtl)
    // A non-positive refresh_token_ttl means "default"; shorter requests are honoured.
    session.refreshTtl =
      refreshTtl !== undefined && refreshTtl > 0
        ? Math.min(ttls.refreshTokenTtl, Math.floor(refreshTtl))
        : ttls.refreshTokenTtl
    session.accessToken = this.ids.token(ACCESS_PREFIX)
    session.refreshToken = this.ids.token(REFRESH_PREFIX)
    session.accessExpiresAt = now + session.accessTtl * 1000
    session.refreshExpiresAt = now + session.refreshTtl * 1000
    this.byAccess.set(session.accessToken, session.id)
    this.byRefresh.set(session.refreshToken, session.id)
  }

  private sessionOf(index: Map<string, string>, token: string): OAuthSession | undefined {
    const id = index.get(token)
    return id === undefined ? undefined : this.sessions.get(id)
  }
}
