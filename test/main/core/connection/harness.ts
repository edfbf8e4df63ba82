/**
 * A real emulator platform, a real SDK signed in with a JWT, and a supervisor driving the real
 * `@ringcentral/subscriptions` client over real sockets. Short timeouts keep each test quick.
 */
import WebSocketExtension from '@rc-ex/ws'
import { SDK } from '@ringcentral/sdk'
import { Subscriptions } from '@ringcentral/subscriptions'
import {
  createPlatform,
  type Platform,
  type PlatformOptions
} from '../../../../src/emulator/platform'
import {
  ConnectionSupervisor,
  type SupervisorHandlers,
  type SupervisorOptions
} from '../../../../src/main/core/connection/supervisor'
import type { ConnectionState, ResyncReason } from '../../../../src/main/core/connection/state'
import { type Clock, type PowerEvents, systemClock } from '../../../../src/main/core/ports'
import { onSdkRateLimit } from '../../../../src/main/core/rest/sdk-errors'
import { MemoryStorage } from '../../../support/memory-storage'

export const AGENT = '400000101'
export const OWN_PRESENCE =
  '/restapi/v1.0/account/~/extension/~/presence?detailedTelephonyState=true&sipData=true'

export interface Recorded {
  readonly notifications: Array<{ uuid?: string; subscriptionId?: string; body?: unknown }>
  readonly states: ConnectionState[]
  readonly resyncs: ResyncReason[]
  readonly problems: Array<{ kind: string; detail: string }>
  readonly disabled: unknown[]
}

export interface Rig {
  readonly platform: Platform
  readonly sdk: SDK
  readonly supervisor: ConnectionSupervisor
  /** Every WebSocketExtension the supervisor built, oldest first. */
  readonly extensions: WebSocketExtension[]
  readonly recorded: Recorded
  /** Publishes `count` presence notifications to every subscription; returns their uuids. */
  publish(count: number): string[]
  dispose(): Promise<void>
}

/** What a test may swap in the supervisor's dependencies (the real clock and Math.random otherwise). */
export interface RigDeps {
  readonly clock?: Clock
  readonly random?: () => number
  readonly power?: PowerEvents
}

export async function startRig(
  platformOptions: PlatformOptions = {},
  options: Partial<SupervisorOptions> = {},
  deps: RigDeps = {}
): Promise<Rig> {
  const platform = await createPlatform({
    rateLimits: { limits: { auth: 1000 } },
    ...platformOptions
  })
  const sdk = new SDK({
    server: platform.url,
    clientId: platform.clientId,
    clientSecret: platform.clientSecret,
    appName: 'RingsideTest',
    appVersion: '0.0.1',
    localStorage: new MemoryStorage() as unknown as Storage,
    clearCacheOnRefreshError: false
  })
  await sdk.platform().login({ jwt: platform.mintJwt(AGENT) })
  const recorded: Recorded = {
    notifications: [],
    states: [],
    resyncs: [],
    problems: [],
    disabled: []
  }
  const handlers: SupervisorHandlers = {
    notificationFrame: (e) => recorded.notifications.push(e as Recorded['notifications'][number]),
    state: (s) => recorded.states.push(s),
    resync: (r) => recorded.resyncs.push(r),
    disabledFilters: (f) => recorded.disabled.push(...f),
    problem: (kind, detail) => recorded.problems.push({ kind, detail })
  }
  const extensions: WebSocketExtension[] = []
  const supervisor = new ConnectionSupervisor(
    {
      subscriptions: new Subscriptions({ sdk }),
      createExtension: (o) => {
        const wse = new WebSocketExtension(o)
        extensions.push(wse)
        return wse
      },
      clock: deps.clock ?? systemClock,
      random: deps.random ?? Math.random,
      ...(deps.power ? { power: deps.power } : {}),
      onRateLimit: (listener) => onSdkRateLimit(sdk.platform(), listener),
      options: {
        connectTimeoutMs: 2_000,
        silenceTimeoutMs: 1_500,
        probeTimeoutMs: 500,
        backoff: { baseMs: 200, capMs: 1_000 },
        ...options
      }
    },
    handlers
  )
  let counter = 0
  return {
    platform,
    sdk,
    supervisor,
    extensions,
    recorded,
    publish(count) {
      const uuids: string[] = []
      for (let i = 0; i < count; i++) {
        const sequence = ++counter
        const published = platform.gateway.publish((sub) => [
          {
            event: `/restapi/v1.0/account/${sub.accountId}/extension/${sub.ownerExtensionId}/presence?detailedTelephonyState=true&sipData=true`,
            body: { extensionId: sub.ownerExtensionId, sequence, telephonyStatus: 'NoCall' }
          }
        ])
        for (const n of published) uuids.push(n.uuid)
      }
      return uuids
    },
    async dispose() {
      await supervisor.stop()
      await platform.close()
    }
  }
}

export async function waitFor(
  condition: () => boolean,
  what: string,
  timeoutMs = 8_000
): Promise<void> {
  const start = Date.now()
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

export const statuses = (r: Recorded): string[] => r.states.map((s) => s.status)

/** The OS's network state, switched by the test (Electron polls `net.isOnline` for it). */
export interface FakePower {
  readonly power: PowerEvents
  setOnline(online: boolean): void
}

export function fakePower(online = true): FakePower {
  const network = new Set<(online: boolean) => void>()
  let state = online
  return {
    power: {
      onResume: () => () => undefined,
      onNetworkChange(listener) {
        network.add(listener)
        return () => network.delete(listener)
      },
      isOnline: () => state
    },
    setOnline(next) {
      if (next === state) return
      state = next
      for (const l of [...network]) l(next)
    }
  }
}
