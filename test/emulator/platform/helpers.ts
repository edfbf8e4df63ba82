import type { EventEmitter } from 'node:events'
import { SDK, type SDKOptions } from '@ringcentral/sdk'
import { Subscriptions, type Subscription } from '@ringcentral/subscriptions'
import {
  createPlatform,
  staticDirectory,
  type Platform,
  type PlatformOptions
} from '../../../src/emulator/platform'
import { MemoryStorage } from '../../support/memory-storage'

export const ACCOUNT_ID = '37439510'
export const AGENT = '37439511'
export const SECOND_AGENT = '37439512'
export const PARK = '37439580'

export const testDirectory = staticDirectory(ACCOUNT_ID, [
  { id: AGENT, extensionNumber: '101', name: 'Ada Agent', type: 'User', status: 'Enabled' },
  { id: SECOND_AGENT, extensionNumber: '102', name: 'Bo Agent', type: 'User', status: 'Enabled' },
  { id: '37439513', extensionNumber: '103', name: 'Gone Agent', type: 'User', status: 'Disabled' },
  { id: PARK, extensionNumber: '801', name: 'Park 1', type: 'ParkLocation', status: 'Enabled' }
])

export const REDIRECT_URI = 'http://127.0.0.1:53682/oauth/callback'

/** Every test gets its own platform on an ephemeral port. */
export function startPlatform(options: PlatformOptions = {}): Promise<Platform> {
  return createPlatform({ directory: testDirectory, defaultExtensionId: AGENT, ...options })
}

export function makeSdk(platform: Platform, options: Partial<SDKOptions> = {}): SDK {
  return new SDK({
    server: platform.url,
    clientId: platform.clientId,
    clientSecret: platform.clientSecret,
    redirectUri: REDIRECT_URI,
    appName: 'RingsideTest',
    appVersion: '0.0.1',
    localStorage: new MemoryStorage(),
    ...options
  })
}

/** What the SDK throws (and emits) for a failed request: its message and the platform's reply. */
export interface ApiErrorLike {
  message: string
  response?: Response
  /** Set by the SDK for a 429, in ms. */
  retryAfter?: number
  error?: string
}

/** Runs `fn`, expecting the SDK to throw; returns what it threw. */
export async function sdkFailure(fn: () => Promise<unknown>): Promise<ApiErrorLike> {
  try {
    await fn()
  } catch (e: unknown) {
    return e as ApiErrorLike
  }
  throw new Error('expected a failure')
}

export async function jwtLogin(platform: Platform, sdk: SDK, extensionId = AGENT): Promise<void> {
  await sdk.platform().login({ jwt: platform.mintJwt(extensionId) })
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

export { waitFor } from '../../support/wait'

/** Resolves with the next emission of `event` on an emitter-like object. */
export function once<T>(
  emitter: { once(e: string, l: (v: T) => void): unknown },
  event: string
): Promise<T> {
  return new Promise((resolve) => emitter.once(event, resolve))
}

export type Registered = Awaited<ReturnType<Subscription['register']>>

/** Per-test resources, released in reverse order even when the test failed. */
export class Harness {
  private readonly cleanups: Array<() => unknown> = []
  private current: Platform | undefined

  async start(options: PlatformOptions = {}): Promise<Platform> {
    this.current = await startPlatform(options)
    return this.current
  }

  get platform(): Platform {
    if (this.current === undefined) throw new Error('platform not started')
    return this.current
  }

  defer(cleanup: () => unknown): void {
    this.cleanups.push(cleanup)
  }

  async dispose(): Promise<void> {
    for (const cleanup of this.cleanups.reverse()) {
      try {
        await cleanup()
      } catch {
        // best effort: the point is to leave no timers or sockets behind
      }
    }
    this.cleanups.length = 0
    await this.current?.close()
    this.current = undefined
  }

  /** JWT login + `createSubscription().register()` with the real client; cleaned up automatically. */
  async subscribe(
    filters: string[],
    sdkOptions: Partial<SDKOptions> = {}
  ): Promise<SubscribedClient> {
    const p = this.platform
    const sdk = makeSdk(p, sdkOptions)
    await jwtLogin(p, sdk)
    this.defer(() => sdk.platform().logout())
    const subscription = new Subscriptions({ sdk }).createSubscription().setEventFilters(filters)
    const received: Envelope[] = []
    subscription.on(subscription.events.notification, (evt: Envelope) => received.push(evt))
    const registered = await subscription.register()
    this.defer(() => disposeRegistered(registered))
    return { sdk, registered, received, wse: wseOf(registered) }
  }
}

export interface Envelope {
  uuid: string
  event: string
  timestamp: string
  subscriptionId: string
  ownerId: string
  body: unknown
}

export interface SubscribedClient {
  readonly sdk: SDK
  readonly registered: Registered
  readonly received: Envelope[]
  /** The @rc-ex/ws extension behind the subscription (its events and connection details). */
  readonly wse: WsExtension
}

/**
 * What the tests read of @rc-ex/ws's WebSocketExtension. `register()` is typed with a narrower
 * interface, so this is the one cast to the real object (node_modules/@rc-ex/ws/dist/esm/index.js).
 */
export interface WsExtension {
  /** autoRecoverSuccess, autoRecoverFailed, autoRecoverError, connectionReady, newWsc, … */
  readonly eventEmitter: EventEmitter
  readonly connectionDetails: { recoveryState?: string; recoveryErrorCode?: string }
  readonly intervalHandle?: NodeJS.Timeout
  readonly pingServerHandle?: NodeJS.Timeout
  readonly ws?: { terminate(): void }
  /** The ws token cache's expiry (ms); 0 makes the next connect fetch a new token. */
  wsTokenExpiresAt: number
  disable(): void
}

export function wseOf(registered: Registered): WsExtension {
  return registered.wse as unknown as WsExtension
}

/** Revoke (DELETE over WS) if possible, then make sure the client's recovery loop is dead. */
export async function disposeRegistered(registered: Registered): Promise<void> {
  const wse = wseOf(registered)
  try {
    await Promise.race([registered.revoke(), sleep(1500)])
  } finally {
    clearInterval(wse.intervalHandle)
    clearTimeout(wse.pingServerHandle)
    wse.disable()
    wse.ws?.terminate()
  }
}
