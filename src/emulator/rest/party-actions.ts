/**
 * The party endpoints beyond hold, park and transfer (docs/platform.md#party-actions), each with
 * the specification's request and answer shapes and errors:
 * - `PATCH …/parties/{p}` `{muted, standAlone}` (flat, as the docs and clients send it, or wrapped
 *   in `party` as the specification's PartyUpdateRequest) → 200 `CallParty`;
 * - `POST …/forward` exactly one of `phoneNumber`, `extensionNumber`, `extensionId`, `voicemail`
 *   → 200 `ForwardCallPartyResponse` (the leg that now rings);
 * - `POST …/reject` → 204; `POST …/ignore` `{deviceId}` (queue calls) → 204;
 * - `POST …/flip` `{callFlipId}` → 200 without a body;
 * - `POST …/bridge` `{telephonySessionId, partyId}` → 200 `CallParty` (the leg in that session).
 * The user acts on their own legs only (403 CMN-404 otherwise); a wrong state is 409 TAS-102.
 */
import * as t from 'io-ts'
import type { TransferTarget } from '../callcentre/flows-transfer'
import type { Outcome, Party } from '../callcentre/model'
import {
  apiError,
  apiErrors,
  decodeBody,
  noContent,
  ok,
  type ApiRequest,
  type ApiResponse,
  type Router
} from '../platform'
import { callParty, toHttpError, type RestContext } from './shapes'

const PARTY =
  '/restapi/v1.0/account/:accountId/telephony/sessions/:telephonySessionId/parties/:partyId'

/** Longest id or number accepted in a body; real ones are well under it. */
const MAX = 128
const Bounded = t.refinement(t.string, (s) => s.length > 0 && s.length <= MAX, 'a non-empty string')
const Update = t.exact(t.partial({ muted: t.boolean, standAlone: t.boolean }))
const UpdateBody = t.union([t.exact(t.type({ party: Update })), Update])
const ForwardBody = t.exact(
  t.partial({
    phoneNumber: Bounded,
    extensionNumber: Bounded,
    extensionId: Bounded,
    voicemail: Bounded
  })
)
const DeviceBody = t.type({ deviceId: Bounded })
const FlipBody = t.type({ callFlipId: Bounded })
const BridgeBody = t.type({ telephonySessionId: Bounded, partyId: Bounded })

export function registerPartyActionRoutes(router: Router, ctx: RestContext): void {
  const { engine } = ctx
  const opts = { group: 'light', permission: 'CallControl' } as const

  /** The caller's own party of this session, or the platform's 404 / 403. */
  const ownParty = (req: ApiRequest): Party => {
    const sid = req.params['telephonySessionId'] ?? ''
    if (engine.session(sid) === undefined) throw apiErrors.notFound('telephonySessionId', sid)
    const pid = req.params['partyId'] ?? ''
    const party = engine.party(pid)
    if (party === undefined || party.telephonySessionId !== sid) {
      throw apiErrors.notFound('partyId', pid)
    }
    if (party.extensionId !== req.auth.extensionId) throw apiErrors.otherExtension()
    return party
  }
  const done = (out: Outcome<Party>): Party => {
    if (!out.ok) throw toHttpError(out.error)
    return out.value
  }

  router.route('PATCH', PARTY, opts, (req) => {
    const party = ownParty(req)
    const raw = decodeBody(UpdateBody, req.body ?? {}, 'party')
    const patch = 'party' in raw ? raw.party : raw
    if (patch.muted === undefined && patch.standAlone === undefined) {
      throw apiErrors.invalidParameter('party', 'give muted or standAlone')
    }
    return ok(callParty(ctx, done(engine.updateParty(party.id, patch))))
  })
  router.route('POST', `${PARTY}/forward`, opts, (req) => {
    const party = ownParty(req)
    const target = forwardTarget(ctx, req.body)
    return ok(callParty(ctx, done(engine.forward(party.id, target))))
  })
  router.route('POST', `${PARTY}/reject`, opts, (req) => {
    done(engine.reject(ownParty(req).id))
    return noContent()
  })
  router.route('POST', `${PARTY}/ignore`, opts, (req) => {
    const party = ownParty(req)
    ownDevice(ctx, req)
    done(engine.ignore(party.id))
    return noContent()
  })
  router.route('POST', `${PARTY}/flip`, opts, (req): ApiResponse => {
    const party = ownParty(req)
    const { callFlipId } = decodeBody(FlipBody, req.body ?? {}, 'callFlipId')
    done(engine.flip(party.id, callFlipId))
    return { status: 200 }
  })
  router.route('POST', `${PARTY}/bridge`, opts, (req) => {
    const party = ownParty(req)
    const target = decodeBody(BridgeBody, req.body ?? {}, 'bridge')
    return ok(callParty(ctx, done(engine.bridge(party.id, target))))
  })
}

/** The device must be one of the caller's own (docs/platform.md#devices). */
function ownDevice(ctx: RestContext, req: ApiRequest): string {
  const { deviceId } = decodeBody(DeviceBody, req.body ?? {}, 'deviceId')
  if (ctx.engine.cast.findDevice(deviceId)?.extensionId !== req.auth.extensionId) {
    throw apiErrors.invalidParameter(
      'deviceId',
      `device ${deviceId} is not registered to extension ${req.auth.extensionId}`
    )
  }
  return deviceId
}

/** Exactly one of phoneNumber, extensionNumber, extensionId, voicemail (ForwardTarget). */
function forwardTarget(ctx: RestContext, raw: unknown): Exclude<TransferTarget, { kind: 'park' }> {
  const body = decodeBody(ForwardBody, raw ?? {}, 'forward')
  const given = Object.entries(body).filter(([, v]) => v !== undefined)
  if (given.length !== 1) {
    throw apiError(400, 'InvalidParameter', {
      errorCode: 'CMN-101',
      message: 'Exactly one of [phoneNumber, extensionNumber, extensionId, voicemail] is required',
      parameterName: 'forward'
    })
  }
  const [key, value] = given[0] as [keyof typeof body, string]
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
    case 'voicemail': {
      // The mailbox is named by extension number or id, as for a transfer.
      const ext = ctx.engine.cast.byNumber(value) ?? ctx.engine.cast.findExtension(value)
      if (ext === undefined) throw apiErrors.notFound('voicemail', value)
      return { kind: 'voicemail', extensionId: ext.id }
    }
  }
}
