/**
 * State of the simulated call centre. Parties and sessions are immutable values: a command replaces
 * a party with a new object, so a `Change` can carry the very object it changed and the projection
 * never reads state that moved on after the command.
 */
import type {
  Direction,
  DndStatus,
  StatusCode,
  StatusReason,
  TelephonyStatus,
  UserStatus
} from './wire'

/**
 * One call leg's SIP dialog, fixed when the leg is created (glossary "SIP dialog"). The platform
 * sends the INVITE to the agent's device, so the from-tag is the platform's and the to-tag the
 * device's. Presence (`activeCalls[].sipData`) and telephony (`parties[].sipData`) both read it,
 * so the tags agree in every event and REST answer about this leg.
 */
export interface SipDialog {
  readonly callId: string
  readonly fromTag: string
  readonly toTag: string
  /** The far end as the device sees it (`sip:+1415…@sip.ringcentral.com`). */
  readonly remoteUri: string
  readonly localUri: string
}

/**
 * `from`/`to` of a party (spec CallPartyShortInfo plus the `deviceId` real events carry,
 * docs/platform.md#parties).
 */
export interface PartyEnd {
  readonly phoneNumber?: string
  readonly name?: string
  readonly extensionId?: string
  readonly deviceId?: string
}

export interface PeerRef {
  readonly sessionId: string
  readonly telephonySessionId: string
  readonly partyId: string
}

export interface PartyStatusState {
  readonly code: StatusCode
  readonly reason?: StatusReason
  readonly parkData?: string
  readonly peerId?: PeerRef
}

/**
 * What a leg is for. `caller` is the PSTN side, `queue` the call queue's own leg, `agent` a user's
 * device, `voicemail` a mailbox answering, `external` a PSTN transfer target.
 */
export type PartyRole = 'caller' | 'queue' | 'agent' | 'voicemail' | 'external'

export interface Party {
  readonly id: string
  readonly telephonySessionId: string
  readonly role: PartyRole
  readonly extensionId?: string
  readonly deviceId?: string
  readonly direction: Direction
  readonly from: PartyEnd
  readonly to: PartyEnd
  readonly status: PartyStatusState
  readonly missedCall: boolean
  readonly queueCall: boolean
  /** Name of the queue the call came through, for `uiCallInfo` and presence `toName`. */
  readonly queueName?: string
  readonly recordings: ReadonlyArray<{ readonly id: string; readonly active: boolean }>
  /** Park orbit id (`801`) while parked. */
  readonly parkId?: string
  /** Set through `PATCH …/parties/{id}`; absent means false. */
  readonly muted?: boolean
  readonly standAlone?: boolean
  readonly dialog: SipDialog
  /** When the leg was created (ms): presence `startTime`. */
  readonly startTime: number
}

export interface Session {
  readonly telephonySessionId: string
  /** Legacy numeric `sessionId` (docs/platform.md#session-event-body). */
  readonly sessionId: string
  readonly serverId: string
  readonly creationTime: number
  /** Per-session notification counter (`sequence`, docs/platform.md#session-event-body). */
  readonly sequence: number
  readonly partyIds: ReadonlyArray<string>
  readonly ended: boolean
}

export const TERMINAL_CODES: ReadonlySet<StatusCode> = new Set<StatusCode>(['Disconnected', 'Gone'])
export const isLive = (p: Party): boolean => !TERMINAL_CODES.has(p.status.code)

/** One call as an extension's presence shows it (an `activeCalls` entry before rendering). */
export interface PresenceCall {
  readonly party: Party
  readonly telephonyStatus: TelephonyStatus
  readonly direction: Direction
  readonly from: string
  readonly fromName?: string
  readonly to: string
  readonly toName?: string
  /**
   * True once the call ended: rendered once as `NoCall` + `terminationType: final`
   * (docs/platform.md#active-calls).
   */
  readonly ended: boolean
}

export interface PresenceSnapshot {
  readonly extensionId: string
  readonly sequence: number
  readonly presenceStatus: UserStatus
  readonly userStatus: UserStatus
  readonly dndStatus: DndStatus
  readonly telephonyStatus: TelephonyStatus
  readonly meetingStatus: 'Connected' | 'Disconnected'
  readonly allowSeeMyPresence: boolean
  readonly ringOnMonitoredCall: boolean
  readonly pickUpCallsOnHold: boolean
  readonly acceptCallQueueCalls: boolean
  readonly message?: string
  /** Live calls, most recent first. */
  readonly calls: ReadonlyArray<PresenceCall>
  /** Calls that ended with this change (reported once). */
  readonly endedCalls: ReadonlyArray<PresenceCall>
  /**
   * False when only the settings changed: the event then leaves out `telephonyStatus` and
   * `activeCalls`, "returned if telephony status is changed" (docs/platform.md#presence-bodies).
   */
  readonly telephonyChanged: boolean
}

/** The head of a session as it was when a party changed. */
export interface SessionHead {
  readonly telephonySessionId: string
  readonly sessionId: string
  readonly serverId: string
  readonly sequence: number
}

/** What a command did; the projection turns each into notifications. */
export type Change =
  | {
      readonly kind: 'party'
      readonly at: number
      readonly session: SessionHead
      readonly party: Party
    }
  | { readonly kind: 'presence'; readonly at: number; readonly presence: PresenceSnapshot }
  | {
      readonly kind: 'line-list'
      readonly at: number
      readonly extensionId: string
      readonly lines: ReadonlyArray<string>
      readonly sequence: number
    }
  | {
      readonly kind: 'favorites'
      readonly at: number
      readonly extensionId: string
      readonly favorites: ReadonlyArray<string>
    }

/** Why a command was refused; REST maps it to an HTTP error (docs/platform.md#error-bodies). */
export interface EngineError {
  readonly status: 400 | 403 | 404 | 409
  readonly code: string
  readonly message: string
  readonly parameter?: string
  readonly value?: string
}

export type Outcome<T> =
  | { readonly ok: true; readonly value: T; readonly changes: ReadonlyArray<Change> }
  | { readonly ok: false; readonly error: EngineError }
