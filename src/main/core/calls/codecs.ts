/**
 * io-ts codecs for the call-control REST responses Ringside reads
 * (docs/platform.md#call-control-endpoints, docs/platform.md#error-bodies). They follow the
 * codec-kit policy of the event codecs: unknown fields are kept, ids arrive as numbers or strings
 * and leave as strings, unknown enum members are kept as `{ unknown }` rather than failing the
 * body. The party's shared fields (`PARTY_FIELDS`) and sub-codecs (PartyStatus, …) come from
 * `src/shared/events`, so a party read over REST has the same shape as one read from a telephony
 * notification. The error body any request may carry belongs to the REST client
 * (`../rest/failure.ts`).
 */
import * as t from 'io-ts'
import {
  arrayOf,
  Bool,
  enumOf,
  Id,
  issueText,
  Origin,
  PARTY_FIELDS,
  PartyStatus,
  reportErrors,
  runDecode,
  Str,
  struct,
  Timestamp
} from '../../../shared/events'

/** `attributes` is `{}` on most real parties; `queueCall` marks a queue delivery. */
export const CallPartyAttributes = struct(
  'CallPartyAttributes',
  {},
  { queueCall: Bool, emergencyCallback: Bool }
)

/** Deprecated by RingCentral but still present in real responses. */
export const CallPartyOwner = struct('CallPartyOwner', {}, { accountId: Id, extensionId: Id })

/**
 * `CallParty`: what answer, pickup, hold and unhold return. The fields it shares with a telephony
 * event's party come from `PARTY_FIELDS`; `owner` and `attributes` are the REST answer's own.
 */
export const CallParty = struct(
  'CallParty',
  { id: Id, status: PartyStatus },
  { ...PARTY_FIELDS, owner: CallPartyOwner, attributes: CallPartyAttributes }
)
export type CallParty = t.TypeOf<typeof CallParty>

/** `CallSessionObject` (`GET …/telephony/sessions/{id}`). */
export const CallSession = struct(
  'CallSession',
  { id: Id, parties: arrayOf(CallParty) },
  { origin: Origin, creationTime: Timestamp, voiceCallToken: Str }
)
export type CallSession = t.TypeOf<typeof CallSession>

/** Spec `DeviceInfo.type`; unknown future types are kept, not rejected. */
export const DeviceType = enumOf('DeviceType', {
  HardPhone: null,
  SoftPhone: null,
  OtherPhone: null,
  WebPhone: null,
  Paging: null,
  Room: null,
  WebRTC: null,
  BLA: null
})
export const DeviceStatus = enumOf('DeviceStatus', { Online: null, Offline: null })

/** One record of `GET …/extension/~/device`. */
export const DeviceRecord = struct(
  'DeviceRecord',
  { id: Id },
  {
    name: Str,
    type: DeviceType,
    status: DeviceStatus,
    extension: struct('DeviceExtension', {}, { id: Id, extensionNumber: Str })
  }
)
export type DeviceRecord = t.TypeOf<typeof DeviceRecord>

/**
 * The page around the records. Records stay `unknown` here and are decoded one by one, so one odd
 * device (a new kind of desk phone) does not hide the agent's other phones.
 */
export const DeviceListPage = struct('DeviceList', { records: t.UnknownArray })

export type Decoded<A> =
  { readonly ok: true; readonly value: A } | { readonly ok: false; readonly issues: string }

/** Decodes with the codec-kit fast path; failures come back as one `path: problem` line each. */
export function decodeWith<A>(codec: t.Decoder<unknown, A>, u: unknown): Decoded<A> {
  const r = runDecode(codec, u)
  if (r.value !== undefined) return { ok: true, value: r.value }
  return { ok: false, issues: reportErrors(r.errors).map(issueText).join('; ') }
}
