/** Call control: devices, pickup, answer, hold/unhold, the SIP pickup plan, typed results. */
export { CallParty, CallSession, type Decoded } from './codecs'
export {
  chooseDevice,
  createDeviceDirectory,
  decodeDeviceList,
  DEVICE_LIST_PATH,
  type AgentDevice,
  type DeviceChoice,
  type DeviceDirectory,
  type DeviceDirectoryOptions,
  type DeviceListing,
  type DeviceSource,
  THIS_COMPUTER,
  type ThisComputer
} from './devices'
export type { CallControlError, CallErrorCode, CallResult } from './result'
export {
  createCallControl,
  type CallControl,
  type CallControlOptions,
  type PhoneRegistered
} from './service'
export type {
  CallAction,
  CallLookup,
  CallSituation,
  CallSituationKind,
  SipDialogTags
} from './situation'
