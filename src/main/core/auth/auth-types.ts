import type { SDK, SDKOptions } from '@ringcentral/sdk'
import type { Browser, Clock, KeyStorage, TokenVault } from '../ports'
import type { SignOutReason } from './errors'

/** The SDK's Platform (token cache, login, refresh, REST), for the services built on the sign-in. */
export type RcPlatform = ReturnType<SDK['platform']>

export type SignInMethod = 'browser' | 'jwt' | 'demo'

/** What the UI shows about the sign-in; contains no secrets, so it may cross IPC as is. */
export type AuthState =
  | { readonly status: 'signed-out' }
  | { readonly status: 'signing-in'; readonly method: SignInMethod }
  | {
      readonly status: 'signed-in'
      readonly method: SignInMethod
      /** The signed-in agent's extension id (token `owner_id`), always a string. */
      readonly ownerId: string
      readonly server: string
      /** Where the tokens live: an encrypted file, or memory only (demo, or no keychain). */
      readonly persistence: TokenVault['kind']
      /** Why the sign-in will not survive a restart although it normally would. */
      readonly persistenceWarning?: string
      /** Where the key to the stored tokens lives, when the vault keeps one apart. */
      readonly keyStorage?: KeyStorage
      /** A refresh failed for a transient reason; tokens are kept and a retry is scheduled. */
      readonly reconnecting: boolean
    }
  | { readonly status: 'signed-out-with-reason'; readonly reason: SignOutReason }

/** The emulator a caller started for the demo (`createPlatform()` + `mintJwt(extensionId)`). */
export interface DemoCredentials {
  readonly server: string
  readonly clientId: string
  readonly clientSecret: string
  readonly jwt: string
}

/** An app registration: a client id, plus a secret only for confidential (JWT) apps. */
export interface ClientCredentials {
  readonly clientId: string
  readonly clientSecret?: string
}

/** SDK options tests may tune (timing, or the fetch implementation). */
export type SdkTuning = Pick<
  SDKOptions,
  'refreshDelayMs' | 'refreshHandicapMs' | 'fetch' | 'Request' | 'Response' | 'Headers'
>

export interface AuthServiceOptions {
  readonly vault: TokenVault
  readonly browser: Browser
  readonly clock?: Clock
  readonly appVersion: string
  /**
   * The registered app for browser sign-in. It is a public client: PKCE and no secret, because a
   * secret shipped in a desktop binary is not secret (RFC 8252 §8.5). `clientSecret` exists for JWT
   * apps configured at run time, never for a built-in value.
   */
  readonly client: ClientCredentials
  /** Initial server; default production. The agent can change it with `setServer`. */
  readonly server?: string
  /** How long to wait for the browser; default 5 minutes. */
  readonly loginTimeoutMs?: number
  /**
   * The loopback ports IT registered as redirect URIs (`http://127.0.0.1:{port}/oauth/callback`),
   * tried in order; empty or absent: an ephemeral port (docs/platform.md#loopback-redirects).
   */
  readonly loopbackPorts?: readonly number[]
  /**
   * Why the last sign-in ended, kept by the shell across a restart (no secrets): with no stored
   * sign-in to resume, the agent is told this again instead of a bare sign-in screen.
   */
  readonly previousSignOutReason?: SignOutReason
  /** Backoff for transient refresh failures; defaults 5 s doubling to 5 min, Math.random. */
  readonly refreshBackoff?: {
    readonly baseDelayMs?: number
    readonly maxDelayMs?: number
    readonly random?: () => number
  }
  readonly sdkTuning?: SdkTuning
  /** Non-fatal problems worth a log line (never containing secrets). Default: console.warn. */
  readonly onWarning?: (message: string) => void
}

/**
 * The sign-in part of Ringside's core. It owns the one `SDK` instance that the subscription and
 * call-control services use, its token cache (persisted through the `TokenVault`), and the sign-in
 * state the UI shows.
 */
export interface AuthService {
  readonly state: AuthState
  /** Calls `listener` on every state change; returns the unsubscribe function. */
  onChange(listener: (state: AuthState) => void): () => void
  /** The server browser and JWT sign-ins use (an origin). */
  readonly server: string
  /** Validates and selects a server (https, or http to loopback only). Throws AuthError. */
  setServer(url: string): void
  /** System-browser sign-in: loopback redirect + PKCE + state (RFC 8252). */
  signInWithBrowser(options?: { readonly signal?: AbortSignal }): Promise<void>
  /** JWT bearer grant, for scripts and agents given a JWT credential. The JWT is not stored. */
  signInWithJwt(jwt: string, client?: ClientCredentials): Promise<void>
  /** Signs in to an emulator the caller started; tokens stay in memory. */
  signInDemo(emulator: DemoCredentials): Promise<void>
  /** Cancels a sign-in in progress (it rejects with AuthError 'cancelled'). */
  cancelSignIn(): void
  /** Resumes the stored sign-in at start-up, if any; never throws. */
  restore(): Promise<void>
  /** Revokes the tokens (best effort) and forgets them. Never throws. */
  signOut(): Promise<void>
  /** The signed-in SDK. Throws AuthError 'not-signed-in' otherwise. */
  sdk(): SDK
  platform(): RcPlatform
}
