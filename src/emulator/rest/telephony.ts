/**
 * Call Control REST (docs/platform.md#call-control-endpoints). Every action goes through the
 * engine, so it emits exactly the events the director's traffic would. Wrong state → 409 (TAS-102)
 * with a message a person can act on; unknown session or party → 404 CMN-102; missing CallControl →
 * 403 (the platform).
 */
import * as t from 'io-ts'
import type { TransferTarget } from '../callcentre/flows-transfer'
import type { Outcome, Party } from '../callcentre/model'
import {
  apiError,
  apiErrors,
  created,
  decodeBody,
  noContent,
  ok,
  type ApiRequest,
  type ApiResponse,
  type Router
} from '../platform'
import { assertMayControl, assertMayPark } from './ownership'
import { callParty, callSession, toHttpError, type RestContext } from './shapes'

const DeviceBody = t.type({ deviceId: t.string })
const TransferBody = t.partial({
  phoneNumber: t.string,
  extensionNumber: t.string,
  extensionId: t.string,
  voicemail: t.string,
  parkOrbit: t.string
})

const SESSION = '/restapi/v1.0/account/:accountId/telephony/sessions/:telephonySessionId'
const PARTY = `${SESSION}/parties/:partyId`

export function registerTelephonyRoutes(router: Router, ctx: RestContext): void {
  const { engine } = ctx
  const opts = { group: 'light', permission: 'CallControl' } as const

  const sessionOf = (req: ApiRequest): string => {
    const sid = req.params['telephonySessionId'] ?? ''
    if (engine.session(sid) === undefined) throw apiErrors.notFound('telephonySessionId', sid)
    return sid
  }
  const partyOf = (req: ApiRequest): Party => {
    const sid = sessionOf(req)
    const pid = req.params['partyId'] ?? ''
    const party = engine.party(pid)
    if (party === undefined || party.telephonySessionId !== sid)
      throw apiErrors.notFound('partyId', pid)
    return party
  }
  const done = (out: Outcome<Party>, status: 200 | 201 = 200): ApiResponse => {
    if (!out.ok) throw toHttpError(out.error)
    return status === 201 ? created(callParty(ctx, out.value)) : ok(callParty(ctx, out.value))
  }
  /** The device must be one of the caller's own (docs/platform.md#devices). */
  const ownDevice = (req: ApiRequest): string => {
    const { deviceId } = decodeBody(DeviceBody, req.body ?? {}, 'deviceId')
    if (engine.cast.findDevice(deviceId)?.extensionId !== req.auth.extensionId) {
      throw apiErrors.invalidParameter(
        'deviceId',
        `device ${deviceId} is not registered to extension ${req.auth.extensionId}`
      )
    }
    return deviceId
  }

  router.route('GET', SESSION, opts, (req) => ok(callSession(ctx, sessionOf(req))))
  router.route('DELETE', SESSION, opts, (req) => {
    const out = engine.endSession(sessionOf(req))
    if (!out.ok) throw toHttpError(out.error)
    return noContent()
  })
  router.route('GET', PARTY, opts, (req) => ok(callParty(ctx, partyOf(req))))
  /** The party of the path, refused unless the caller may control it (ownership.ts). */
  const controlled = (req: ApiRequest): Party => {
    const party = partyOf(req)
    assertMayControl(ctx, req, party)
    return party
  }
  router.route('DELETE', PARTY, opts, (req) => {
    const out = engine.drop(controlled(req).id)
    if (!out.ok) throw toHttpError(out.error)
    return noContent()
  })

  router.route('POST', `${PARTY}/answer`, opts, async (req) => {
    const party = partyOf(req)
    if (party.extensionId !== req.auth.extensionId) throw apiErrors.otherExtension()
    const deviceId = ownDevice(req)
    // A ringing leg answered to a registered phone stays ringing until that phone answers.
    const onPhone =
      party.status.code === 'Proceeding'
        ? ctx.phones?.()?.answerOnPhone(party.id, deviceId)
        : undefined
    return done(onPhone === undefined ? engine.answer(party.id, deviceId) : await onPhone)
  })
  // "picks up a call parked to the specified Park Location group": parked calls only, 201.
  router.route('POST', `${PARTY}/pickup`, opts, async (req) => {
    const party = partyOf(req)
    const deviceId = ownDevice(req)
    // To a registered phone: the new leg rings it, and the call moves once it answers.
    const onPhone =
      party.status.code === 'Parked'
        ? ctx.phones?.()?.pickupOnPhone(party.id, req.auth.extensionId, deviceId)
        : undefined
    const out =
      onPhone === undefined
        ? engine.pickup(party.id, req.auth.extensionId, deviceId)
        : await onPhone
    return done(out, 201)
  })
  router.route('POST', `${PARTY}/hold`, opts, (req) => done(engine.hold(controlled(req).id)))
  router.route('POST', `${PARTY}/unhold`, opts, (req) => done(engine.unhold(controlled(req).id)))
  router.route('POST', `${PARTY}/park`, opts, (req) => {
    const party = partyOf(req)
    assertMayPark(ctx, req, party)
    return done(engine.park(party.id), 201)
  })
  router.route('POST', `${PARTY}/transfer`, opts, (req) => {
    const party = controlled(req)
    return done(engine.transfer(party.id, transferTarget(ctx, req.body)))
  })
}

/**
 * Exactly one of phoneNumber, extensionNumber, extensionId, voicemail, parkOrbit
 * (docs/platform.md#call-control-endpoints).
 */
function transferTarget(ctx: RestContext, raw: unknown): TransferTarget {
  const body = decodeBody(TransferBody, raw ?? {}, 'transfer')
  const given = Object.entries(body).filter(([, v]) => v !== undefined)
  if (given.length !== 1) {
    throw apiError(400, 'InvalidParameter', {
      errorCode: 'CMN-101',
      message:
        'Exactly one of [phoneNumber, extensionNumber, extensionId, voicemail, parkOrbit] is required',
      parameterName: 'transfer'
    })
  }
  const [key, value] = given[0] as [keyof typeof body, string]
  switch (key) {
    case 'phoneNumber':
      if (!/^\+\d{8,15}$/.test(value))
        throw apiErrors.invalidParameter('phoneNumber', 'expected E.164')
      return { kind: 'phone', phoneNumber: value }
    case 'extensionNumber': {
      const ext = ctx.engine.cast.byNumber(value)
      if (ext === undefined) throw apiErrors.notFound('extensionNumber', value)
      return { kind: 'extension', extensionId: ext.id }
    }
    case 'extensionId':
      return { kind: 'extension', extensionId: value }
    case 'voicemail':
      return { kind: 'voicemail', extensionId: value }
    case 'parkOrbit':
      return { kind: 'park', orbit: value }
  }
}
