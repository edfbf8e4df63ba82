/**
 * Who may control a party over Call Control REST (docs/platform.md#call-control-ownership). The
 * platform lets a user control the parties of their own calls; another user's party needs the
 * account-level right to control others' calls, which an admin or supervisor role has
 * (https://developers.ringcentral.com/guide/voice/call-control: "Call control ... for the
 * current user's calls", supervisors through the account's roles). The emulator models that right
 * with the cast's one supervisor (the call centre's admin); everyone else is refused 403 CMN-404,
 * the platform's "attempt to access another extension". Park is narrower still: "only their own
 * incoming calls" (https://developers.ringcentral.com/api-reference/Call-Control/callParkParty).
 */
import type { Party } from '../callcentre/model'
import { apiErrors, type ApiRequest } from '../platform'
import type { RestContext } from './shapes'

/** The extensions with the right to control others' calls. */
export function controlsOthers(ctx: RestContext, extensionId: string): boolean {
  return ctx.engine.cast.supervisor.id === extensionId
}

/** Refuses an action on a party the caller neither owns nor may control. */
export function assertMayControl(ctx: RestContext, req: ApiRequest, party: Party): void {
  if (party.extensionId === req.auth.extensionId) return
  if (controlsOthers(ctx, req.auth.extensionId)) return
  throw apiErrors.otherExtension()
}

/** Park: the caller's own incoming call only; an outbound leg is refused as a wrong call state. */
export function assertMayPark(ctx: RestContext, req: ApiRequest, party: Party): void {
  assertMayControl(ctx, req, party)
  if (party.direction !== 'Inbound') {
    throw apiErrors.conflict('TAS-102', 'Only incoming calls can be parked')
  }
}
