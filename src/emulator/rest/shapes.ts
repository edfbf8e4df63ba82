/**
 * REST response bodies (docs/platform.md#call-control-endpoints, docs/platform.md#rest-reads). Real
 * responses give extension ids as JSON numbers in extension records (`id: 6610372004`, spec int64)
 * and as strings elsewhere; the emulator does the same, so the app meets both forms in development
 * rather than in production.
 */
import type { CastExtension, Device } from '../callcentre/cast'
import type { Engine } from '../callcentre/engine'
import type { EngineError, Outcome, Party, PresenceSnapshot } from '../callcentre/model'
import { iso, partyCommon, presenceBody, type PresenceDetail } from '../callcentre/render'
import { apiError, apiErrors, type HttpError } from '../platform'

// Paging moved to the platform, which pages its own extension list the same way; kept here for the
// callers that still import it from this module.
export { paginate, type Page } from '../platform'

/**
 * The SIP side as REST sees it: a REST `answer` to a registered WebPhone device rings that phone
 * with `Alert-Info: Auto Answer` and answers once the phone has (docs/emulator.md "SIP side").
 */
export interface PhoneSeam {
  /** Undefined when `deviceId` is not a registered phone: answer as before. */
  answerOnPhone(partyId: string, deviceId: string): Promise<Outcome<Party>> | undefined
  /** The same for a parked call picked up to `extensionId`'s registered phone. */
  pickupOnPhone(
    partyId: string,
    extensionId: string,
    deviceId: string
  ): Promise<Outcome<Party>> | undefined
}

export interface RestContext {
  readonly engine: Engine
  /** `http://127.0.0.1:PORT` (resolved lazily: the port is known after listen). */
  readonly baseUrl: () => string
  /** The SIP side, once it runs (resolved lazily: it starts after the routes are registered). */
  readonly phones?: () => PhoneSeam | undefined
}

export const accountUri = (ctx: RestContext): string =>
  `${ctx.baseUrl()}/restapi/v1.0/account/${ctx.engine.cast.accountId}`

export function extensionInfo(ctx: RestContext, e: CastExtension): Record<string, unknown> {
  const contact =
    e.firstName === undefined
      ? { company: 'Ringside Demo' }
      : { firstName: e.firstName, lastName: e.lastName, email: e.email, company: 'Ringside Demo' }
  return {
    uri: `${accountUri(ctx)}/extension/${e.id}`,
    id: Number(e.id),
    extensionNumber: e.extensionNumber,
    name: e.name,
    type: e.type,
    status: e.status,
    contact,
    hidden: false,
    account: { uri: accountUri(ctx), id: ctx.engine.cast.accountId },
    ...(e.phoneNumber === undefined
      ? {}
      : { phoneNumbers: [{ phoneNumber: e.phoneNumber, usageType: 'DirectNumber' }] })
  }
}

export function deviceInfo(
  ctx: RestContext,
  d: Device,
  owner: CastExtension
): Record<string, unknown> {
  return {
    uri: `${accountUri(ctx)}/device/${d.id}`,
    id: d.id,
    type: d.type,
    name: d.name,
    status: d.status,
    extension: {
      uri: `${accountUri(ctx)}/extension/${owner.id}`,
      id: Number(owner.id),
      extensionNumber: owner.extensionNumber
    }
  }
}

/**
 * `PresenceInfoResponse`: no `sequence` (the spec has none, docs/platform.md#presence-sequence);
 * Department, Park Location and other non-user extensions report only `presenceStatus: Offline`
 * (docs/platform.md#presence-over-rest), so REST cannot show calls parked at a park location.
 */
export function presenceInfo(
  ctx: RestContext,
  ext: CastExtension,
  snapshot: PresenceSnapshot | undefined,
  detail: PresenceDetail
): Record<string, unknown> {
  const head = {
    uri: `${accountUri(ctx)}/extension/${ext.id}/presence`,
    extension: {
      uri: `${accountUri(ctx)}/extension/${ext.id}`,
      id: Number(ext.id),
      extensionNumber: ext.extensionNumber
    }
  }
  if (snapshot === undefined || ext.type !== 'User') return { ...head, presenceStatus: 'Offline' }
  // REST shows the calls as they are; the once-only "ended" entries belong to events.
  const body = presenceBody(
    ctx.engine,
    { ...snapshot, endedCalls: [], telephonyChanged: true },
    detail
  ) as Record<string, unknown>
  const { extensionId: _id, sequence: _sequence, ...rest } = body
  return {
    ...head,
    ...rest,
    ...(detail === 'plain' ? { totalActiveCalls: snapshot.calls.length } : {})
  }
}

/**
 * `detailedTelephonyState` / `sipData` query flags → detail level (sipData implies detailed,
 * docs/platform.md#presence-filters).
 */
export function detailOf(query: URLSearchParams): PresenceDetail {
  if (query.get('sipData') === 'true') return 'detailed-sip'
  return query.get('detailedTelephonyState') === 'true' ? 'detailed' : 'plain'
}

/**
 * `CallParty` (docs/platform.md#call-control-endpoints): the party as events show it, with the real
 * extras `owner` and `attributes` (`{}` unless a queue delivered the call).
 */
export function callParty(ctx: RestContext, p: Party): Record<string, unknown> {
  const accountId = ctx.engine.cast.accountId
  return {
    ...partyCommon(accountId, p),
    attributes: p.queueCall ? { queueCall: true } : {},
    ...(p.extensionId === undefined ? {} : { owner: { accountId, extensionId: p.extensionId } })
  }
}

/** `CallSessionObject` (docs/platform.md#call-control-endpoints). */
export function callSession(
  ctx: RestContext,
  telephonySessionId: string
): Record<string, unknown> | undefined {
  const s = ctx.engine.session(telephonySessionId)
  if (s === undefined) return undefined
  return {
    id: s.telephonySessionId,
    origin: { type: 'Call' },
    creationTime: iso(s.creationTime),
    parties: ctx.engine.parties(telephonySessionId).map((p) => callParty(ctx, p))
  }
}

/** Engine refusal → the platform's error shapes (docs/platform.md#error-bodies). */
export function toHttpError(e: EngineError): HttpError {
  switch (e.status) {
    case 404:
      return apiErrors.notFound(e.parameter ?? 'id', e.value)
    case 400:
      return apiError(400, 'InvalidParameter', {
        errorCode: 'CMN-101',
        message: e.message,
        ...(e.parameter === undefined ? {} : { parameterName: e.parameter })
      })
    case 403:
      return apiErrors.otherExtension()
    case 409:
      return apiErrors.conflict(e.code as `TAS-${string}`, e.message)
  }
}
