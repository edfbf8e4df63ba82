/**
 * Presence bodies: extension presence, detailed presence without SIP, detailed presence with SIP
 * and account presence (docs/platform.md#event-documents). Field lists follow the event documents
 * and the current spec (docs/platform.md#presence-bodies). Only `extensionId` is required: the docs
 * say most fields are "returned if changed", so a partial body is normal and must not be an error.
 */
import type * as t from 'io-ts'
import { arrayOf, Bool, Id, Int, Str, struct, Timestamp } from './codec-kit'
import {
  CallInfoType,
  CxTelephonyStatus,
  Direction,
  DndStatus,
  DndStatusPersonal,
  LineStatus,
  MeetingStatus,
  PresenceStatus,
  TelephonyStatus,
  TerminationType
} from './enums'

/** Fields every presence body can carry, detailed or not. */
const presenceFields = {
  telephonyStatus: TelephonyStatus,
  aggregatedTelephonyStatus: TelephonyStatus,
  sequence: Int,
  presenceStatus: PresenceStatus,
  userStatus: PresenceStatus,
  dndStatus: DndStatus,
  dndStatusPersonal: DndStatusPersonal,
  meetingStatus: MeetingStatus,
  allowSeeMyPresence: Bool,
  acceptCallQueueCalls: Bool,
  ringOnMonitoredCall: Bool,
  pickUpCallsOnHold: Bool,
  cxTelephonyStatus: CxTelephonyStatus,
  ownerId: Id,
  message: Str
}

export const ExtensionPresenceBody = struct(
  'ExtensionPresenceBody',
  { extensionId: Id },
  presenceFields
)
export type ExtensionPresenceBody = t.TypeOf<typeof ExtensionPresenceBody>

/**
 * Account presence delivers the same body per extension (docs/platform.md#account-presence-event).
 */
export const AccountPresenceBody = struct(
  'AccountPresenceBody',
  { extensionId: Id },
  presenceFields
)
export type AccountPresenceBody = t.TypeOf<typeof AccountPresenceBody>

/** Queue name, caller id and similar labels the platform attaches to a call. */
export const CallInfoItem = struct('CallInfoItem', {}, { type: CallInfoType, value: Str })
export type CallInfoItem = t.TypeOf<typeof CallInfoItem>
/**
 * `additional` is one item, not a list, in the spec's CallInfoCQ (docs/platform.md#active-calls).
 */
export const CallInfo = struct('CallInfo', {}, { primary: CallInfoItem, additional: CallInfoItem })
export type CallInfo = t.TypeOf<typeof CallInfo>

export const AppearanceInfo = struct(
  'AppearanceInfo',
  {},
  { phoneNumber: Str, appearanceNumber: Int, lineStatus: LineStatus }
)
export type AppearanceInfo = t.TypeOf<typeof AppearanceInfo>

const activeCallFields = {
  direction: Direction,
  queueCall: Bool,
  from: Str,
  fromName: Str,
  to: Str,
  toName: Str,
  startTime: Timestamp,
  telephonyStatus: TelephonyStatus,
  terminationType: TerminationType,
  sessionId: Id,
  telephonySessionId: Str,
  partyId: Str,
  callInfo: CallInfo,
  appearanceInfo: AppearanceInfo
}

/** One entry of `activeCalls` when the filter did not ask for SIP data. */
export const ActiveCall = struct('ActiveCall', { id: Str }, activeCallFields)
export type ActiveCall = t.TypeOf<typeof ActiveCall>

/**
 * The SIP dialog identity of a call leg as presence reports it. The tags are what a softphone needs to
 * build `Replaces` for a pickup, so they are required; the URIs are often placeholders in real data.
 */
export const PresenceSipData = struct(
  'PresenceSipData',
  { toTag: Str, fromTag: Str },
  { remoteUri: Str, localUri: Str, callId: Str, rcSessionId: Str }
)
export type PresenceSipData = t.TypeOf<typeof PresenceSipData>

/**
 * One entry of `activeCalls` under a `sipData=true` filter (Active Call Info,
 * docs/platform.md#detailed-presence-with-sip-event).
 */
export const ActiveCallSip = struct(
  'ActiveCallSip',
  { id: Str },
  { ...activeCallFields, sipData: PresenceSipData, onBehalfOf: Id }
)
export type ActiveCallSip = t.TypeOf<typeof ActiveCallSip>

const detailedFields = {
  ...presenceFields,
  totalActiveCalls: Int,
  appearances: arrayOf(AppearanceInfo)
}

export const DetailedPresenceBody = struct(
  'DetailedPresenceBody',
  { extensionId: Id },
  { ...detailedFields, activeCalls: arrayOf(ActiveCall) }
)
export type DetailedPresenceBody = t.TypeOf<typeof DetailedPresenceBody>

export const DetailedPresenceSipBody = struct(
  'DetailedPresenceSipBody',
  { extensionId: Id },
  { ...detailedFields, activeCalls: arrayOf(ActiveCallSip) }
)
export type DetailedPresenceSipBody = t.TypeOf<typeof DetailedPresenceSipBody>
