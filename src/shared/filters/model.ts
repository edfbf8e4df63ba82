/**
 * Typed model of the RingCentral event filters Ringside subscribes to.
 *
 * Sources: seeds 000/001 (detailed presence with SIP: own, line and favorite presence), 002 (plain
 * presence), 003 (account presence), 004 (account telephony sessions and its query parameters);
 * reference `ringcentral-protocol.md` §3.2 (line list and favorites filters) and §4.2.
 *
 * Plain TypeScript unions, no io-ts: this module is imported by the renderer too (style anchors §8.1:
 * io-ts codecs run in main), and `parseFilter` already is the decoder from `string`.
 */

/** `~` means "the current account / extension" on every RingCentral path (reference §3). */
export const CURRENT = '~'

/**
 * How much a presence notification carries.
 * - `plain`: no query (seed 002).
 * - `detailed`: `?detailedTelephonyState=true`, adds `activeCalls` (reference §3.2, §4.1).
 * - `detailed-sip`: `?detailedTelephonyState=true&sipData=true`, adds `activeCalls[].sipData`
 *   (seed 000). `sipData=true` without `detailedTelephonyState` still means this level: "If you
 *   specify that sipData=true then presence?detailedTelephonyState=true also" (seed 000).
 */
export type PresenceDetail = 'plain' | 'detailed' | 'detailed-sip'

/** Ordered from least to most detailed; normalisation keeps the highest rank (seed 000). */
export const PRESENCE_DETAILS: readonly PresenceDetail[] = ['plain', 'detailed', 'detailed-sip']

export type Direction = 'Inbound' | 'Outbound'
export const DIRECTIONS: readonly Direction[] = ['Inbound', 'Outbound']

/**
 * `statusCode` values accepted by the telephony filter, exactly as listed in seed 004. The spec's
 * newer `Tds` body code (reference §4.2) is not documented as a filter value, so it is rejected.
 */
export const STATUS_CODES = [
  'Setup',
  'Proceeding',
  'Answered',
  'Disconnected',
  'Gone',
  'Parked',
  'Hold',
  'VoiceMail',
  'FaxReceive',
  'VoiceMailScreening'
] as const
/** Not the party's `status.code` (events' `StatusCode`, which also has `Tds`): a filter value. */
export type FilterStatusCode = (typeof STATUS_CODES)[number]

/**
 * Query parameters of the telephony sessions filter (seed 004 table). Absent key = not filtered.
 * `statusCode` is a single value: "It is possible to subscribe to multiple statuses via different
 * event filters" (seed 004), so several statuses means several filters.
 */
export interface TelephonySessionsParams {
  readonly direction?: Direction
  readonly missedCall?: boolean
  /** E.164 with the leading `+` (seed 004: "e.164 format with '+' sign is supported"). */
  readonly phoneNumber?: string
  readonly sipData?: boolean
  readonly statusCode?: FilterStatusCode
  readonly withRecordings?: boolean
}

/**
 * Canonical query order used by `buildFilter`: the order of the seed 004 table (alphabetical).
 * Parsing accepts any order.
 */
export const TELEPHONY_PARAM_ORDER = [
  'direction',
  'missedCall',
  'phoneNumber',
  'sipData',
  'statusCode',
  'withRecordings'
] as const satisfies readonly (keyof TelephonySessionsParams)[]

export type TelephonyParamName = (typeof TELEPHONY_PARAM_ORDER)[number]

/** Own extension presence: `/account/{a}/extension/{e}/presence` (seeds 000, 002). */
export interface ExtensionPresenceFilter {
  readonly kind: 'extension-presence'
  readonly accountId: string
  readonly extensionId: string
  readonly detail: PresenceDetail
}

/** Presence of the extensions this one monitors: `…/presence/line/presence` (seeds 000, 002). */
export interface LinePresenceFilter {
  readonly kind: 'line-presence'
  readonly accountId: string
  readonly extensionId: string
  readonly detail: PresenceDetail
}

/** Presence of the extensions in the favorites list: `…/favorite/presence` (seeds 000, 002). */
export interface FavoritePresenceFilter {
  readonly kind: 'favorite-presence'
  readonly accountId: string
  readonly extensionId: string
  readonly detail: PresenceDetail
}

/**
 * Presence of every extension of the account: `/account/{a}/presence` (seed 003). Seed 003
 * documents the filter with NO query parameters and its body has no `activeCalls` (reference
 * §4.1), so no `detail`: `?detailedTelephonyState=true` on this path is rejected by `parseFilter`.
 * (The REST `GET /account/~/presence` takes `detailedTelephonyState`, reference §3.2, but that is
 * the REST endpoint, not the event filter.)
 */
export interface AccountPresenceFilter {
  readonly kind: 'account-presence'
  readonly accountId: string
}

/**
 * Telephony sessions: account level `/account/{a}/telephony/sessions` (seed 004) when
 * `extensionId` is absent, per-extension `/account/{a}/extension/{e}/telephony/sessions` when
 * present. Both take the same query parameters.
 */
export interface TelephonySessionsFilter {
  readonly kind: 'telephony-sessions'
  readonly accountId: string
  readonly extensionId?: string
  readonly params: TelephonySessionsParams
}

/** Monitored-lines list changed: `…/extension/{e}/presence/line` (reference §3.2, §4.3). */
export interface LineListFilter {
  readonly kind: 'line-list'
  readonly accountId: string
  readonly extensionId: string
}

/** Favorites list changed: `…/extension/{e}/favorite` (reference §3.2, §4.3). */
export interface FavoritesFilter {
  readonly kind: 'favorites'
  readonly accountId: string
  readonly extensionId: string
}

export type PresenceFilter = ExtensionPresenceFilter | LinePresenceFilter | FavoritePresenceFilter

export type Filter =
  | PresenceFilter
  | AccountPresenceFilter
  | TelephonySessionsFilter
  | LineListFilter
  | FavoritesFilter

export type FilterKind = Filter['kind']

export const FILTER_KINDS: readonly FilterKind[] = [
  'extension-presence',
  'line-presence',
  'favorite-presence',
  'account-presence',
  'telephony-sessions',
  'line-list',
  'favorites'
]

export type PresenceKind = PresenceFilter['kind']

export const isPresenceFilter = (f: Filter): f is PresenceFilter =>
  f.kind === 'extension-presence' || f.kind === 'line-presence' || f.kind === 'favorite-presence'

/** Error envelope shared by `parseFilter` and `validateFilter`. */
export interface FilterError {
  readonly message: string
  /** The input that failed (the filter string, or the built string for `validateFilter`). */
  readonly filter: string
}

export type FilterResult =
  | { readonly ok: true; readonly filter: Filter }
  | { readonly ok: false; readonly error: FilterError }
