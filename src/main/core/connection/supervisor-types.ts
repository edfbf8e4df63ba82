/** The supervisor's options, dependencies and callbacks (supervisor.ts has the behaviour). */
import type WebSocketExtension from '@rc-ex/ws'
import type { WebSocketOptions } from '@rc-ex/ws/types'
import type { Subscriptions } from '@ringcentral/subscriptions'
import type { Clock, PowerEvents } from '../ports'
import type { BackoffOptions } from '../../../shared/util/backoff'
import { DEFAULT_BACKOFF } from './backoff'
import type { WatchOptions } from './socket-watch'
import type { ConnectionState, ResyncReason } from './state'

export interface SupervisorOptions extends WatchOptions {
  readonly backoff: BackoffOptions
  /**
   * The deadline of one connect attempt, everything included: the ws token, the socket's upgrade,
   * ConnectionDetails and the subscription. An attempt still unfinished then is abandoned (its
   * socket terminated) and retried on the backoff.
   */
  readonly connectTimeoutMs: number
  /** After failing this long without a break, the connection is shown as offline. */
  readonly offlineAfterMs: number
}

export const DEFAULT_SUPERVISOR_OPTIONS: SupervisorOptions = {
  connectTimeoutMs: 10_000,
  // A Heartbeat goes out after half of this of silence, so a live socket always answers well
  // inside it, and a half-open one is found dead within it (docs/platform.md#silent-sockets).
  silenceTimeoutMs: 8_000,
  probeTimeoutMs: 5_000,
  offlineAfterMs: 60_000,
  backoff: DEFAULT_BACKOFF
}

export interface DisabledFilter {
  readonly filter: string
  readonly reason: string
  readonly message?: string
}

export interface SupervisorHandlers {
  /**
   * Every ServerNotification envelope read from the socket, in order: the notification pipeline's
   * entry (`NotificationPipeline.receiveFrame`).
   */
  notificationFrame(envelope: unknown): void
  state(state: ConnectionState): void
  resync(reason: ResyncReason): void
  disabledFilters(filters: readonly DisabledFilter[]): void
  /** Something went wrong that the user need not see but support will want: counted in diagnostics. */
  problem(kind: 'listener-threw' | 'malformed-frame' | 'terminated', detail: string): void
}

export interface SupervisorDeps {
  readonly subscriptions: Subscriptions
  /** Builds the library's WebSocket extension with our options (injected to keep the import typed). */
  readonly createExtension: (options: WebSocketOptions) => WebSocketExtension
  readonly clock: Clock
  readonly random: () => number
  readonly power?: PowerEvents
  /**
   * Tells the supervisor about every 429 the SDK sees (its `rateLimitError` event), with the wait in
   * ms. The ws token shares the Auth group with the token refresh, so a 429 there means the next
   * reconnect must wait too.
   */
  readonly onRateLimit?: (listener: (retryAfterMs: number) => void) => () => void
  readonly options?: Partial<SupervisorOptions>
}
