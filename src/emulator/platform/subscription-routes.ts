import * as t from 'io-ts'
import type { Clock, Ids } from './clock'
import { decodeBody } from './decode'
import type { AccountDirectory } from './directory'
import { apiErrors, HttpError } from './errors'
import type { Router } from './http/router'
import { noContent, ok, type ApiRequest, type ApiResponse } from './http/types'
import type { HttpSubscription, HttpSubscriptionStore } from './subscription-store'
import type { FilterValidator } from './wsg/filters'
import type { Gateway } from './wsg/gateway'
import { build, subscriptionBody } from './wsg/requests'
import type { WsgSession } from './wsg/session'

export interface SubscriptionRouteDeps {
  readonly clock: Clock
  readonly ids: Ids
  readonly directory: AccountDirectory
  readonly validateFilter: FilterValidator
  readonly store: HttpSubscriptionStore
  readonly gateway: Gateway
}

const BASE = '/restapi/v1.0/subscription'
/** Spec `CreateSubscriptionRequest.expiresIn`: at least 1, WebHook at most 10 years. */
const MAX_WEBHOOK_EXPIRES_IN = 315_360_000
/** Not in the specification; the webhook guide's week (docs/platform.md#subscriptions-over-http). */
export const DEFAULT_WEBHOOK_EXPIRES_IN = 604_800

const ExpiresIn = t.refinement(
  t.number,
  (n) => Number.isInteger(n) && n >= 1 && n <= MAX_WEBHOOK_EXPIRES_IN,
  'ExpiresIn'
)
const DeliveryMode = t.intersection([
  t.type({ transportType: t.literal('WebHook'), address: t.string }),
  t.partial({ verificationToken: t.string, encryption: t.boolean })
])
const CreateSubscriptionRequest = t.intersection([
  t.type({ eventFilters: t.array(t.string), deliveryMode: t.unknown }),
  t.partial({ expiresIn: t.unknown })
])
const UpdateSubscriptionRequest = t.partial({
  eventFilters: t.array(t.string),
  expiresIn: t.unknown
})

/** Spec `SubscriptionInfo` of an HTTP subscription. */
function infoOf(sub: HttpSubscription, now: number): Record<string, unknown> {
  return {
    uri: `${BASE}/${sub.id}`,
    id: sub.id,
    creationTime: new Date(sub.creationTime).toISOString(),
    status: 'Active',
    eventFilters: sub.eventFilters,
    ...(sub.disabledFilters.length === 0 ? {} : { disabledFilters: sub.disabledFilters }),
    expirationTime: new Date(sub.expiresAt).toISOString(),
    expiresIn: Math.max(1, Math.round((sub.expiresAt - now) / 1000)),
    deliveryMode: { ...sub.deliveryMode, encryption: false }
  }
}

/** A webhook address must be an absolute http(s) URL (spec: `format: uri`). */
function checkAddress(address: string): void {
  let url: URL | undefined
  try {
    url = new URL(address)
  } catch {
    url = undefined
  }
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:'))
    throw apiErrors.invalidParameter('deliveryMode.address')
}

function deliveryOf(value: unknown): HttpSubscription['deliveryMode'] {
  const mode = decodeBody(t.type({ transportType: t.string }), value, 'deliveryMode')
  // "WebSocket … subscription request over the WebSocket itself, as opposed to making a REST API
  // call to this endpoint" (the specification's createSubscription).
  if (mode.transportType !== 'WebHook')
    throw apiErrors.invalidParameter('deliveryMode.transportType')
  const d = decodeBody(DeliveryMode, value, 'deliveryMode.address')
  checkAddress(d.address)
  return {
    transportType: 'WebHook',
    address: d.address,
    ...(d.verificationToken === undefined ? {} : { verificationToken: d.verificationToken })
  }
}

const expiresInOf = (value: unknown): number =>
  value === undefined ? DEFAULT_WEBHOOK_EXPIRES_IN : decodeBody(ExpiresIn, value, 'expiresIn')

/** Filters resolved exactly as over the socket: `~` expanded, refused ones in `disabledFilters`. */
function filtersOf(
  deps: SubscriptionRouteDeps,
  req: ApiRequest,
  eventFilters: ReadonlyArray<string>
): Pick<HttpSubscription, 'eventFilters' | 'disabledFilters'> {
  const principal = {
    oauthSessionId: req.auth.sessionId,
    clientId: req.auth.clientId,
    accountId: req.auth.accountId,
    extensionId: req.auth.extensionId,
    scopes: req.auth.scopes
  }
  const body = { eventFilters, deliveryMode: { transportType: 'WebSocket' } }
  const built = build(deps, { principal }, body, '', 0)
  if ('status' in built) throw new HttpError(built.status, built.body as Record<string, unknown>)
  return { eventFilters: built.eventFilters, disabledFilters: built.disabledFilters }
}

function create(deps: SubscriptionRouteDeps, req: ApiRequest): ApiResponse {
  if (typeof req.body === 'object' && req.body !== null && !('deliveryMode' in req.body))
    throw apiErrors.invalidParameter('deliveryMode')
  const body = decodeBody(CreateSubscriptionRequest, req.body, 'eventFilters')
  const deliveryMode = deliveryOf(body.deliveryMode)
  const expiresIn = expiresInOf(body.expiresIn)
  const filters = filtersOf(deps, req, body.eventFilters)
  const { extensionId, clientId, accountId } = req.auth
  if (
    deps.gateway.subscriptionCount({ extensionId, clientId }) >=
    deps.gateway.settings.maxSubscriptions
  )
    throw apiErrors.subscriptionsLimit()
  const now = deps.clock.now()
  const sub: HttpSubscription = {
    id: deps.ids.uuid(),
    accountId,
    extensionId,
    clientId,
    ...filters,
    creationTime: now,
    expiresIn,
    expiresAt: now + expiresIn * 1000,
    deliveryMode
  }
  deps.store.put(sub)
  return ok(infoOf(sub, now))
}

type Found =
  | { readonly kind: 'http'; readonly sub: HttpSubscription }
  | { readonly kind: 'ws'; readonly session: WsgSession }

/** This user's and app's subscription `id`, over HTTP or over a socket; else 404 CMN-102. */
function find(deps: SubscriptionRouteDeps, req: ApiRequest): Found {
  const id = req.params['subscriptionId'] ?? ''
  const { extensionId, clientId } = req.auth
  const sub = deps.store.find(id, extensionId, clientId)
  if (sub !== undefined) return { kind: 'http', sub }
  const session = deps.gateway
    .sessionsOf({ extensionId, clientId })
    .find((s) => s.subscription?.id === id)
  if (session !== undefined) return { kind: 'ws', session }
  throw apiErrors.notFound('subscriptionId', id)
}

function show(deps: SubscriptionRouteDeps, found: Found): Record<string, unknown> {
  if (found.kind === 'http') return infoOf(found.sub, deps.clock.now())
  return subscriptionBody(found.session.subscription!)
}

/** PUT with a body changes filters and lifetime; every PUT and renew restarts the lifetime. */
function renew(
  deps: SubscriptionRouteDeps,
  req: ApiRequest,
  sub: HttpSubscription,
  change: t.TypeOf<typeof UpdateSubscriptionRequest>
): ApiResponse {
  const now = deps.clock.now()
  const expiresIn = change.expiresIn === undefined ? sub.expiresIn : expiresInOf(change.expiresIn)
  const filters = change.eventFilters === undefined ? {} : filtersOf(deps, req, change.eventFilters)
  const next: HttpSubscription = {
    ...sub,
    ...filters,
    expiresIn,
    expiresAt: now + expiresIn * 1000
  }
  deps.store.put(next)
  return ok(infoOf(next, now))
}

/**
 * `/restapi/v1.0/subscription[/{id}[/renew]]` over HTTP (docs/emulator.md#subscriptions-over-http):
 * WebHook subscriptions are created, read, updated, renewed and deleted here; the socket's own
 * subscriptions are listed, read and deleted too (a DELETE ends their events), but "WebSocket
 * subscriptions cannot be updated via HTTP interface" and renew on the gateway by themselves.
 */
export function registerSubscriptionRoutes(router: Router, deps: SubscriptionRouteDeps): void {
  router.route('GET', BASE, { group: 'light' }, (req) => {
    const { extensionId, clientId } = req.auth
    const now = deps.clock.now()
    const records = [
      ...deps.gateway
        .sessionsOf({ extensionId, clientId })
        .map((s) => subscriptionBody(s.subscription!)),
      ...deps.store.of(extensionId, clientId).map((s) => infoOf(s, now))
    ]
    return ok({ uri: BASE, records })
  })
  router.route('POST', BASE, { group: 'medium' }, (req) => create(deps, req))
  router.route('GET', `${BASE}/:subscriptionId`, { group: 'light' }, (req) =>
    ok(show(deps, find(deps, req)))
  )
  router.route('PUT', `${BASE}/:subscriptionId`, { group: 'medium' }, (req) => {
    const found = find(deps, req)
    if (found.kind === 'ws')
      throw apiErrors.invalidParameter(
        'deliveryMode.transportType',
        'WebSocket subscriptions cannot be updated over HTTP'
      )
    const change =
      req.body === undefined ? {} : decodeBody(UpdateSubscriptionRequest, req.body, 'eventFilters')
    return renew(deps, req, found.sub, change)
  })
  router.route('POST', `${BASE}/:subscriptionId/renew`, { group: 'light' }, (req) => {
    const found = find(deps, req)
    // "WebSocket subscriptions are renewed automatically while websocket session is alive."
    if (found.kind === 'ws') return ok(show(deps, found))
    return renew(deps, req, found.sub, {})
  })
  router.route('DELETE', `${BASE}/:subscriptionId`, { group: 'medium' }, (req) => {
    const found = find(deps, req)
    if (found.kind === 'http') deps.store.delete(found.sub.id)
    else found.session.subscription = undefined
    return noContent()
  })
}
