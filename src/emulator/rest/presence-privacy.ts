/**
 * What the presence REST adds to the engine's presence: who may read it, and the one applied
 * setting the engine does not keep.
 *
 * - `allowSeeMyPresence: false` turns a user's status publication off: "If the user requests
 *   his/her own presence status, the response contains actual presence status even if the status
 *   publication is turned off" (readUserPresenceStatus in the specification,
 *   https://developers.ringcentral.com/api-reference/Presence/readUserPresenceStatus, User
 *   Permission ReadPresenceStatus). Anyone else is refused 403 CMN-408, the documented code for a
 *   missing user permission (https://developers.ringcentral.com/guide/basics/errors); the exact
 *   body of that refusal is not published (docs/platform.md#hidden-presence).
 * - `callerIdVisibility` is a field of the specification's `PresenceInfoRequest`, so a PUT applies
 *   it and later reads echo it. `dndStatusPersonal` is not in that request model: it is read-only,
 *   and a PUT carrying it changes nothing and answers with the state as applied.
 */
import type { Engine } from '../callcentre/engine'
import { apiError, type ApiRequest, type FilterVerdict, type HttpError } from '../platform'
import { parseFilter } from '../../shared/filters'
import type { RestContext } from './shapes'

export type CallerIdVisibility = 'All' | 'None' | 'PermittedUsers'

/** Per engine, so two emulators in one process never share it. */
const visibilities = new WeakMap<Engine, Map<string, CallerIdVisibility>>()

/**
 * The value a PUT set, or undefined while none did. Only a set value is echoed: the legacy response
 * model (`GetPresenceInfo`) does not list the field, so whether the platform reads it back for a
 * user who never set it is not published (docs/emulator.md "Where it differs from the platform").
 */
export function callerIdVisibility(
  ctx: RestContext,
  extensionId: string
): CallerIdVisibility | undefined {
  return visibilities.get(ctx.engine)?.get(extensionId)
}

export function setCallerIdVisibility(
  ctx: RestContext,
  extensionId: string,
  value: CallerIdVisibility
): void {
  const map = visibilities.get(ctx.engine) ?? new Map<string, CallerIdVisibility>()
  map.set(extensionId, value)
  visibilities.set(ctx.engine, map)
}

export function presenceHidden(extensionId: string): HttpError {
  return apiError(403, 'InsufficientPermissions', {
    errorCode: 'CMN-408',
    message: `Extension [${extensionId}] does not allow to see its presence`,
    parameterName: 'extensionId',
    parameterValue: extensionId
  })
}

/** Whether `viewer` may read `extensionId`'s presence. */
export function maySeePresence(ctx: RestContext, viewer: string, extensionId: string): boolean {
  if (viewer === extensionId) return true
  return ctx.engine.presence(extensionId)?.allowSeeMyPresence !== false
}

export function assertMaySeePresence(ctx: RestContext, req: ApiRequest, extensionId: string): void {
  if (!maySeePresence(ctx, req.auth.extensionId, extensionId)) throw presenceHidden(extensionId)
}

/**
 * A subscription's per-extension presence filter for a user who does not let the subscriber see
 * their presence is not refused: the filter is dropped into `disabledFilters` and the rest of the
 * subscription works (docs/platform.md#hidden-presence). The verdict is taken when the subscription
 * is created or renewed (PUT), because that is when the platform builds its filter list: a user who
 * allows it later is seen again only on the next subscription or renewal.
 */
export function hiddenPresenceVerdict(
  engine: Engine,
  filter: string,
  subscriberExtensionId: string
): FilterVerdict | undefined {
  const parsed = parseFilter(filter)
  if (!parsed.ok || parsed.filter.kind !== 'extension-presence') return undefined
  const watched = parsed.filter.extensionId
  if (watched === subscriberExtensionId || watched === '~') return undefined
  if (engine.presence(watched)?.allowSeeMyPresence !== false) return undefined
  return {
    ok: false,
    reason: 'InsufficientPermissions',
    message: `Extension [${watched}] does not allow to see its presence`
  }
}
