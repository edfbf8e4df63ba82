/**
 * Enumerations of the event payloads. Members follow the current OpenAPI spec plus what real
 * payloads showed (docs/platform.md#documents-specification-and-platform-disagree): `Tds`,
 * `CallPark`, `CallSwitch` and dnd `Unknown` are real even though the event documents predate them.
 * Anything else decodes as `{ unknown }` with a warning.
 */
import type * as t from 'io-ts'
import { enumOf } from './codec-kit'

export const TelephonyStatus = enumOf('TelephonyStatus', {
  NoCall: null,
  CallConnected: null,
  Ringing: null,
  OnHold: null,
  ParkedCall: null
})
export type TelephonyStatus = t.TypeOf<typeof TelephonyStatus>

export const PresenceStatus = enumOf('PresenceStatus', {
  Offline: null,
  Busy: null,
  Available: null
})
export type PresenceStatus = t.TypeOf<typeof PresenceStatus>

export const DndStatus = enumOf('DndStatus', {
  TakeAllCalls: null,
  DoNotAcceptDepartmentCalls: null,
  TakeDepartmentCallsOnly: null,
  DoNotAcceptAnyCalls: null,
  Unknown: null
})
export type DndStatus = t.TypeOf<typeof DndStatus>

export const DndStatusPersonal = enumOf('DndStatusPersonal', {
  TakeAllCalls: null,
  DoNotAcceptAnyCalls: null,
  Unknown: null
})
export type DndStatusPersonal = t.TypeOf<typeof DndStatusPersonal>

export const MeetingStatus = enumOf('MeetingStatus', { Connected: null, Disconnected: null })
export type MeetingStatus = t.TypeOf<typeof MeetingStatus>

export const CxTelephonyStatus = enumOf('CxTelephonyStatus', { NoCall: null, CallConnected: null })
export type CxTelephonyStatus = t.TypeOf<typeof CxTelephonyStatus>

export const Direction = enumOf('Direction', { Inbound: null, Outbound: null })
export type Direction = t.TypeOf<typeof Direction>

export const TerminationType = enumOf('TerminationType', { final: null, intermediate: null })
export type TerminationType = t.TypeOf<typeof TerminationType>

export const CallInfoType = enumOf('CallInfoType', {
  PhoneNumberLabel: null,
  PhoneNumber: null,
  QueueExtension: null,
  QueueName: null,
  CallerIdName: null,
  CallerIdNumber: null,
  None: null
})
export type CallInfoType = t.TypeOf<typeof CallInfoType>

export const LineStatus = enumOf('LineStatus', { Seized: null, Released: null })
export type LineStatus = t.TypeOf<typeof LineStatus>

/** Party status codes. `Tds` is in the current spec but not in the docs. */
export const StatusCode = enumOf('StatusCode', {
  Setup: null,
  Proceeding: null,
  Answered: null,
  Disconnected: null,
  Gone: null,
  Parked: null,
  Hold: null,
  VoiceMail: null,
  FaxReceive: null,
  Tds: null,
  VoiceMailScreening: null
})
export type StatusCode = t.TypeOf<typeof StatusCode>

/** Status reasons. `CallPark` and `CallSwitch` are real but missing from the docs list. */
export const StatusReason = enumOf('StatusReason', {
  Pickup: null,
  Supervising: null,
  TakeOver: null,
  Timeout: null,
  BlindTransfer: null,
  RccTransfer: null,
  AttendedTransfer: null,
  CallerInputRedirect: null,
  CallFlip: null,
  ParkLocation: null,
  DtmfTransfer: null,
  AgentAnswered: null,
  AgentDropped: null,
  Rejected: null,
  Cancelled: null,
  InternalError: null,
  NoAnswer: null,
  TargetBusy: null,
  InvalidNumber: null,
  InternationalDisabled: null,
  DestinationBlocked: null,
  NotEnoughFunds: null,
  NoSuchUser: null,
  CallPark: null,
  CallRedirected: null,
  CallReplied: null,
  CallSwitch: null,
  CallFinished: null,
  CallDropped: null,
  Voicemail: null
})
export type StatusReason = t.TypeOf<typeof StatusReason>

export const OriginType = enumOf('OriginType', {
  Call: null,
  RingOut: null,
  RingMe: null,
  Conference: null,
  GreetingsRecording: null,
  VerificationCall: null,
  Zoom: null,
  CallOut: null,
  TestCall: null
})
export type OriginType = t.TypeOf<typeof OriginType>

export const ConferenceRole = enumOf('ConferenceRole', { Host: null, Participant: null })
export type ConferenceRole = t.TypeOf<typeof ConferenceRole>

export const RingRole = enumOf('RingRole', { Initiator: null, Target: null })
export type RingRole = t.TypeOf<typeof RingRole>
