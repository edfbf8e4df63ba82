import * as t from 'io-ts'
import { decodeBody } from '../decode'
import { apiErrors } from '../errors'
import type { Router } from '../http/router'
import { ok, type ApiResponse, type HttpMethod, type PublicRequest } from '../http/types'
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
const Count = t.refinement(t.number, (n) => Number.isSafeInteger(n) && n >= 0, 'Count')

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
  replayDelayMs: Count,
  maxSubscriptions: Count,
  requestLatencyMs: Count
})
const ClientBody = t.partial({
  clientId: t.string,
  clientSecret: t.string,
  name: t.string,
  scopes: t.array(Permission),
  redirectUris: t.array(t.string),
  redirectPolicy: t.keyof({ exact: null, 'loopback-any-port': null }),
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

type ControlHandler = (control: Control, req: PublicRequest) => ApiResponse

const patchFaults: ControlHandler = (control, req) => {
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
}

const resetFaults: ControlHandler = (control) => {
  control.resetFaults()
  return ok(control.faults())
}

const rawFrame: ControlHandler = (control, req) => {
  const { target, text } = body(RawFrame, req.body)
  return ok({ sent: control.rawFrame(target, text) })
}

const resetRateLimits: ControlHandler = (control) => {
  control.resetRateLimits()
  return ok({ reset: true })
}

const expireTokens: ControlHandler = (control, req) => {
  const { kind, ...filter } = body(ExpireBody, req.body)
  return ok({ expired: control.expireTokens(kind, filter) })
}

const subscriptions: ControlHandler = (control) =>
  ok({ records: control.subscriptions().map((s) => ({ ...s, scopes: [...s.scopes] })) })

const registerClient: ControlHandler = (control, req) => ({
  status: 201,
  body: control.registerClient(body(ClientBody, req.body))
})

const updateClient: ControlHandler = (control, req) => {
  const { clientId: _ignored, ...patch } = body(ClientBody, req.body)
  const updated = control.updateClient(req.params['clientId'] ?? '', patch)
  if (updated === undefined) throw apiErrors.notFound('clientId', req.params['clientId'])
  return ok(updated)
}

const mintJwt: ControlHandler = (control, req) => {
  const { extensionId, ...options } = body(JwtBody, req.body)
  return ok({ jwt: control.mintJwt(extensionId, options) })
}

/** Every control route, in registration order (docs/emulator.md documents each). */
const ROUTES: ReadonlyArray<readonly [HttpMethod, string, ControlHandler]> = [
  ['GET', '/__emulator/health', () => ok({ ok: true })],
  ['GET', '/__emulator/state', (control) => ok(control.state())],

  ['GET', '/__emulator/faults', (control) => ok(control.faults())],
  ['PUT', '/__emulator/faults', patchFaults],
  ['POST', '/__emulator/faults/reset', resetFaults],
  [
    'POST',
    '/__emulator/faults/kill-sockets',
    (control, req) => ok({ killed: control.killSockets(body(KillFilter, req.body)) })
  ],
  ['POST', '/__emulator/faults/raw-frame', rawFrame],

  [
    'PUT',
    '/__emulator/rate-limits',
    (control, req) => ok(control.setRateLimits(body(RateLimitsPatch, req.body)))
  ],
  ['POST', '/__emulator/rate-limits/reset', resetRateLimits],
  [
    'PUT',
    '/__emulator/token-ttls',
    (control, req) => ok(control.setTokenTtls(body(TtlPatch, req.body)))
  ],
  ['POST', '/__emulator/tokens/expire', expireTokens],
  [
    'PUT',
    '/__emulator/wsg',
    (control, req) => ok(control.setWsgSettings(body(WsgPatch, req.body)))
  ],

  ['GET', '/__emulator/sockets', (control) => ok({ records: control.sockets() })],
  ['GET', '/__emulator/subscriptions', subscriptions],

  ['GET', '/__emulator/clients', (control) => ok({ records: control.clients() })],
  ['POST', '/__emulator/clients', registerClient],
  ['PATCH', '/__emulator/clients/:clientId', updateClient],

  ['POST', '/__emulator/jwt', mintJwt],
  [
    'POST',
    '/__emulator/notify',
    (control, req) => ok({ published: control.notify(body(NotifyBody, req.body)) })
  ]
]

export function registerControlRoutes(router: Router, control: Control): void {
  for (const [method, path, handle] of ROUTES)
    router.control(method, path, (req) => handle(control, req))
}
