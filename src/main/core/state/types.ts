/**
 * The core state: what Ringside knows about presence, telephony sessions and the agent's directory,
 * and the actions that change it. Display-ready data lives in the views (views.ts), not here.
 *
 * Ordering model (docs/platform.md#ordering-and-duplicates,
 * docs/platform.md#duplicate-and-out-of-order-events): every value is written with the
 * sequence of the event that carried it, PER FIELD (last-writer-wins by sequence). A field is only
 * overwritten by a higher sequence, so a stale event never regresses anything, and because LWW
 * registers commute, any arrival order of the same events ends in the same state. Dropping a stale
 * event whole would not: RingCentral omits unchanged fields ("returned if changed"), so the older
 * event can carry the only copy of a field the newer one left out.
 */
import type {
  AccountPresenceBody,
  ActiveCallSip,
  DetailedPresenceBody,
  DetailedPresenceSipBody,
  ExtensionPresenceBody,
  Notification,
  Origin,
  Party
} from '../../../shared/events'
import type { Generations } from './generations'
import type { PMap } from './pmap'

/** Sequences per field: absent means "never written by a sequenced event". */
export type FieldSeqs<F> = Readonly<Partial<Record<keyof F, number>>>

export interface Lww<F> {
  readonly fields: Readonly<Partial<F>>
  readonly seqs: FieldSeqs<F>
}

/** The presence fields Ringside keeps (unknown extra keys of a body are not copied). */
export type PresenceFields = Pick<
  DetailedPresenceSipBody,
  | 'telephonyStatus'
  | 'aggregatedTelephonyStatus'
  | 'presenceStatus'
  | 'userStatus'
  | 'dndStatus'
  | 'dndStatusPersonal'
  | 'meetingStatus'
  | 'allowSeeMyPresence'
  | 'acceptCallQueueCalls'
  | 'ringOnMonitoredCall'
  | 'pickUpCallsOnHold'
  | 'message'
  | 'totalActiveCalls'
> & { readonly activeCalls: readonly ActiveCallSip[] }

export interface PresenceRecord extends Lww<PresenceFields> {
  readonly extensionId: string
  /** Highest sequence applied; null when only unsequenced bodies or readbacks came. */
  readonly maxSeq: number | null
  /** Latest envelope timestamp seen for this extension (a max, so order does not matter). */
  readonly updatedAt: string
  /** From a REST readback's `extension.extensionNumber`, shown when the directory lacks it. */
  readonly extensionNumber: string | null
}

export type PartyFields = Omit<Party, 'id'>

export interface PartyRecord extends Lww<PartyFields> {
  readonly id: string
  /** Highest session sequence applied to this party; null after a readback without sequence. */
  readonly seq: number | null
  /** Event time of the update with the highest sequence: when the party got its current state. */
  readonly since: string
}

export interface SessionFields {
  readonly sessionId: string
  readonly serverId: string
  readonly origin: Origin
  readonly accountId: string
}

export interface SessionRecord extends Lww<SessionFields> {
  readonly id: string
  readonly maxSeq: number | null
  readonly parties: ReadonlyMap<string, PartyRecord>
  /** Earliest event time seen for the session (a min over every event, stale ones included). */
  readonly firstSeenAt: string
  /** Latest event time seen (a max): the eviction order when the session table is full. */
  readonly lastEventAt: string
  /** All parties Disconnected, Gone or VoiceMail. Kept (hidden) for a while, then pruned. */
  readonly ended: boolean
}

export interface DirectoryEntry {
  readonly id: string
  readonly name: string
  readonly extensionNumber: string
  /** Extension type (`User`, `Department`, `ParkLocation`, …), free text as REST returns it. */
  readonly type: string
}

/** What the agent may pick up, as far as the app knows beyond presence (e.g. service plan). */
export interface PickupPermissions {
  readonly ringing: boolean
  readonly held: boolean
  readonly parked: boolean
}

export interface Directory {
  readonly ownerId: string | null
  readonly extensions: ReadonlyMap<string, DirectoryEntry>
  /** Monitored lines, in board order. */
  readonly monitored: readonly string[]
  /** Favorites, in board order (after the monitored lines, without repeats). */
  readonly favorites: readonly string[]
  readonly permissions: PickupPermissions
  /** Sequence of the last `…/presence/line` list event applied. */
  readonly lineListSeq: number | null
}

export interface DirectoryUpdate {
  readonly ownerId?: string
  readonly extensions?: readonly DirectoryEntry[]
  readonly monitored?: readonly string[]
  readonly favorites?: readonly string[]
  readonly permissions?: Partial<PickupPermissions>
}

export type PresenceBody =
  ExtensionPresenceBody | AccountPresenceBody | DetailedPresenceBody | DetailedPresenceSipBody

/** A presence record from REST (`GET …/presence?detailedTelephonyState=true&sipData=true`). */
export type ReadbackPresence = PresenceBody & {
  readonly extension?: { readonly id?: string; readonly extensionNumber?: string }
}

/** A session from REST (`GET …/telephony/sessions/{id}`): `{id, origin, parties}`. */
export interface ReadbackSession {
  readonly id: string
  readonly origin?: Origin
  readonly parties: readonly Party[]
  /** Only if the caller knows it; REST does not return one. */
  readonly sequence?: number
}

/**
 * A readback: the state a resync read back over REST (not a view snapshot, which is what the
 * renderer gets). Applied, it replaces the presence of the listed extensions and the whole session
 * set.
 */
export interface Readback {
  /** When the readback was taken (ISO instant); stands in for event times of its records. */
  readonly at: string
  readonly presence: readonly ReadbackPresence[]
  readonly sessions: readonly ReadbackSession[]
  /** Lines whose presence read was refused as hidden (403); absent: none. */
  readonly hidden?: readonly HiddenLine[]
}

/** A line whose presence the platform does not show the agent, and why (hidden.ts). */
export interface HiddenLine {
  readonly extensionId: string
  /** The platform's words: a `disabledFilters` reason and message, or a refusal's error. */
  readonly reason: string
}

export interface HiddenPresence {
  readonly reason: string
  readonly source: 'subscription' | 'readback'
}

export type Action =
  | { readonly type: 'notification'; readonly notification: Notification }
  /** A fresh subscription's `disabledFilters`, as hidden lines (none: nothing is dropped now). */
  | { readonly type: 'presence-refused'; readonly lines: readonly HiddenLine[] }
  | { readonly type: 'readback'; readonly readback: Readback }
  | { readonly type: 'directory'; readonly directory: DirectoryUpdate }
  /** Signed out: the account's directory, presence, calls and windows go; the counters stay. */
  | { readonly type: 'account-cleared' }

/** Order-dependent bookkeeping, bounded by the constants in limits.ts. */
export interface Window {
  readonly dedupe: Generations<true>
  /** Ids of sessions that ended, by generation; the older generation is pruned on rotation. */
  readonly ended: Generations<true>
  /** Pruned or replaced sessions → highest sequence seen: later events at or below it are stale. */
  readonly tombstones: Generations<number>
}

export interface ReducerStats {
  readonly applied: number
  readonly duplicates: number
  readonly stale: number
  readonly unsequenced: number
  readonly ignored: number
  readonly prunedSessions: number
  readonly evictedSessions: number
}

export interface CoreState {
  readonly directory: Directory
  /** The owner as the envelopes name it, used when the directory has not said yet. */
  readonly envelopeOwnerId: string | null
  readonly presence: PMap<PresenceRecord>
  readonly sessions: PMap<SessionRecord>
  /** Lines the platform does not show the agent (hidden.ts). */
  readonly hidden: PMap<HiddenPresence>
  readonly window: Window
  readonly stats: ReducerStats
}

export type Outcome = 'applied' | 'duplicate' | 'stale' | 'ignored'

export type Change =
  | { readonly kind: 'presence'; readonly extensionId: string }
  | { readonly kind: 'session'; readonly telephonySessionId: string }
  | { readonly kind: 'session-removed'; readonly telephonySessionId: string }
  | { readonly kind: 'directory' }
  | { readonly kind: 'readback' }
  /** The favorites event only says THAT the list changed: the caller refetches it over REST. */
  | { readonly kind: 'favorites-changed' }

export interface ReduceResult {
  readonly state: CoreState
  readonly outcome: Outcome
  /** Empty when nothing visible can have changed, so the store skips deriving views. */
  readonly changes: readonly Change[]
}
