import type { Ids } from '../clock'
import { oauthError } from '../errors'
import { DEFAULT_SCOPES, type AppPermission } from '../permissions'
import type { RedirectPolicy } from './redirect-rule'

export { redirectAllowed, type RedirectPolicy } from './redirect-rule'

/** A registered app. Immutable: updates replace the record. */
export interface ClientApp {
  readonly clientId: string
  readonly clientSecret: string
  readonly name: string
  /** App permissions granted to tokens issued from now on. */
  readonly scopes: ReadonlyArray<AppPermission>
  /** The registered redirect URIs, matched as `redirectPolicy` says (redirect-rule.ts). */
  readonly redirectUris: ReadonlyArray<string>
  /** `exact` (the platform's rule, the default) or `loopback-any-port` (the demo's registration). */
  readonly redirectPolicy: RedirectPolicy
  /** Skip the consent page and redirect at once (demo mode). */
  readonly autoApprove: boolean
  /**
   * `optional` (the platform's rule): a request may omit `code_challenge`, and the token endpoint
   * then demands the client secret, so a public client still needs PKCE while a confidential one
   * may skip it (docs/platform.md#pkce). `required`: refused already at authorize.
   */
  readonly pkce: 'required' | 'optional'
  /** Accept `code_challenge_method=plain` (off: S256 only). */
  readonly allowPlainPkce: boolean
}

export type ClientRegistration = Partial<ClientApp>

export interface ClientAuth {
  readonly client: ClientApp
  /** True when the secret was presented (Basic); false for a public client (`client_id` only). */
  readonly confidential: boolean
}

export class ClientRegistry {
  private readonly clients = new Map<string, ClientApp>()

  constructor(
    private readonly ids: Ids,
    private readonly defaults: { readonly autoApprove: boolean }
  ) {}

  register(reg: ClientRegistration = {}): ClientApp {
    const client: ClientApp = {
      clientId: reg.clientId ?? this.ids.token('', 16),
      clientSecret: reg.clientSecret ?? this.ids.token('', 24),
      name: reg.name ?? 'Ringside (emulated)',
      scopes: [...(reg.scopes ?? DEFAULT_SCOPES)],
      redirectUris: [...(reg.redirectUris ?? [])],
      redirectPolicy: reg.redirectPolicy ?? 'exact',
      autoApprove: reg.autoApprove ?? this.defaults.autoApprove,
      pkce: reg.pkce ?? 'optional',
      allowPlainPkce: reg.allowPlainPkce ?? false
    }
    if (this.clients.has(client.clientId)) throw new Error(`client ${client.clientId} exists`)
    this.clients.set(client.clientId, client)
    return client
  }

  get(clientId: string): ClientApp | undefined {
    return this.clients.get(clientId)
  }

  update(clientId: string, patch: Omit<ClientRegistration, 'clientId'>): ClientApp | undefined {
    const current = this.clients.get(clientId)
    if (current === undefined) return undefined
    const next: ClientApp = { ...current, ...patch, clientId }
    this.clients.set(clientId, next)
    return next
  }

  list(): ReadonlyArray<ClientApp> {
    return [...this.clients.values()]
  }

  /**
   * Token/revoke client authentication (docs/platform.md#request-headers): Basic `id:secret` when
   * the SDK has a secret, otherwise `client_id` in the form body (public client).
   */
  authenticate(authorization: string | undefined, bodyClientId: string | undefined): ClientAuth {
    if (authorization !== undefined && authorization !== '') {
      const m = /^basic\s+(\S+)$/i.exec(authorization)
      if (m === null) {
        throw oauthError(401, 'invalid_client', 'OAU-123', 'Invalid Authorization header value')
      }
      const decoded = Buffer.from(m[1]!, 'base64').toString('utf8')
      const sep = decoded.indexOf(':')
      const id = sep < 0 ? decoded : decoded.slice(0, sep)
      const secret = sep < 0 ? '' : decoded.slice(sep + 1)
      const client = this.clients.get(id)
      if (client === undefined || client.clientSecret !== secret) {
        throw oauthError(401, 'invalid_client', 'OAU-146', 'Invalid client credentials')
      }
      return { client, confidential: true }
    }
    if (bodyClientId === undefined) {
      throw oauthError(401, 'invalid_client', 'OAU-123', 'Client authentication is required')
    }
    const client = this.clients.get(bodyClientId)
    if (client === undefined) {
      throw oauthError(401, 'invalid_client', 'OAU-146', 'Invalid client credentials')
    }
    return { client, confidential: false }
  }
}
