import type { Faults, NotificationDraft } from '../faults'
import type { RateLimitConfig, RateLimiter, RateLimitPatch } from '../http/rate-limit'
import type { ClientApp, ClientRegistration, ClientRegistry } from '../oauth/clients'
import type { TokenStore, TokenTtls } from '../oauth/tokens'
import { filterMatchesEvent } from '../wsg/filters'
import type { Gateway } from '../wsg/gateway'
import type {
  PublishedNotification,
  SocketFilter,
  SocketInfo,
  SubscriptionView,
  WsgSettings
} from '../wsg/types'

export interface MintJwtOptions {
  /** App the JWT is for (`iss`); default: the platform's default client. */
  readonly clientId?: string
  /** Lifetime in seconds; default 30 days. Negative values mint an already expired JWT. */
  readonly ttlSeconds?: number
}

export interface NotifyInput extends NotificationDraft {
  /** Only this subscription; otherwise every subscription with a filter matching `event`. */
  readonly subscriptionId?: string
}

export interface FaultState {
  readonly earlyNotification: NotificationDraft | boolean
  readonly wstokenFailures: { readonly count: number; readonly status: number }
  readonly restLatencyMs: number
  readonly silence: boolean
  readonly pauseDelivery: boolean
  readonly hangUpgrades: number
}

/** Everything a test (or the control HTTP API) can change or observe at run time. */
export interface Control {
  /** Drop matching sockets abruptly (no close frame). Returns how many. */
  killSockets(filter?: SocketFilter): number
  /** Arm (or disarm with `false`) a notification sent before the next subscription POST reply. */
  earlyNotification(draft: NotificationDraft | boolean): void
  /** Send raw text to a subscription's socket or to `'all'` sockets. */
  rawFrame(target: string, text: string): number
  /** Fail the next `count` wstoken calls with `status` (default 503). */
  wstokenFailures(count: number, status?: number): void
  /** Hold every REST API reply this long after its handler read the state (0 turns it off). */
  restLatency(ms: number): void
  /** Half-open sockets: write nothing at all until `silence(false)`. */
  silence(on: boolean): void
  /** Leave the next `count` WebSocket upgrades unanswered (CONNECTING for ever); 0 ends it. */
  hangUpgrades(count: number): void
  pauseDelivery(): void
  /** Flush what was held; returns the number of frames written. */
  resumeDelivery(): number
  resetFaults(): void
  faults(): FaultState
  setRateLimits(patch: RateLimitPatch): RateLimitConfig
  resetRateLimits(): void
  setTokenTtls(patch: Partial<TokenTtls>): TokenTtls
  /** Make tokens expire server-side now; the next API call gets 401 OAU-128. */
  expireTokens(
    kind: 'access' | 'refresh' | 'all',
    filter?: { readonly extensionId?: string; readonly clientId?: string }
  ): number
  setWsgSettings(patch: Partial<WsgSettings>): WsgSettings
  registerClient(registration?: ClientRegistration): ClientApp
  updateClient(clientId: string, patch: Omit<ClientRegistration, 'clientId'>): ClientApp | undefined
  clients(): ReadonlyArray<ClientApp>
  mintJwt(extensionId: string, options?: MintJwtOptions): string
  /** Publish an arbitrary notification to matching subscriptions. */
  notify(input: NotifyInput): ReadonlyArray<PublishedNotification>
  sockets(): ReadonlyArray<SocketInfo>
  subscriptions(): ReadonlyArray<SubscriptionView>
  state(): Readonly<Record<string, unknown>>
}

export interface ControlDeps {
  readonly gateway: Gateway
  readonly faults: Faults
  readonly limiter: RateLimiter
  readonly tokens: TokenStore
  readonly clients: ClientRegistry
  readonly mintJwt: (extensionId: string, options?: MintJwtOptions) => string
}

export function createControl(deps: ControlDeps): Control {
  const { gateway, faults, limiter, tokens, clients } = deps
  const faultState = (): FaultState => {
    const g = gateway.faultState()
    return {
      ...faults.state(),
      silence: g.silenced,
      pauseDelivery: g.paused,
      hangUpgrades: g.hangUpgrades
    }
  }
  return {
    killSockets: (filter) => gateway.killSockets(filter),
    earlyNotification: (draft) => faults.armEarlyNotification(draft),
    rawFrame: (target, text) => gateway.rawFrame(target, text),
    wstokenFailures: (count, status = 503) => faults.failWstoken(count, status),
    restLatency: (ms) => faults.setRestLatency(ms),
    silence: (on) => gateway.setSilence(on),
    hangUpgrades: (count) => gateway.hangUpgrades(count),
    pauseDelivery: () => gateway.pauseDelivery(),
    resumeDelivery: () => gateway.resumeDelivery(),
    resetFaults: () => {
      faults.reset()
      gateway.setSilence(false)
      gateway.hangUpgrades(0)
      gateway.resumeDelivery()
    },
    faults: faultState,
    setRateLimits: (patch) => limiter.configure(patch),
    resetRateLimits: () => limiter.reset(),
    setTokenTtls: (patch) => tokens.configure(patch),
    expireTokens: (kind, filter) => tokens.expire(kind, filter),
    setWsgSettings: (patch) => gateway.configure(patch),
    registerClient: (registration) => clients.register(registration),
    updateClient: (clientId, patch) => clients.update(clientId, patch),
    clients: () => clients.list(),
    mintJwt: deps.mintJwt,
    notify: (input) =>
      gateway.publish((sub) => {
        const wanted =
          input.subscriptionId === undefined
            ? sub.eventFilters.some((f) => filterMatchesEvent(f, input.event))
            : sub.id === input.subscriptionId
        return wanted ? [{ event: input.event, body: input.body }] : []
      }),
    sockets: () => gateway.sockets(),
    subscriptions: () => gateway.subscriptions(),
    state: () => ({
      rateLimits: limiter.config,
      tokenTtls: tokens.ttls,
      wsg: gateway.settings,
      faults: faultState(),
      clients: clients
        .list()
        .map((c) => ({ clientId: c.clientId, name: c.name, scopes: c.scopes })),
      sockets: gateway.sockets().length,
      subscriptions: gateway.subscriptions().length
    })
  }
}
