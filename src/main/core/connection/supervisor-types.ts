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
  /** register() gives up after this (the library's own limit is 30 s). */
  readonly registerTimeoutMs: number
}

export const DEFAULT_SUPERVISOR_OPTIONS: SupervisorOptions = {
  connectTimeoutMs: 10_000,
  // The library sends a Heartbeat after half of this of silence, so a live socket always answers.
  silenceTimeoutMs: 60_000,
  probeTimeoutMs: 5_000,
  registerTimeoutMs: 30_000,
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
   * ms. The library swallows a failed first connect and retries on its own timer, so this is the only
   * way to learn that wstoken was rate-limited and how long to wait.
   */
  readonly onRateLimit?: (listener: (retryAfterMs: number) => void) => () => void
  readonly options?: Partial<SupervisorOptions>
}
