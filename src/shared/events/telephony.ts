/**
 * Account telephony session bodies (docs/platform.md#account-telephony-sessions-event), with the
 * fields real payloads carry beyond the docs (docs/platform.md#telephony-sessions,
 * docs/platform.md#real-payloads): `deviceId` in from/to, body-level `accountId`/`extensionId`,
 * `uiCallInfo`, `rcc`, `park: {}`. Account-level subscriptions deliver ONE party per notification, so a
 * body is a partial view of its session; merging happens in the reducer, not here.
 */
import * as t from 'io-ts'
import { arrayOf, Bool, Id, Int, Str, struct, Timestamp } from './codec-kit'
import { compile } from './compile'
import { ConferenceRole, Direction, OriginType, RingRole, StatusCode, StatusReason } from './enums'
import { BAIL as BAIL_IMPORT, leafShape, withShape } from './fast'
import { CallInfo } from './presence'
/** Local bindings: an imported binding can compile to a getter call per use, felt in hot loops. */
const BAIL = BAIL_IMPORT

/** Caller or callee. External parties have no `extensionId`, and names are often absent. */
export const PartyInfo = struct(
  'PartyInfo',
  {},
  { phoneNumber: Str, name: Str, extensionId: Id, deviceId: Id }
)
export type PartyInfo = t.TypeOf<typeof PartyInfo>

/** The linked session of a `Gone` party: where the call went (transfer, pickup from park). */
export const PeerId = struct(
  'PeerId',
  {},
  { sessionId: Str, telephonySessionId: Str, partyId: Str }
)
export type PeerId = t.TypeOf<typeof PeerId>

/**
 * The docs call `ccMailboxes` a string, the spec a list of extension ids. Both are accepted and the
 * value is normalised to a list, so a consumer has one shape to handle.
 */
const IdList = arrayOf(Id)
const splitMailboxes = (u: string): string[] => (u === '' ? [] : u.split(/\s*,\s*/))
const idListCheck = compile(IdList)?.check
export const MailboxList = withShape(
  new t.Type<string[], string[], unknown>(
    'extension id list (string or array)',
    (u): u is string[] => Array.isArray(u) && u.every((x) => typeof x === 'string'),
    (u, c) => (typeof u === 'string' ? t.success(splitMailboxes(u)) : IdList.validate(u, c)),
    t.identity
  ),
  // Without a compiled id list the check bails, and io-ts decodes the whole body.
  leafShape((u) => (typeof u === 'string' ? splitMailboxes(u) : (idListCheck?.(u) ?? BAIL)))
)

/**
 * Set when the user answers through the desktop or mobile app (Mobile Pickup Data,
 * docs/platform.md#account-telephony-sessions-event).
 */
export const MobilePickupData = struct(
  'MobilePickupData',
  {},
  // The spec spells it `srvlvl`, real JSON `srvLvl`; both are typed so neither is lost.
  { ccMailboxes: MailboxList, to: Str, sid: Str, srvLvl: Str, srvlvl: Str, srvLvlExt: Str }
)
export type MobilePickupData = t.TypeOf<typeof MobilePickupData>

export const PartyStatus = struct(
  'PartyStatus',
  { code: StatusCode },
  {
    reason: StatusReason,
    description: Str,
    parkData: Str,
    peerId: PeerId,
    mobilePickupData: MobilePickupData,
    rcc: Bool
  }
)
export type PartyStatus = t.TypeOf<typeof PartyStatus>

/** SIP identity of a party's leg; only present under a `sipData=true` filter. */
export const PartySipData = struct('PartySipData', { callId: Str, toTag: Str, fromTag: Str })
export type PartySipData = t.TypeOf<typeof PartySipData>

export const Recording = struct('Recording', { id: Str }, { active: Bool })
export type Recording = t.TypeOf<typeof Recording>

/** Real events carry `park: {}` on nearly every party; `id` appears once the call is parked. */
export const Park = struct('Park', {}, { id: Str })
export type Park = t.TypeOf<typeof Park>

/**
 * The optional fields a party carries both in a telephony session event and in a call-control REST
 * answer (`CallParty`, src/main/core/calls/codecs.ts). Both read them from this one list, so a party
 * has the same shape whichever way it arrived.
 */
export const PARTY_FIELDS = {
  accountId: Id,
  extensionId: Id,
  direction: Direction,
  to: PartyInfo,
  from: PartyInfo,
  missedCall: Bool,
  standAlone: Bool,
  muted: Bool,
  recordings: arrayOf(Recording),
  park: Park
}

export const Party = struct(
  'Party',
  { id: Str, status: PartyStatus },
  {
    ...PARTY_FIELDS,
    queueCall: Bool,
    conferenceRole: ConferenceRole,
    ringOutRole: RingRole,
    ringMeRole: RingRole,
    sipData: PartySipData,
    uiCallInfo: CallInfo
  }
)
export type Party = t.TypeOf<typeof Party>

export const Origin = struct('Origin', { type: OriginType })
export type Origin = t.TypeOf<typeof Origin>

export const TelephonySessionBody = struct(
  'TelephonySessionBody',
  { telephonySessionId: Str, sequence: Int, parties: arrayOf(Party) },
  {
    sessionId: Id,
    serverId: Str,
    eventTime: Timestamp,
    origin: Origin,
    accountId: Id,
    extensionId: Id
  }
)
export type TelephonySessionBody = t.TypeOf<typeof TelephonySessionBody>
