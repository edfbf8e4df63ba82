/**
 * What every Call Control route of a session or a party does before and after the engine acts
 * (docs/platform.md#call-control-endpoints, docs/platform.md#party-actions): find the session and
 * the party of the path (404 CMN-102), check the device a body names is the caller's own, turn the
 * engine's outcome into the platform's error, and read a target that must be exactly one field.
 * telephony.ts and party-actions.ts share it, so the two route files cannot drift apart.
 */
import type * as t from 'io-ts'
import type { TransferTarget } from '../callcentre/flows-transfer'
import type { Outcome, Party } from '../callcentre/model'
import { apiError, apiErrors, decodeBody, type ApiRequest } from '../platform'
import { toHttpError, type RestContext } from './shapes'

export const SESSION = '/restapi/v1.0/account/:accountId/telephony/sessions/:telephonySessionId'
export const PARTY = `${SESSION}/parties/:partyId`
/** Call Control is a "Light" group API and needs the CallControl permission. */
export const CALL_CONTROL = { group: 'light', permission: 'CallControl' } as const

type DeviceCodec = t.Type<{ deviceId: string }, unknown, unknown>

export interface PartyRoute {
  /** The session of the path, or 404. */
  sessionOf(req: ApiRequest): string
  /** The party of the path in the session of the path, or 404. */
  partyOf(req: ApiRequest): Party
  /** The caller's own party of the path, or 404 / 403 CMN-404. */
  ownParty(req: ApiRequest): Party
  /** The engine's result, or the platform's error for its failure. */
  outcome<A>(out: Outcome<A>): A
  /** The body's `deviceId`, which must be one of the caller's own devices (docs/platform.md#devices). */
  ownDevice(req: ApiRequest, codec: DeviceCodec): string
}

export function partyRoute(ctx: RestContext): PartyRoute {
  const { engine } = ctx
  const sessionOf = (req: ApiRequest): string => {
    const sid = req.params['telephonySessionId'] ?? ''
    if (engine.session(sid) === undefined) throw apiErrors.notFound('telephonySessionId', sid)
    return sid
  }
  const partyOf = (req: ApiRequest): Party => {
    const sid = sessionOf(req)
    const pid = req.params['partyId'] ?? ''
    const party = engine.party(pid)
    if (party === undefined || party.telephonySessionId !== sid) {
      throw apiErrors.notFound('partyId', pid)
    }
    return party
  }
  return {
    sessionOf,
    partyOf,
    ownParty: (req) => {
      const party = partyOf(req)
      if (party.extensionId !== req.auth.extensionId) throw apiErrors.otherExtension()
      return party
    },
    outcome: <A>(out: Outcome<A>): A => {
      if (!out.ok) throw toHttpError(out.error)
      return out.value
    },
    ownDevice: (req, codec) => {
      const { deviceId } = decodeBody(codec, req.body ?? {}, 'deviceId')
      if (engine.cast.findDevice(deviceId)?.extensionId !== req.auth.extensionId) {
        throw apiErrors.invalidParameter(
          'deviceId',
          `device ${deviceId} is not registered to extension ${req.auth.extensionId}`
        )
      }
      return deviceId
    }
  }
}

/**
 * The one field a transfer or forward body gives, of `fields` (400 CMN-101 for none, several, or
 * one the endpoint does not know, with the platform's message naming the fields).
 */
export function exactlyOne<K extends string>(
  body: object,
  fields: readonly K[],
  parameterName: string
): readonly [K, string] {
  const given = Object.entries(body).filter(([, v]) => v !== undefined)
  const [key, value] = given[0] ?? []
  const known = (k: unknown): k is K => fields.some((f) => f === k)
  if (given.length !== 1 || !known(key) || typeof value !== 'string') {
    throw apiError(400, 'InvalidParameter', {
      errorCode: 'CMN-101',
      message: `Exactly one of [${fields.join(', ')}] is required`,
      parameterName
    })
  }
  return [key, value]
}

/** A target by phone number (E.164), extension number or extension id, as both bodies take it. */
export function personTarget(
  ctx: RestContext,
  key: 'phoneNumber' | 'extensionNumber' | 'extensionId',
  value: string
): Extract<TransferTarget, { kind: 'phone' | 'extension' }> {
  switch (key) {
    case 'phoneNumber':
      if (!/^\+\d{8,15}$/.test(value)) {
        throw apiErrors.invalidParameter('phoneNumber', 'expected E.164')
      }
      return { kind: 'phone', phoneNumber: value }
    case 'extensionNumber': {
      const ext = ctx.engine.cast.byNumber(value)
      if (ext === undefined) throw apiErrors.notFound('extensionNumber', value)
      return { kind: 'extension', extensionId: ext.id }
    }
    case 'extensionId':
      return { kind: 'extension', extensionId: value }
  }
}
