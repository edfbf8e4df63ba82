/**
 * Registers the call centre's REST and control routes on the platform router, with the throttling
 * group and app permission of each (docs/platform.md#rate-limits,
 * docs/platform.md#app-permissions).
 */
import type { Director } from '../callcentre/director'
import type { Router } from '../platform'
import { registerAccountRoutes } from './account'
import { registerCallLogRoutes } from './call-log'
import { registerControlRoutes } from './control'
import { registerListRoutes } from './lists'
import { registerPartyActionRoutes } from './party-actions'
import { registerPresenceRoutes } from './presence'
import type { RestContext } from './shapes'
import { registerTelephonyRoutes } from './telephony'

export type { RestContext } from './shapes'

export function registerCallCentreRoutes(
  router: Router,
  ctx: RestContext,
  director: Director,
  demoExtensionId: string
): void {
  registerAccountRoutes(router, ctx)
  registerPresenceRoutes(router, ctx)
  registerListRoutes(router, ctx)
  registerTelephonyRoutes(router, ctx)
  registerPartyActionRoutes(router, ctx)
  registerCallLogRoutes(router, ctx)
  registerControlRoutes(router, ctx, director, demoExtensionId)
}
