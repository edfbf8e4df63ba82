import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { registerAccountRoutes } from './account-routes'
import { cryptoRandom, Ids, seededRandom, systemClock, type Clock } from './clock'
import { createControl, type Control, type MintJwtOptions } from './control/control'
import { registerControlRoutes } from './control/routes'
import { demoDirectory, type AccountDirectory } from './directory'
import { Faults, type NotificationDraft } from './faults'
import { createPipeline } from './http/pipeline'
import {
  DEFAULT_RATE_LIMITS,
  mergeRateLimits,
  RateLimiter,
  type RateLimitPatch
} from './http/rate-limit'
import { Router } from './http/router'
import { registerAuthorize } from './oauth/authorize'
import { ClientRegistry, type ClientApp, type ClientRegistration } from './oauth/clients'
import { AuthCodeStore } from './oauth/codes'
import { signJwt } from './oauth/jwt'
import { registerTokenEndpoints } from './oauth/token'
import { DEFAULT_TOKEN_TTLS, TokenStore, type TokenTtls } from './oauth/tokens'
import { registerWsToken } from './oauth/wstoken'
import { registerSubscriptionRoutes } from './subscription-routes'
import { HttpSubscriptionStore } from './subscription-store'
import { defaultValidateFilter, type FilterValidator } from './wsg/filters'
import { Gateway } from './wsg/gateway'
import type { WsgSettings } from './wsg/types'

export interface PlatformOptions {
  /** TCP port on 127.0.0.1; 0 (default) picks an ephemeral one. */
  readonly port?: number
  /** Who exists (the call centre's cast); default: a 3-agent demo directory. */
  readonly directory?: AccountDirectory
  readonly clock?: Clock
  /** Seed for ids and tokens (replayable runs); default: crypto randomness. */
  readonly seed?: number | string
  /** The default client app (scopes, redirect URIs, PKCE policy, autoApprove). */
  readonly client?: ClientRegistration
  /** Default `autoApprove` for clients: skip the consent page (demo mode). Default false. */
  readonly autoApprove?: boolean
  /** Who signs in when auto-approving without `login_hint`. */
  readonly defaultExtensionId?: string
  readonly rateLimits?: RateLimitPatch
  readonly tokenTtls?: Partial<TokenTtls>
  readonly wsg?: Partial<WsgSettings>
  /** Event filter validation hook (the lead plugs the real parser in here). */
  readonly validateFilter?: FilterValidator
  readonly faults?: {
    readonly earlyNotification?: NotificationDraft | boolean
    readonly silence?: boolean
    readonly pauseDelivery?: boolean
    readonly wstokenFailures?: { readonly count: number; readonly status?: number }
    readonly restLatencyMs?: number
    readonly hangUpgrades?: number
  }
  /** Serve the directory-backed account/extension routes (default true). */
  readonly accountRoutes?: boolean
  readonly log?: (event: string, detail: Readonly<Record<string, unknown>>) => void
}

export interface Platform {
  /** `http://127.0.0.1:PORT`: pass as the SDK's `server`. */
  readonly url: string
  readonly port: number
  /** `ws://127.0.0.1:PORT/ws`, what `/restapi/oauth/wstoken` hands out. */
  readonly wsUrl: string
  /** The default client app. */
  readonly clientId: string
  readonly clientSecret: string
  readonly accountId: string
  readonly directory: AccountDirectory
  mintJwt(extensionId: string, options?: MintJwtOptions): string
  readonly gateway: Gateway
  readonly router: Router
  readonly control: Control
  /** Terminates every socket and timer; resolves when the port is released. */
  close(): Promise<void>
}

const JWT_DEFAULT_TTL = 30 * 24 * 3600

type Log = NonNullable<PlatformOptions['log']>

/** Where the platform listens; known only after `listen`, read lazily by routes and tokens. */
interface Endpoints {
  url: string
  wsUrl: string
}

/** The platform's clock, ids, stores and gateway: everything the routes and the server share. */
interface Parts {
  readonly clock: Clock
  readonly ids: Ids
  readonly log: Log
  readonly directory: AccountDirectory
  readonly jwtSecret: Buffer
  readonly router: Router
  readonly limiter: RateLimiter
  readonly tokens: TokenStore
  readonly clients: ClientRegistry
  readonly codes: AuthCodeStore
  readonly faults: Faults
  readonly defaultClient: ClientApp
  readonly gateway: Gateway
  readonly validateFilter: FilterValidator
  readonly httpSubscriptions: HttpSubscriptionStore
}

/** Builds the parts in a fixed order: a seeded run draws its ids and secret in this order. */
function createParts(options: PlatformOptions): Parts {
  const clock = options.clock ?? systemClock
  const random = options.seed === undefined ? cryptoRandom : seededRandom(options.seed)
  const ids = new Ids(random)
  const log = options.log ?? ((): void => undefined)
  const directory = options.directory ?? demoDirectory()
  const jwtSecret = random.bytes(32)
  const router = new Router()
  const limiter = new RateLimiter(
    clock,
    mergeRateLimits(DEFAULT_RATE_LIMITS, options.rateLimits ?? {})
  )
  const tokens = new TokenStore(clock, ids, { ...DEFAULT_TOKEN_TTLS, ...options.tokenTtls })
  const clients = new ClientRegistry(ids, { autoApprove: options.autoApprove ?? false })
  const codes = new AuthCodeStore(clock, ids)
  const faults = new Faults()
  // The run's own registration (the demo's, and most tests') takes a loopback redirect on any port;
  // every other registration is exact, as on the platform (oauth/redirect-rule.ts).
  const defaultClient = clients.register({ redirectPolicy: 'loopback-any-port', ...options.client })
  const validateFilter = options.validateFilter ?? defaultValidateFilter
  const httpSubscriptions = new HttpSubscriptionStore(clock)
  const gateway = new Gateway(
    {
      clock,
      ids,
      directory,
      faults,
      validateFilter,
      resolveWsToken: (token) => tokens.resolveWsToken(token),
      log,
      httpSubscriptions: (extensionId, clientId) => httpSubscriptions.count(extensionId, clientId)
    },
    options.wsg
  )
  return {
    clock,
    ids,
    log,
    directory,
    jwtSecret,
    router,
    limiter,
    tokens,
    clients,
    codes,
    faults,
    defaultClient,
    gateway,
    validateFilter,
    httpSubscriptions
  }
}

/** JWT credentials for an extension, as a developer console would issue them. */
function jwtMinter(
  parts: Parts,
  endpoints: Endpoints
): (extensionId: string, opts?: MintJwtOptions) => string {
  const { clock, ids, directory, defaultClient, jwtSecret } = parts
  return (extensionId, opts = {}) => {
    const iat = Math.floor(clock.now() / 1000)
    return signJwt(
      {
        sub: extensionId,
        iss: opts.clientId ?? defaultClient.clientId,
        aud: `${endpoints.url}/restapi/oauth/token`,
        iat,
        exp: iat + (opts.ttlSeconds ?? JWT_DEFAULT_TTL),
        jti: ids.uuid(),
        account_id: directory.accountId
      },
      jwtSecret
    )
  }
}

function registerRoutes(
  parts: Parts,
  control: Control,
  options: PlatformOptions,
  endpoints: Endpoints
): void {
  const { router, clients, codes, tokens, directory, clock, jwtSecret, faults } = parts
  registerTokenEndpoints(router, { clients, codes, tokens, directory, clock, jwtSecret })
  registerAuthorize(router, {
    clients,
    codes,
    tokens,
    directory,
    defaultExtensionId: options.defaultExtensionId
  })
  registerWsToken(router, { tokens, faults, wsUrl: () => endpoints.wsUrl })
  if (options.accountRoutes !== false) registerAccountRoutes(router, directory, () => endpoints.url)
  registerSubscriptionRoutes(router, {
    clock,
    ids: parts.ids,
    directory,
    validateFilter: parts.validateFilter,
    store: parts.httpSubscriptions,
    gateway: parts.gateway
  })
  registerControlRoutes(router, control)
}

function createHttpServer(parts: Parts): Server {
  const { router, limiter, directory, ids, tokens, log, faults } = parts
  return createServer(
    createPipeline({
      router,
      limiter,
      directory,
      ids,
      authenticate: (header) => tokens.authenticate(header),
      publicRateKey: (req) => `ip:${req.remoteAddress}`,
      log,
      apiLatencyMs: () => faults.restLatency()
    })
  )
}

/** Starts the emulated RingCentral platform (OAuth, REST pipeline, WSG, control API) on loopback. */
export async function createPlatform(options: PlatformOptions = {}): Promise<Platform> {
  const parts = createParts(options)
  const { gateway, faults, limiter, tokens, clients, directory, defaultClient, router } = parts
  const endpoints: Endpoints = { url: '', wsUrl: '' }
  const mintJwt = jwtMinter(parts, endpoints)
  const control = createControl({ gateway, faults, limiter, tokens, clients, mintJwt })
  applyFaults(control, options.faults)
  registerRoutes(parts, control, options, endpoints)

  const server = createHttpServer(parts)
  gateway.attach(server)
  const port = await listen(server, options.port ?? 0)
  endpoints.url = `http://127.0.0.1:${port}`
  endpoints.wsUrl = `ws://127.0.0.1:${port}/ws`
  parts.log('platform.listening', { port })

  return {
    url: endpoints.url,
    port,
    wsUrl: endpoints.wsUrl,
    clientId: defaultClient.clientId,
    clientSecret: defaultClient.clientSecret,
    accountId: directory.accountId,
    directory,
    mintJwt,
    gateway,
    router,
    control,
    close: () => shutdown(server, gateway)
  }
}

function applyFaults(control: Control, faults: PlatformOptions['faults']): void {
  if (faults === undefined) return
  if (faults.earlyNotification !== undefined) control.earlyNotification(faults.earlyNotification)
  if (faults.silence === true) control.silence(true)
  if (faults.pauseDelivery === true) control.pauseDelivery()
  if (faults.wstokenFailures !== undefined) {
    control.wstokenFailures(faults.wstokenFailures.count, faults.wstokenFailures.status)
  }
  if (faults.restLatencyMs !== undefined) control.restLatency(faults.restLatencyMs)
  if (faults.hangUpgrades !== undefined) control.hangUpgrades(faults.hangUpgrades)
}

/** Binds 127.0.0.1 only: the emulator must never be reachable from the network. */
function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject)
      resolve((server.address() as AddressInfo).port)
    })
  })
}

function shutdown(server: Server, gateway: Gateway): Promise<void> {
  gateway.close()
  return new Promise((resolve) => {
    server.close(() => resolve())
    // Keep-alive HTTP sockets (the SDK's fetch) would otherwise hold `close` open.
    server.closeAllConnections()
  })
}
