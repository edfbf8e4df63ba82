/**
 * The `@rc-ex/ws` extensions behind the one subscription: the one that holds it (reconnected with
 * the library's own `recover()`, so its WSG session recovery works as the library intends; only
 * its ws token cache is bypassed, as the token is single use), the one a fresh `register()` is building, and the ones given up on, whose late
 * sockets must be killed on sight (docs/platform.md#orphan-socket-after-a-failed-register).
 */
import type WebSocketExtension from '@rc-ex/ws'
import type { Subscriptions } from '@ringcentral/subscriptions'
import type { Clock } from '../ports'
import { type GuardedSocket, SOCKET_CLOSING } from './guard'
import { decodeSubscriptionInfo } from './subscription-info'
import type { DisabledFilter } from './supervisor-types'

export interface ExtensionsDeps {
  readonly subscriptions: Subscriptions
  readonly createExtension: () => WebSocketExtension
}

export class Extensions {
  /** The extension that holds our subscription, also while its socket is down. */
  private live: WebSocketExtension | undefined
  /** What the fresh register() under way built, until it holds the subscription. */
  private pending: { wse: WebSocketExtension | undefined } | undefined
  private readonly retired = new WeakSet<WebSocketExtension>()
  /** The live extension's `recover()` that has not settled yet, even after its deadline. */
  private recovering: Promise<void> | undefined

  constructor(private readonly deps: ExtensionsDeps) {
    // Our extension replaces the library's default one, so every socket is watched and reconnects
    // on our schedule. Still the library's own register(): we only choose its options.
    deps.subscriptions.newWsExtension = async (): Promise<WebSocketExtension> => {
      const wse = deps.createExtension()
      if (this.pending && this.pending.wse === undefined) this.pending.wse = wse
      else this.retired.add(wse) // nobody asked for it: an abandoned register() got this far
      await deps.subscriptions.rc.installExtension(wse)
      return wse
    }
  }

  /** Whether a subscription exists to recover (its socket may be down). */
  get holding(): boolean {
    return this.live !== undefined
  }

  /** A socket of this extension is one we wait for (not a given-up one's late reconnect). */
  owns(wse: WebSocketExtension): boolean {
    return !this.retired.has(wse) && (wse === this.live || wse === this.pending?.wse)
  }

  /** A fresh subscription on a new extension; returns the filters the platform refused. */
  async subscribe(filters: readonly string[]): Promise<readonly DisabledFilter[]> {
    const slot: { wse: WebSocketExtension | undefined } = { wse: undefined }
    this.pending = slot
    const subscription = this.deps.subscriptions.createSubscription()
    subscription.setEventFilters([...filters])
    const registered = await subscription.register()
    // registered.wse is the extension newWsExtension built, typed more loosely by the library.
    if (this.pending !== slot || slot.wse === undefined) throw new Error('abandoned')
    this.pending = undefined
    this.live = slot.wse
    const info = decodeSubscriptionInfo(registered.subscriptionInfo)
    // An answer the core cannot read is an error of this attempt (retried), not a guess.
    if (!info.ok) throw new Error(`the subscription answer does not decode: ${info.error}`)
    return info.value.disabledFilters ?? []
  }

  /** Reconnects the live extension with its `wsc`: 'lost' when the WSG session did not survive. */
  async recover(): Promise<'recovered' | 'lost'> {
    const wse = this.live
    if (!wse) throw new Error('no subscription to recover')
    // A recover() that outlived its deadline still holds the extension: only a new one can help.
    if (this.recovering) throw new Error('the last reconnect never finished')
    // The ws token opens one socket only (docs/platform.md#wstoken); the library would reconnect
    // with the one it cached, which the platform refuses, so every reconnect fetches its own.
    wse.wsTokenExpiresAt = 0
    const recovering = wse.recover()
    this.recovering = recovering
    const settle = (): void => {
      if (this.recovering === recovering) this.recovering = undefined
    }
    recovering.then(settle, settle)
    await recovering
    if (this.live !== wse) throw new Error('abandoned')
    return wse.connectionDetails.recoveryState === 'Successful' ? 'recovered' : 'lost'
  }

  /** The live extension is wedged in a recover() that never settled. */
  get wedged(): boolean {
    return this.live !== undefined && this.recovering !== undefined
  }

  /** Gives up the live extension (wedged): the next attempt subscribes afresh. */
  retire(): void {
    const wse = this.live
    this.live = undefined
    this.recovering = undefined
    void this.discard(wse)
  }

  /**
   * An attempt ran out of time: its socket goes now. The library notices a terminated socket
   * within a second and settles its recover(); a fresh register()'s extension is given up.
   */
  async abandon(): Promise<void> {
    if (this.live) terminateSocket(this.live)
    await this.dropPending()
  }

  /** The fresh register() failed: its extension must not keep a socket open. */
  async dropPending(): Promise<void> {
    const wse = this.pending?.wse
    this.pending = undefined
    await this.discard(wse)
  }

  /** Stops everything: the pending extension is dropped, the live one revoked within `withinMs`. */
  async close(clock: Clock, withinMs: number): Promise<void> {
    await this.dropPending()
    const live = this.live
    this.live = undefined
    this.recovering = undefined
    if (live) await revokeWithin(live, clock, withinMs)
  }

  /**
   * Gives an extension up for good. revoke() also disables it and, with no subscription, sends
   * nothing; a connect still under way inside it opens its socket later, which `owns` refuses.
   */
  private async discard(wse: WebSocketExtension | undefined): Promise<void> {
    if (!wse) return
    this.retired.add(wse)
    terminateSocket(wse)
    await wse.revoke().catch(() => undefined)
  }
}

/** Drops the extension's socket at once unless it is already closing; no peer needed. */
function terminateSocket(wse: WebSocketExtension): void {
  const ws = wse.ws as unknown as GuardedSocket | undefined
  if (ws && ws.readyState < SOCKET_CLOSING) ws.terminate?.()
}

/**
 * Revoking sends DELETE over the socket and waits for the answer; a dead socket never answers.
 * Give it `withinMs`, then drop the socket anyway: the server forgets the subscription with it.
 */
async function revokeWithin(
  wse: WebSocketExtension,
  clock: Clock,
  withinMs: number
): Promise<void> {
  const timeout = new Promise<void>((resolve) => {
    const timer = clock.setTimeout(resolve, withinMs)
    timer.unref?.()
  })
  await Promise.race([wse.revoke().catch(() => undefined), timeout])
  terminateSocket(wse)
}
