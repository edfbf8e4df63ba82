import type { ConnectionView } from '../../../shared/ipc/status'

/**
 * What the agent sees about the notification channel, always (connecting, live, recovering…). The
 * type is defined once, in the IPC contract's status view, because it crosses to the renderer as is.
 */
export type ConnectionState = ConnectionView

export type ConnectionStatus = ConnectionState['status']

/** Why the supervisor asks the core to refetch presence and calls over REST. */
export type ResyncReason =
  | 'recovery-failed'
  /** A socket the watch had to kill: frames written to a dead TCP connection are gone for good. */
  | 'dead-socket'
  | 'new-wsg-session'
  | 'resume'
  | 'network-change'
  | 'gap'
  | 'safety-poll'
  /** An error nobody caught: whatever it interrupted may have left the state behind. */
  | 'fault'
