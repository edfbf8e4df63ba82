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
  created,
  decodeBody,
  noContent,
  ok,
  type ApiRequest,
  type ApiResponse,
  type Router
} from '../platform'
import { assertMayControl, assertMayPark } from './ownership'
import { CALL_CONTROL, exactlyOne, PARTY, partyRoute, personTarget, SESSION } from './party-route'
import { callParty, callSession, type RestContext } from './shapes'

const DeviceBody = t.type({ deviceId: t.string })
const TransferBody = t.partial({
  phoneNumber: t.string,
  extensionNumber: t.string,
  extensionId: t.string,
  voicemail: t.string,
  parkOrbit: t.string
})
const TRANSFER_FIELDS = [
  'phoneNumber',
  'extensionNumber',
  'extensionId',
  'voicemail',
  'parkOrbit'
] as const

export function registerTelephonyRoutes(router: Router, ctx: RestContext): void {
  const { engine } = ctx
  const opts = CALL_CONTROL
  const route = partyRoute(ctx)
  const { sessionOf, partyOf, ownParty, outcome } = route
  const done = (out: Outcome<Party>, status: 200 | 201 = 200): ApiResponse => {
    const party = callParty(ctx, outcome(out))
    return status === 201 ? created(party) : ok(party)
  }
  const ownDevice = (req: ApiRequest): string => route.ownDevice(req, DeviceBody)

  router.route('GET', SESSION, opts, (req) => ok(callSession(ctx, sessionOf(req))))
  router.route('DELETE', SESSION, opts, (req) => {
    outcome(engine.endSession(sessionOf(req)))
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
    outcome(engine.drop(controlled(req).id))
    return noContent()
  })

  router.route('POST', `${PARTY}/answer`, opts, async (req) => {
    const party = ownParty(req)
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
  const [key, value] = exactlyOne(body, TRANSFER_FIELDS, 'transfer')
  switch (key) {
    case 'voicemail':
      return { kind: 'voicemail', extensionId: value }
    case 'parkOrbit':
      return { kind: 'park', orbit: value }
    default:
      return personTarget(ctx, key, value)
  }
}
