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
      readonly reason: { readonly code: string; readonly message: string }
    }

/**
 * Where the key that opens the stored sign-in lives, when the vault keeps one apart from the
 * tokens (browser mode): the OS keyring, or a file beside the tokens and why.
 */
export type KeyStorageView =
  { readonly where: 'os-keyring' } | { readonly where: 'key-file'; readonly reason: string }

/** `stopped` needs the user: signed out, or a permission the account lacks for every filter. */
export type ConnectionView =
  | { readonly status: 'idle' }
  | { readonly status: 'connecting'; readonly attempt: number }
  | { readonly status: 'live'; readonly since: number }
  | { readonly status: 'recovering'; readonly attempt: number; readonly reason: string }
  | { readonly status: 'offline'; readonly reason: string; readonly retryAt?: number }
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
}

export interface PopupView {
  readonly title: string
  readonly body: string
  /** One pop-up per call: a second one with the same tag replaces the first. */
  readonly tag: string
}
