/** A notification to send (the gateway stamps uuid, timestamp, subscriptionId, ownerId). */
export interface NotificationDraft {
  readonly event: string
  readonly body: unknown
}

/**
 * One-shot faults consumed by the HTTP/WS handlers. Socket-level faults (silence, pause, kill,
 * raw frames) live on the gateway because they act on open sockets.
 */
export class Faults {
  private early: NotificationDraft | true | undefined
  private wstoken = { remaining: 0, status: 503 }
  private latencyMs = 0

  /**
   * Arms `earlyNotification`: on the next subscription POST the gateway sends a notification
   * BEFORE the POST's reply. `true` uses a default presence event.
   */
  armEarlyNotification(draft: NotificationDraft | true | false): void {
    this.early = draft === false ? undefined : draft
  }

  takeEarlyNotification(): NotificationDraft | true | undefined {
    const value = this.early
    this.early = undefined
    return value
  }

  /** The next `count` calls to `/restapi/oauth/wstoken` fail with `status`. */
  failWstoken(count: number, status: number): void {
    this.wstoken = { remaining: Math.max(0, Math.floor(count)), status }
  }

  /** Returns the status to fail with, or undefined to proceed. */
  takeWstokenFailure(): number | undefined {
    if (this.wstoken.remaining <= 0) return undefined
    this.wstoken.remaining -= 1
    return this.wstoken.status
  }

  /**
   * Every REST API reply leaves `ms` after its handler read the state, as on a slow network: a
   * client that fetches state while notifications stream in must not let the older reply win.
   */
  setRestLatency(ms: number): void {
    this.latencyMs = Math.max(0, Math.floor(ms))
  }

  restLatency(): number {
    return this.latencyMs
  }

  reset(): void {
    this.early = undefined
    this.wstoken = { remaining: 0, status: 503 }
    this.latencyMs = 0
  }

  state(): {
    readonly earlyNotification: NotificationDraft | boolean
    readonly wstokenFailures: { readonly count: number; readonly status: number }
    readonly restLatencyMs: number
  } {
    return {
      earlyNotification: this.early ?? false,
      wstokenFailures: { count: this.wstoken.remaining, status: this.wstoken.status },
      restLatencyMs: this.latencyMs
    }
  }
}
