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
import { apiErrors, decodeBody, noContent, ok, type ApiResponse, type Router } from '../platform'
import { CALL_CONTROL, exactlyOne, PARTY, partyRoute, personTarget } from './party-route'
import { callParty, type RestContext } from './shapes'

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
const FORWARD_FIELDS = ['phoneNumber', 'extensionNumber', 'extensionId', 'voicemail'] as const
const DeviceBody = t.type({ deviceId: Bounded })
const FlipBody = t.type({ callFlipId: Bounded })
const BridgeBody = t.type({ telephonySessionId: Bounded, partyId: Bounded })

export function registerPartyActionRoutes(router: Router, ctx: RestContext): void {
  const { engine } = ctx
  const opts = CALL_CONTROL
  const { ownParty, ownDevice, outcome: done } = partyRoute(ctx)

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
    ownDevice(req, DeviceBody)
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

/** Exactly one of phoneNumber, extensionNumber, extensionId, voicemail (ForwardTarget). */
function forwardTarget(ctx: RestContext, raw: unknown): Exclude<TransferTarget, { kind: 'park' }> {
  const body = decodeBody(ForwardBody, raw ?? {}, 'forward')
  const [key, value] = exactlyOne(body, FORWARD_FIELDS, 'forward')
  if (key !== 'voicemail') return personTarget(ctx, key, value)
  // The mailbox is named by extension number or id, as for a transfer.
  const ext = ctx.engine.cast.byNumber(value) ?? ctx.engine.cast.findExtension(value)
  if (ext === undefined) throw apiErrors.notFound('voicemail', value)
  return { kind: 'voicemail', extensionId: ext.id }
}
