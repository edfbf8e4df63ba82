import type { Clock } from './clock'
import type { DisabledFilter } from './wsg/session'

/** What a WebHook subscription delivers to (spec `NotificationDeliveryMode`). */
export interface WebhookDelivery {
  readonly transportType: 'WebHook'
  readonly address: string
  readonly verificationToken?: string
}

/** A subscription created over HTTP (docs/platform.md#subscriptions-over-http). */
export interface HttpSubscription {
  readonly id: string
  readonly accountId: string
  readonly extensionId: string
  readonly clientId: string
  readonly eventFilters: ReadonlyArray<string>
  readonly disabledFilters: ReadonlyArray<DisabledFilter>
  readonly creationTime: number
  /** The lifetime asked for (or the default); every renew restarts it. */
  readonly expiresIn: number
  readonly expiresAt: number
  readonly deliveryMode: WebhookDelivery
}

/**
 * The HTTP subscriptions of every user and app. An expired one is gone: it is no longer listed,
 * read, renewed or counted, as the platform reaps expired subscriptions.
 */
export class HttpSubscriptionStore {
  private readonly byId = new Map<string, HttpSubscription>()

  constructor(private readonly clock: Clock) {}

  put(sub: HttpSubscription): void {
    this.byId.set(sub.id, sub)
  }

  /** The live subscription `id` of this user and app; another's is as unknown as a missing one. */
  find(id: string, extensionId: string, clientId: string): HttpSubscription | undefined {
    this.sweep()
    const sub = this.byId.get(id)
    return sub?.extensionId === extensionId && sub.clientId === clientId ? sub : undefined
  }

  of(extensionId: string, clientId: string): ReadonlyArray<HttpSubscription> {
    this.sweep()
    return [...this.byId.values()].filter(
      (s) => s.extensionId === extensionId && s.clientId === clientId
    )
  }

  count(extensionId: string, clientId: string): number {
    return this.of(extensionId, clientId).length
  }

  delete(id: string): void {
    this.byId.delete(id)
  }

  private sweep(): void {
    const now = this.clock.now()
    for (const [id, s] of this.byId) if (s.expiresAt <= now) this.byId.delete(id)
  }
}
