/**
 * The items of the derived views. They cross IPC, so they are plain JSON: absent values are `null`
 * (never `undefined`, which JSON drops), enum values are their wire text (unknown ones included),
 * and every item has a stable `id` the UI keys rows by.
 */

/**
 * `hidden`: the colleague does not share their presence (docs/platform.md#hidden-presence);
 * `unknown`: what the platform cannot tell after a reconnect, a park location's calls
 * (docs/platform.md#parked-calls-after-an-outage). Neither is ever shown as idle or available.
 */
export type LineStatus =
  'available' | 'busy' | 'ringing' | 'on-hold' | 'parked' | 'offline' | 'dnd' | 'hidden' | 'unknown'

/** What a call is doing on one extension. `other`: a state Ringside does not know (kept, shown). */
export type CallState = 'ringing' | 'connected' | 'held' | 'parked' | 'other'

export interface Person {
  readonly name: string | null
  readonly number: string | null
}

/** The dialog identity a SIP pickup (INVITE with Replaces) needs. */
export interface SipTags {
  readonly callId: string | null
  readonly toTag: string
  readonly fromTag: string
}

export interface LineItem {
  /** The extension id. */
  readonly id: string
  /** Board order: monitored lines first, then favorites. */
  readonly position: number
  readonly name: string
  readonly extensionNumber: string | null
  readonly monitored: boolean
  readonly favorite: boolean
  readonly status: LineStatus
  /** Wire texts, for tooltips; unknown enum values appear as sent. */
  readonly presenceStatus: string | null
  readonly userStatus: string | null
  readonly dndStatus: string | null
  readonly telephonyStatus: string | null
  readonly activeCalls: number
  /** False until any presence for the extension arrived (status then reads `offline`). */
  readonly hasPresence: boolean
  /** For `hidden` and `unknown`: the platform's reason, the technical detail; else null. */
  readonly statusDetail: string | null
}

/** What every call row shares: where it is, who is on it, and the ids to act on it. */
export interface CallItem {
  /** `${extensionId}:${call key}`, the call key being the telephony session id when known. */
  readonly id: string
  readonly extensionId: string
  readonly lineName: string
  readonly lineNumber: string | null
  /** The other side from the line's point of view. */
  readonly caller: Person
  readonly from: Person
  readonly to: Person
  readonly direction: string | null
  readonly queueCall: boolean
  readonly queueName: string | null
  /** When the call began (the platform's `startTime`, else when the core first saw it). */
  readonly startTime: string | null
  /**
   * When the call entered its current state (hold, answer), from the telephony party's event time;
   * null when only presence describes the call. Server times, so a reload shows the same timers.
   */
  readonly stateSince: string | null
  readonly telephonySessionId: string | null
  readonly partyId: string | null
  readonly sessionId: string | null
  /** The session's `serverId` (telephony events): with `sessionId`, what an inbound pickup names. */
  readonly serverId: string | null
  /**
   * The line's own device on the call (its end's `deviceId` in telephony events), so the pane can
   * name the device a call is on; null when the events did not say.
   */
  readonly deviceId: string | null
  readonly sip: SipTags | null
  /** Which feed described the call: detailed presence, or telephony sessions as a fallback. */
  readonly source: 'presence' | 'telephony'
}

export interface RingingItem extends CallItem {
  readonly canPickUp: boolean
}

export interface HeldCallItem extends CallItem {
  /**
   * False when the agent's presence lacks `pickUpCallsOnHold` (or the directory withholds the
   * right): the call stays listed so the agent sees it, with Pick up disabled before the click.
   */
  readonly canPickUp: boolean
}

export interface ParkedCallItem {
  /** The telephony session id (one parked call per session). */
  readonly id: string
  readonly telephonySessionId: string
  /** The parked party: what `POST …/parties/{partyId}/pickup` takes. */
  readonly partyId: string | null
  /** `*801`…, or the park location's number. */
  readonly orbit: string | null
  readonly parkedBy: { readonly extensionId: string; readonly name: string } | null
  readonly location: { readonly extensionId: string; readonly name: string } | null
  readonly caller: Person
  readonly since: string | null
  readonly canPickUp: boolean
  readonly source: 'presence' | 'telephony'
}

export interface MyCallItem extends CallItem {
  readonly state: CallState
  /** The wire status: presence `telephonyStatus` or party `status.code`. */
  readonly statusText: string | null
}

/**
 * A call's direction from the account's point of view (the caller outside the account: Inbound;
 * an extension calling outside: Outbound; extension to extension: Internal).
 */
export type SessionDirection = 'Inbound' | 'Outbound' | 'Internal'

/** A party's own place in the call: the outside caller, a queue, an agent, a park location. */
export type PartyRole = 'Caller' | 'Outside' | 'Queue' | 'Agent' | 'Park' | 'Extension'

export interface PartyItem {
  readonly id: string
  readonly role: PartyRole
  /** Who this party is (its own end of the leg), where `from` → `to` is the same on every leg. */
  readonly self: Person
  readonly extensionId: string | null
  readonly extensionName: string | null
  readonly status: string | null
  readonly reason: string | null
  readonly direction: string | null
  readonly from: Person
  readonly to: Person
  readonly queueName: string | null
  readonly parkData: string | null
  /** The platform's `missedCall`; null when the events never said. */
  readonly missedCall: boolean | null
  /** How many recordings the party has (`recordings[]`), active or not. */
  readonly recordings: number
  readonly since: string
}

export interface SessionItem {
  /** The telephony session id. */
  readonly id: string
  readonly sessionId: string | null
  readonly origin: string | null
  readonly startedAt: string
  readonly updatedAt: string
  /** The call's direction for the account; null while no party says who is at either end. */
  readonly direction: SessionDirection | null
  /** Missed by the account: a leg was missed and nobody in the account has the call. */
  readonly missed: boolean
  readonly parties: readonly PartyItem[]
}
