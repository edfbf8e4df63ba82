/**
 * What the renderer may know about the sign-in and the connection. Structural copies of the core's
 * types (src/main/core), so the renderer never imports main code; main passes its values in, and
 * the compiler checks they still fit.
 */
export type AuthStatusView =
  | { readonly status: 'signed-out' }
  | { readonly status: 'signing-in'; readonly method: 'browser' | 'jwt' | 'demo' }
  | {
      readonly status: 'signed-in'
      readonly method: 'browser' | 'jwt' | 'demo'
      readonly ownerId: string
      readonly server: string
      readonly persistence: 'encrypted-file' | 'memory'
      readonly persistenceWarning?: string
      readonly keyStorage?: KeyStorageView
      readonly reconnecting: boolean
    }
  | {
      readonly status: 'signed-out-with-reason'
      readonly reason: { readonly code: string; readonly message: string; readonly detail?: string }
    }

/**
 * Where the key that opens the stored sign-in lives, when the vault keeps one apart from the
 * tokens (browser mode): the OS keyring, or a file beside the tokens and why.
 */
export type KeyStorageView =
  { readonly where: 'os-keyring' } | { readonly where: 'key-file'; readonly reason: string }

/**
 * The notification channel. `retryAt` (epoch ms) is when the next attempt starts; it is absent
 * while one runs. `stopped` needs the user: signed out, or a permission the account lacks for
 * every filter.
 */
export type ConnectionView =
  | { readonly status: 'idle' }
  /** Never live yet in this sign-in. */
  | {
      readonly status: 'connecting'
      readonly attempt: number
      readonly reason?: string
      readonly retryAt?: number
    }
  /**
   * A frame arrived at `lastHeardAt` (re-sent at least every quarter of `silenceLimitMs` while
   * frames flow). Past `lastHeardAt + silenceLimitMs` the socket counts as dead, so a reader whose
   * clock is past it must not say "live", whatever main last sent.
   */
  | {
      readonly status: 'live'
      readonly since: number
      readonly lastHeardAt: number
      readonly silenceLimitMs: number
    }
  | {
      readonly status: 'recovering'
      readonly attempt: number
      readonly reason: string
      readonly retryAt?: number
    }
  /** The OS reports no network, or attempts have failed for a minute. */
  | {
      readonly status: 'offline'
      readonly reason: string
      readonly retryAt?: number
      readonly attempt?: number
    }
  /** RingCentral asked us to wait: no attempt before `retryAt`, not even on "Retry now". */
  | { readonly status: 'rate-limited'; readonly retryAt: number }
  | { readonly status: 'stopped'; readonly reason: string }

export interface StatusView {
  readonly auth: AuthStatusView
  readonly connection: ConnectionView
  readonly disabled: ReadonlyArray<{ readonly feature: string; readonly message: string }>
  readonly problems: readonly string[]
  readonly resync: {
    readonly running: boolean
    readonly reason: string | null
    readonly at: string | null
  }
  readonly rateLimitedUntil: number | null
}

export interface DeviceView {
  readonly id: string
  readonly name: string
  readonly type: string
  readonly status: 'Online' | 'Offline'
}

export interface DirectoryEntryView {
  readonly id: string
  readonly name: string
  readonly extensionNumber: string
  readonly type: string
}

export interface DiagnosticsView {
  readonly counters: {
    readonly total: number
    readonly invalidEnvelopes: number
    readonly unknownKinds: number
    readonly warnings: number
    readonly byKind: Readonly<Record<string, { readonly ok: number; readonly invalid: number }>>
  }
  readonly connectionProblems: Readonly<Record<string, number>>
  /** The most recent notifications that did not decode, newest first. */
  readonly recentErrors: ReadonlyArray<{
    readonly receivedAt: string
    readonly kind: string
    readonly event: string | null
    readonly errors: ReadonlyArray<{ readonly path: string; readonly message: string }>
  }>
  /**
   * The most recent notifications that decoded with warnings (a value Ringside does not know,
   * kept as unknown), newest first: each warning's path and what was not known.
   */
  readonly recentWarnings: ReadonlyArray<{
    readonly receivedAt: string
    readonly kind: string
    readonly event: string | null
    readonly warnings: ReadonlyArray<{ readonly path: string; readonly message: string }>
  }>
}

export interface PopupView {
  readonly title: string
  readonly body: string
  /** One pop-up per call: a second one with the same tag replaces the first. */
  readonly tag: string
  /** A line ringing (the default), or a held call that became takeable (tag `held:…`). */
  readonly kind?: 'ringing' | 'held'
}
