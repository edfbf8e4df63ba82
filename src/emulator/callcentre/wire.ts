/**
 * Wire types of the bodies the emulator emits, derived from the shared codecs so the compiler
 * checks that the emulator speaks exactly the format the app decodes
 * (docs/architecture.md#where-the-event-codecs-live-and-why). `Known<T>` removes the decoder's
 * `{ unknown }` escape hatch from enum fields: the emulator must only ever send members the codecs
 * know, or the app would log a warning.
 */
import type {
  AccountPresenceBody,
  ActiveCall,
  ActiveCallSip,
  DetailedPresenceBody,
  DetailedPresenceSipBody,
  ExtensionPresenceBody,
  FavoritesBody,
  LineListBody,
  Party,
  PartyInfo,
  PartyStatus,
  PeerId,
  TelephonySessionBody,
  UnknownEnumValue
} from '../../shared/events'

export type Known<T> = T extends UnknownEnumValue
  ? never
  : T extends ReadonlyArray<infer U>
    ? Array<Known<U>>
    : T extends object
      ? { [K in keyof T]: Known<T[K]> }
      : T

export type WirePresence = Known<ExtensionPresenceBody>
export type WireAccountPresence = Known<AccountPresenceBody>
export type WireDetailedPresence = Known<DetailedPresenceBody>
export type WireDetailedPresenceSip = Known<DetailedPresenceSipBody>
export type WireActiveCall = Known<ActiveCall>
export type WireActiveCallSip = Known<ActiveCallSip>
export type WireTelephonyBody = Known<TelephonySessionBody>
export type WireParty = Known<Party>
export type WirePartyInfo = Known<PartyInfo>
export type WirePartyStatus = Known<PartyStatus>
export type WirePeerId = Known<PeerId>
export type WireLineList = Known<LineListBody>
export type WireFavorites = Known<FavoritesBody>

export type StatusCode = WirePartyStatus['code']
export type StatusReason = NonNullable<WirePartyStatus['reason']>
export type TelephonyStatus = NonNullable<WirePresence['telephonyStatus']>
export type UserStatus = NonNullable<WirePresence['userStatus']>
export type DndStatus = NonNullable<WirePresence['dndStatus']>
export type Direction = NonNullable<WireParty['direction']>

/** One notification before the gateway stamps uuid, timestamp, subscriptionId and ownerId. */
export interface Delivery {
  readonly event: string
  readonly body: unknown
}
