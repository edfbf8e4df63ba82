import type { Clock, Ids } from '../clock'
import type { NotificationDraft } from '../faults'
import type { Connection } from './connection'
import type { PendingNotification, SubscriptionRecord, WsgSession } from './session'
import type { Disposition } from './types'

/**
 * Notification stamping and delivery. Order is preserved per WSG session: once something is
 * pending, later notifications queue behind it, and the wsc sequence is assigned at write time so
 * it only grows in the order frames actually leave (the client's `newWsc` logic,
 * docs/platform.md#frames).
 */
export class Delivery {
  /** `pauseDelivery` fault. */
  paused = false

  constructor(
    private readonly ids: Ids,
    private readonly clock: Clock,
    private readonly bufferSize: () => number
  ) {}

  /**
   * ServerNotification meta + envelope (docs/platform.md#servernotification; meta.messageId equals
   * the uuid).
   */
  stamp(
    session: WsgSession,
    sub: SubscriptionRecord,
    draft: NotificationDraft
  ): PendingNotification {
    const uuid = this.ids.uuid()
    return {
      meta: {
        type: 'ServerNotification',
        messageId: uuid,
        status: 200,
        headers: { RCRequestId: this.ids.uuid() }
      },
      envelope: {
        uuid,
        event: draft.event,
        timestamp: new Date(this.clock.now()).toISOString(),
        subscriptionId: sub.id,
        ownerId: session.principal.extensionId,
        body: draft.body
      }
    }
  }

  /** Writes one notification now, bypassing the queue (used by the earlyNotification fault). */
  sendNow(conn: Connection, session: WsgSession, n: PendingNotification): boolean {
    return conn.sendFrame({ ...n.meta, wsc: session.nextWsc() }, n.envelope)
  }

  deliver(session: WsgSession, n: PendingNotification): Disposition {
    const conn = session.connection
    if (conn !== undefined && !this.paused && !session.holding && session.pending.length === 0) {
      return this.sendNow(conn, session, n) ? 'sent' : 'discarded'
    }
    session.pending.push(n)
    // Recovery buffer: oldest dropped first (docs/platform.md#session-recovery).
    session.trim(this.bufferSize())
    return conn === undefined ? 'buffered' : 'queued'
  }

  /** Writes pending notifications in order when a socket is attached and delivery is not paused. */
  flush(session: WsgSession): number {
    const conn = session.connection
    if (conn === undefined || this.paused || session.holding) return 0
    let sent = 0
    for (let n = session.pending.shift(); n !== undefined; n = session.pending.shift()) {
      if (this.sendNow(conn, session, n)) sent++
    }
    return sent
  }
}
