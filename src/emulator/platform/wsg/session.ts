import type { WsPrincipal } from '../oauth/tokens'
import type { Connection } from './connection'
import type { FrameMeta, Wsc } from './frames'

export interface DisabledFilter {
  readonly filter: string
  readonly reason: string
  readonly message: string
}

/**
 * The (single) subscription bound to a WSG session (one per socket,
 * docs/platform.md#subscribing-over-the-socket).
 */
export interface SubscriptionRecord {
  readonly id: string
  readonly eventFilters: ReadonlyArray<string>
  readonly disabledFilters: ReadonlyArray<DisabledFilter>
  readonly creationTime: number
}

/** A notification not yet written to a socket; `wsc` is stamped at send time so sequences stay monotonic. */
export interface PendingNotification {
  readonly meta: Omit<FrameMeta, 'wsc'>
  readonly envelope: NotificationEnvelope
}

/**
 * The body element of a ServerNotification, handed to the app untouched
 * (docs/platform.md#servernotification).
 */
export interface NotificationEnvelope {
  readonly uuid: string
  readonly event: string
  readonly timestamp: string
  readonly subscriptionId: string
  readonly ownerId: string
  readonly body: unknown
}

/**
 * A WSG session: what a `wsc` token recovers. It outlives its socket for `recoveryTimeout`
 * seconds, buffering notifications meanwhile (docs/platform.md#session-recovery).
 */
export class WsgSession {
  sequence = 0
  subscription: SubscriptionRecord | undefined
  connection: Connection | undefined
  disconnectedAt: number | undefined
  readonly pending: PendingNotification[] = []
  /** True between a recovery's ConnectionDetails and its replay: everything queues meanwhile. */
  holding = false
  /** Notifications dropped because the recovery buffer overflowed (oldest first). */
  dropped = 0

  constructor(
    readonly id: string,
    readonly wscToken: string,
    readonly principal: WsPrincipal,
    readonly createdAt: number
  ) {}

  nextWsc(): Wsc {
    this.sequence += 1
    return { token: this.wscToken, sequence: this.sequence }
  }

  /** Alive = attached to a socket, or detached for no longer than the recovery window. */
  alive(now: number, recoveryTimeoutSeconds: number): boolean {
    if (this.connection !== undefined) return true
    return (
      this.disconnectedAt !== undefined &&
      now - this.disconnectedAt <= recoveryTimeoutSeconds * 1000
    )
  }

  /** Keeps at most `size` undelivered notifications, dropping the oldest. */
  trim(size: number): void {
    while (this.pending.length > Math.max(0, size)) {
      this.pending.shift()
      this.dropped += 1
    }
  }
}
