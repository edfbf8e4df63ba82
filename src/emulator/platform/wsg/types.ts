import type { Clock, Ids } from '../clock'
import type { AccountDirectory } from '../directory'
import type { Faults, NotificationDraft } from '../faults'
import type { WsPrincipal } from '../oauth/tokens'
import type { AppPermission } from '../permissions'
import type { FilterValidator } from './filters'

/**
 * ConnectionDetails knobs (docs/platform.md#connectiondetails), settable per run so tests can use
 * ~1 s timeouts.
 */
export interface WsgSettings {
  readonly recoveryTimeout: number
  readonly recoveryBufferSize: number
  readonly idleTimeout: number
  readonly absoluteTimeout: number
  readonly maxConnectionsPerSession: number
  readonly maxActiveRequests: number
  /**
   * Milliseconds between ConnectionDetails and the replay after a successful recovery. Not sent
   * to the client. @rc-ex/ws re-attaches its notification listener only after it has processed
   * ConnectionDetails, so replayed frames arriving in the same TCP read would be dropped by the
   * real client; real WSG latency hides that race, the emulator has to wait explicitly.
   */
  readonly replayDelayMs: number
  /**
   * Subscriptions per user and app, over the socket and over HTTP together; not sent to the
   * client (docs/platform.md#subscription-limits).
   */
  readonly maxSubscriptions: number
  /**
   * Milliseconds each ClientRequest reply is held, as the real gateway's round trip: without it no
   * two requests are ever in flight and `maxActiveRequests` could never be reached. Not sent.
   */
  readonly requestLatencyMs: number
}

export const DEFAULT_WSG_SETTINGS: WsgSettings = {
  recoveryTimeout: 180,
  recoveryBufferSize: 100,
  idleTimeout: 1800,
  absoluteTimeout: 86400,
  // The real ConnectionDetails (docs/platform.md#connectiondetails).
  maxConnectionsPerSession: 50,
  maxActiveRequests: 10,
  replayDelayMs: 50,
  // "Subscriptions are currently limited to 20 subscriptions per user/extension (for particular
  // application)" (the specification's createSubscription, docs/platform.md#subscription-limits).
  maxSubscriptions: 20,
  requestLatencyMs: 0
}

/** What the call-centre engine sees of a subscription when it builds notifications. */
export interface SubscriptionView {
  readonly id: string
  readonly accountId: string
  readonly ownerExtensionId: string
  /** Expanded filters (real ids, no `~`) exactly as returned to the client. */
  readonly eventFilters: ReadonlyArray<string>
  readonly scopes: ReadonlySet<AppPermission>
}

export type NotificationBuilder = (sub: SubscriptionView) => ReadonlyArray<NotificationDraft>

/** `sent`: written; `queued`: delivery paused; `buffered`: socket down, kept for recovery; `discarded`: silenced. */
export type Disposition = 'sent' | 'queued' | 'buffered' | 'discarded'

export interface PublishedNotification {
  readonly subscriptionId: string
  readonly uuid: string
  readonly event: string
  readonly disposition: Disposition
}

export interface SocketInfo {
  readonly socketId: string
  readonly connectedAt: string
  readonly remotePort: number
  readonly wsgSessionId: string | undefined
  readonly extensionId: string | undefined
  readonly clientId: string | undefined
  readonly subscriptionId: string | undefined
}

export interface SocketFilter {
  readonly socketId?: string
  readonly subscriptionId?: string
  readonly extensionId?: string
  readonly clientId?: string
}

export interface GatewayDeps {
  readonly clock: Clock
  readonly ids: Ids
  readonly directory: AccountDirectory
  readonly faults: Faults
  readonly validateFilter: FilterValidator
  readonly resolveWsToken: (token: string) => WsPrincipal | undefined
  readonly log: (event: string, detail: Readonly<Record<string, unknown>>) => void
  /** Subscriptions the user and app hold over HTTP (they count towards `maxSubscriptions`). */
  readonly httpSubscriptions?: (extensionId: string, clientId: string) => number
}
