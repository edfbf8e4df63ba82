import * as t from 'io-ts'
import type { Clock, Ids } from '../clock'
import type { AccountDirectory } from '../directory'
import { decodeOrUndefined } from '../decode'
import { apiErrorBody, apiErrors, permissionMessage, type HttpError } from '../errors'
import type { WsPrincipal } from '../oauth/tokens'
import { expandFilter, type FilterValidator } from './filters'
import type { DisabledFilter, SubscriptionRecord, WsgSession } from './session'

/**
 * A reply to a ClientRequest: `[meta]` (204) or `[meta, body]`
 * (docs/platform.md#subscribing-over-the-socket).
 */
export interface ClientReply {
  readonly status: number
  readonly body?: unknown
}

export type RequestOutcome =
  | { readonly kind: 'reply'; readonly reply: ClientReply; readonly created?: SubscriptionRecord }
  | { readonly kind: 'unknown-path' }
  | { readonly kind: 'bad-method' }

export interface RequestDeps {
  readonly ids: Ids
  readonly clock: Clock
  readonly directory: AccountDirectory
  readonly validateFilter: FilterValidator
  /** True when the user and app hold `maxSubscriptions` already (docs/platform.md#subscription-limits). */
  readonly atSubscriptionLimit?: (principal: WsPrincipal) => boolean
}

const SUBSCRIPTION = '/restapi/v1.0/subscription'
const DAY_MS = 24 * 60 * 60 * 1000

/** `deliveryMode` is required by the spec (`CreateSubscriptionRequest`, docs/platform.md#subscribing-over-the-socket). */
const SubscriptionBody = t.type({
  eventFilters: t.array(t.string),
  deliveryMode: t.partial({ transportType: t.string })
})

const errorReply = (e: HttpError): ClientReply => ({ status: e.status, body: e.body })

/**
 * Spec `SubscriptionInfo` in the field order of the real WS reply
 * (docs/platform.md#subscribing-over-the-socket).
 */
export function subscriptionBody(sub: SubscriptionRecord): Record<string, unknown> {
  return {
    uri: `${SUBSCRIPTION}/${sub.id}`,
    id: sub.id,
    creationTime: new Date(sub.creationTime).toISOString(),
    status: 'Active',
    eventFilters: sub.eventFilters,
    ...(sub.disabledFilters.length === 0 ? {} : { disabledFilters: sub.disabledFilters }),
    expirationTime: new Date(sub.creationTime + DAY_MS).toISOString(),
    // Ignored for WebSocket: subscriptions renew on the backend
    // (docs/platform.md#subscribing-over-the-socket).
    expiresIn: 86399,
    deliveryMode: { transportType: 'WebSocket', encryption: false }
  }
}

/**
 * REST-over-WS for `/restapi/v1.0/subscription[/id]`. One subscription per socket: a second POST
 * replaces the first (docs/platform.md#subscribing-over-the-socket).
 */
export function handleSubscriptionRequest(
  deps: RequestDeps,
  session: WsgSession,
  method: string,
  path: string,
  body: unknown
): RequestOutcome {
  const cleanPath = path.split('?')[0]!.replace(/\/+$/, '')
  const idMatch = /^\/restapi\/v1\.0\/subscription\/([^/]+)$/.exec(cleanPath)
  if (cleanPath === SUBSCRIPTION) {
    if (method !== 'POST') return { kind: 'bad-method' }
    // A second POST on a socket replaces its subscription, so only a socket's first one counts.
    if (
      session.subscription === undefined &&
      deps.atSubscriptionLimit?.(session.principal) === true
    )
      return { kind: 'reply', reply: errorReply(apiErrors.subscriptionsLimit()) }
    const built = build(deps, session, body, deps.ids.uuid())
    if ('status' in built) return { kind: 'reply', reply: built }
    session.subscription = built
    return { kind: 'reply', reply: { status: 200, body: subscriptionBody(built) }, created: built }
  }
  if (idMatch === null) return { kind: 'unknown-path' }
  const id = decodeURIComponent(idMatch[1]!)
  const current = session.subscription
  if (current === undefined || current.id !== id) {
    if (!['GET', 'PUT', 'DELETE'].includes(method)) return { kind: 'bad-method' }
    return { kind: 'reply', reply: errorReply(apiErrors.notFound('subscriptionId', id)) }
  }
  switch (method) {
    case 'GET':
      return { kind: 'reply', reply: { status: 200, body: subscriptionBody(current) } }
    case 'PUT': {
      const built = build(deps, session, body, current.id, current.creationTime)
      if ('status' in built) return { kind: 'reply', reply: built }
      session.subscription = built
      return { kind: 'reply', reply: { status: 200, body: subscriptionBody(built) } }
    }
    case 'DELETE':
      session.subscription = undefined
      return { kind: 'reply', reply: { status: 204 } }
    default:
      return { kind: 'bad-method' }
  }
}

/** Shared with the HTTP subscription routes, which resolve filters the same way. */
export function build(
  deps: RequestDeps,
  session: Pick<WsgSession, 'principal'>,
  body: unknown,
  id: string,
  creationTime: number = deps.clock.now()
): SubscriptionRecord | ClientReply {
  const parsed = decodeOrUndefined(SubscriptionBody, body)
  if (parsed === undefined || parsed.eventFilters.length === 0) {
    const noMode = typeof body === 'object' && body !== null && !('deliveryMode' in body)
    return errorReply(apiErrors.invalidParameter(noMode ? 'deliveryMode' : 'eventFilters'))
  }
  const transport = parsed.deliveryMode.transportType
  if (transport !== undefined && transport !== 'WebSocket') {
    return errorReply(apiErrors.invalidParameter('deliveryMode.transportType'))
  }
  const p = session.principal
  const ctx = {
    accountId: p.accountId,
    extensionId: p.extensionId,
    scopes: p.scopes,
    directory: deps.directory
  }
  const eventFilters: string[] = []
  const disabledFilters: DisabledFilter[] = []
  let missingPermission: string | undefined
  for (const raw of parsed.eventFilters) {
    const filter = expandFilter(raw, ctx)
    const verdict = deps.validateFilter(filter, ctx)
    if (verdict.ok) {
      if (!eventFilters.includes(filter)) eventFilters.push(filter)
      continue
    }
    if (verdict.reason === 'InsufficientPermissions') missingPermission ??= verdict.permission
    disabledFilters.push({ filter, reason: verdict.reason, message: verdict.message })
  }
  if (eventFilters.length === 0) return rejectAll(parsed.eventFilters, missingPermission)
  return { id, eventFilters, disabledFilters, creationTime }
}

/**
 * Nothing usable: 400 SUB-508 when every filter is unknown/malformed (docs errors.md); when some
 * were only refused for a permission, 403 CMN-401 naming it (emulator choice, documented).
 */
function rejectAll(
  filters: ReadonlyArray<string>,
  missingPermission: string | undefined
): ClientReply {
  if (missingPermission !== undefined) {
    const message = permissionMessage(missingPermission)
    const item = { errorCode: 'CMN-401', message, permissionName: missingPermission }
    return { status: 403, body: apiErrorBody('InsufficientPermissions', item) }
  }
  const message = `Invalid event filters: [${filters.join(', ')}]`
  return { status: 400, body: apiErrorBody('SUB-508', { errorCode: 'SUB-508', message }) }
}
