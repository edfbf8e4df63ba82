/** What the agent sees about the notification channel, always (connecting, live, recovering…). */
export type ConnectionState =
  | { readonly status: 'idle' }
  | { readonly status: 'connecting'; readonly attempt: number }
  | { readonly status: 'live'; readonly since: number }
  | { readonly status: 'recovering'; readonly attempt: number; readonly reason: string }
  | { readonly status: 'offline'; readonly reason: string; readonly retryAt?: number }
  | { readonly status: 'rate-limited'; readonly retryAt: number }
  /** Needs the user: signed out, or a permission the account lacks for every filter. */
  | { readonly status: 'stopped'; readonly reason: string }

export type ConnectionStatus = ConnectionState['status']

/** Why the supervisor asks the core to refetch presence and calls over REST. */
export type ResyncReason =
  | 'recovery-failed'
  /** A socket the watch had to kill: frames written to a dead TCP connection are gone for good. */
  | 'dead-socket'
  | 'new-session'
  | 'resume'
  | 'network-change'
  | 'gap'
  | 'safety-poll'
