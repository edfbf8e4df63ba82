import * as t from 'io-ts'
import { decodeBody } from '../decode'
import { apiErrors } from '../errors'
import type { Router } from '../http/router'
import { ok } from '../http/types'
import { KNOWN_PERMISSIONS, type AppPermission } from '../permissions'
import type { Control } from './control'

/**
 * HTTP face of `Control` under `/__emulator/` (loopback only, JSON). Every route is documented in
 * docs/emulator.md. The call centre adds its own `/__emulator/calls/...` routes with
 * `router.control(...)` in the same way.
 */

const Permission = t.keyof(
  Object.fromEntries(KNOWN_PERMISSIONS.map((p) => [p, null])) as Record<AppPermission, null>
)
const Draft = t.type({ event: t.string, body: t.unknown })
const Status = t.refinement(
  t.number,
  (n) => Number.isInteger(n) && n >= 400 && n <= 599,
  'HttpErrorStatus'
)
const Seconds = t.refinement(t.number, (n) => Number.isFinite(n) && n >= 0, 'Seconds')
const Count = t.refinement(t.number, (n) => Number.isInteger(n) && n >= 0, 'Count')

const FaultsPatch = t.partial({
  earlyNotification: t.union([t.boolean, Draft]),
  silence: t.boolean,
  pauseDelivery: t.boolean,
  wstokenFailures: t.intersection([t.type({ count: Count }), t.partial({ status: Status })]),
  restLatencyMs: Count,
  hangUpgrades: Count
})
const KillFilter = t.partial({
  socketId: t.string,
  subscriptionId: t.string,
  extensionId: t.string,
  clientId: t.string
})
const RawFrame = t.type({ target: t.string, text: t.string })
const RateLimitsPatch = t.partial({
  limits: t.partial({ light: Count, medium: Count, heavy: Count, auth: Count }),
  windowSeconds: Seconds,
  penaltySeconds: Seconds
})
const TtlPatch = t.partial({
  accessTokenTtl: Seconds,
  refreshTokenTtl: Seconds,
  wsTokenTtl: Seconds,
  authCodeTtl: Seconds,
  minAccessTokenTtl: Seconds
})
const ExpireBody = t.intersection([
  t.type({ kind: t.keyof({ access: null, refresh: null, all: null }) }),
  t.partial({ extensionId: t.string, clientId: t.string })
])
const WsgPatch = t.partial({
  recoveryTimeout: Seconds,
  recoveryBufferSize: Count,
  idleTimeout: Seconds,
  absoluteTimeout: Seconds,
  maxConnectionsPerSession: Count,
  maxActiveRequests: Count,
  replayDelayMs: Count
})
const ClientBody = t.partial({
  clientId: t.string,
  clientSecret: t.string,
  name: t.string,
  scopes: t.array(Permission),
  redirectUris: t.array(t.string),
  autoApprove: t.boolean,
  pkce: t.keyof({ required: null, optional: null }),
  allowPlainPkce: t.boolean
})
const JwtBody = t.intersection([
  t.type({ extensionId: t.string }),
  t.partial({ clientId: t.string, ttlSeconds: t.number })
])
const NotifyBody = t.intersection([Draft, t.partial({ subscriptionId: t.string })])

const body = <A, O>(codec: t.Type<A, O, unknown>, value: unknown): A =>
  decodeBody(codec, value ?? {}, 'body')

export function registerControlRoutes(router: Router, control: Control): void {
  router.control('GET', '/__emulator/health', () => ok({ ok: true }))
  router.control('GET', '/__emulator/state', () => ok(control.state()))

  router.control('GET', '/__emulator/faults', () => ok(control.faults()))
  router.control('PUT', '/__emulator/faults', (req) => {
    const patch = body(FaultsPatch, req.body)
    if (patch.earlyNotification !== undefined) control.earlyNotification(patch.earlyNotification)
    if (patch.silence !== undefined) control.silence(patch.silence)
    if (patch.pauseDelivery === true) control.pauseDelivery()
    if (patch.pauseDelivery === false) control.resumeDelivery()
    if (patch.wstokenFailures !== undefined) {
      control.wstokenFailures(patch.wstokenFailures.count, patch.wstokenFailures.status)
    }
    if (patch.restLatencyMs !== undefined) control.restLatency(patch.restLatencyMs)
    if (patch.hangUpgrades !== undefined) control.hangUpgrades(patch.hangUpgrades)
    return ok(control.faults())
  })
  router.control('POST', '/__emulator/faults/reset', () => {
    control.resetFaults()
    return ok(control.faults())
  })
  router.control('POST', '/__emulator/faults/kill-sockets', (req) =>
    ok({ killed: control.killSockets(body(KillFilter, req.body)) })
  )
  router.control('POST', '/__emulator/faults/raw-frame', (req) => {
    const { target, text } = body(RawFrame, req.body)
    return ok({ sent: control.rawFrame(target, text) })
  })

  router.control('PUT', '/__emulator/rate-limits', (req) =>
    ok(control.setRateLimits(body(RateLimitsPatch, req.body)))
  )
  router.control('POST', '/__emulator/rate-limits/reset', () => {
    control.resetRateLimits()
    return ok({ reset: true })
  })
  router.control('PUT', '/__emulator/token-ttls', (req) =>
    ok(control.setTokenTtls(body(TtlPatch, req.body)))
  )
  router.control('POST', '/__emulator/tokens/expire', (req) => {
    const { kind, ...filter } = body(ExpireBody, req.body)
    return ok({ expired: control.expireTokens(kind, filter) })
  })
  router.control('PUT', '/__emulator/wsg', (req) =>
    ok(control.setWsgSettings(body(WsgPatch, req.body)))
  )

  router.control('GET', '/__emulator/sockets', () => ok({ records: control.sockets() }))
  router.control('GET', '/__emulator/subscriptions', () =>
    ok({ records: control.subscriptions().map((s) => ({ ...s, scopes: [...s.scopes] })) })
  )

  router.control('GET', '/__emulator/clients', () => ok({ records: control.clients() }))
  router.control('POST', '/__emulator/clients', (req) => ({
    status: 201,
    body: control.registerClient(body(ClientBody, req.body))
  }))
  router.control('PATCH', '/__emulator/clients/:clientId', (req) => {
    const { clientId: _ignored, ...patch } = body(ClientBody, req.body)
    const updated = control.updateClient(req.params['clientId'] ?? '', patch)
    if (updated === undefined) throw apiErrors.notFound('clientId', req.params['clientId'])
    return ok(updated)
  })

  router.control('POST', '/__emulator/jwt', (req) => {
    const { extensionId, ...options } = body(JwtBody, req.body)
    return ok({ jwt: control.mintJwt(extensionId, options) })
  })
  router.control('POST', '/__emulator/notify', (req) =>
    ok({ published: control.notify(body(NotifyBody, req.body)) })
  )
}
