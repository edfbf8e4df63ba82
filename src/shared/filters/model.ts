/**
 * Typed model of the RingCentral event filters Ringside subscribes to.
 *
 * Sources: the event documents (docs/platform.md#event-documents: detailed presence with SIP for
 * own, line and favorite presence; plain presence; account presence; account telephony sessions and
 * its query parameters), docs/platform.md#event-filters (line list and favorites filters) and
 * docs/platform.md#telephony-sessions.
 *
 * Plain TypeScript unions, no io-ts: this module is imported by the renderer too
 * (docs/architecture.md#where-the-event-codecs-live-and-why: io-ts decoding runs in main), and
 * `parseFilter` already is the decoder from `string`.
 */

/**
 * `~` means "the current account / extension" on every RingCentral path
 * (docs/platform.md#tilde-ids).
 */
export const CURRENT = '~'

/**
 * How much a presence notification carries.
 * - `plain`: no query (docs/platform.md#extension-presence-event).
 * - `detailed`: `?detailedTelephonyState=true`, adds `activeCalls` (docs/platform.md#active-calls).
 * - `detailed-sip`: `?detailedTelephonyState=true&sipData=true`, adds `activeCalls[].sipData`
 *   (docs/platform.md#presence-sip-data). `sipData=true` without `detailedTelephonyState` still
 *   means this level: "If you specify that sipData=true then presence?detailedTelephonyState=true
 *   also" (docs/platform.md#presence-filters).
 */
export type PresenceDetail = 'plain' | 'detailed' | 'detailed-sip'

/**
 * Ordered from least to most detailed; normalisation keeps the highest rank
 * (docs/platform.md#presence-filters).
 */
export const PRESENCE_DETAILS: readonly PresenceDetail[] = ['plain', 'detailed', 'detailed-sip']

export type Direction = 'Inbound' | 'Outbound'
export const DIRECTIONS: readonly Direction[] = ['Inbound', 'Outbound']

/**
 * `statusCode` values accepted by the telephony filter, exactly as listed in
 * docs/platform.md#telephony-session-filters. The spec's newer `Tds` body code
 * (docs/platform.md#status-codes-and-reasons) is not documented as a filter value, so it is
 * rejected.
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
 * Query parameters of the telephony sessions filter (docs/platform.md#telephony-session-filters).
 * Absent key = not filtered. `statusCode` is a single value: "It is possible to subscribe to
 * multiple statuses via different event filters", so several statuses means several filters.
 */
export interface TelephonySessionsParams {
  readonly direction?: Direction
  readonly missedCall?: boolean
  /** E.164 with the leading `+` ("with '+' sign", docs/platform.md#telephony-session-filters). */
  readonly phoneNumber?: string
  readonly sipData?: boolean
  readonly statusCode?: FilterStatusCode
  readonly withRecordings?: boolean
}

/**
 * Canonical query order used by `buildFilter`: the order of the table in
 * docs/platform.md#telephony-session-filters (alphabetical).
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

/**
 * Own extension presence: `/account/{a}/extension/{e}/presence`
 * (docs/platform.md#presence-filters).
 */
export interface ExtensionPresenceFilter {
  readonly kind: 'extension-presence'
  readonly accountId: string
  readonly extensionId: string
  readonly detail: PresenceDetail
}

/**
 * Presence of the extensions this one monitors: `…/presence/line/presence`
 * (docs/platform.md#presence-filters).
 */
export interface LinePresenceFilter {
  readonly kind: 'line-presence'
  readonly accountId: string
  readonly extensionId: string
  readonly detail: PresenceDetail
}

/**
 * Presence of the extensions in the favorites list: `…/favorite/presence`
 * (docs/platform.md#presence-filters).
 */
export interface FavoritePresenceFilter {
  readonly kind: 'favorite-presence'
  readonly accountId: string
  readonly extensionId: string
  readonly detail: PresenceDetail
}

/**
 * Presence of every extension of the account: `/account/{a}/presence`. Its event document
 * documents the filter with NO query parameters (docs/platform.md#account-presence-event) and its
 * body has no `activeCalls` (docs/platform.md#account-presence), so no `detail`:
 * `?detailedTelephonyState=true` on this path is rejected by `parseFilter`. (The REST
 * `GET /account/~/presence` takes `detailedTelephonyState`, docs/platform.md#presence-over-rest,
 * but that is the REST endpoint, not the event filter.)
 */
export interface AccountPresenceFilter {
  readonly kind: 'account-presence'
  readonly accountId: string
}

/**
 * Telephony sessions: account level `/account/{a}/telephony/sessions`
 * (docs/platform.md#telephony-session-filters) when `extensionId` is absent, per-extension
 * `/account/{a}/extension/{e}/telephony/sessions` when present. Both take the same query
 * parameters.
 */
export interface TelephonySessionsFilter {
  readonly kind: 'telephony-sessions'
  readonly accountId: string
  readonly extensionId?: string
  readonly params: TelephonySessionsParams
}

/**
 * Monitored-lines list changed: `…/extension/{e}/presence/line`
 * (docs/platform.md#list-change-filters).
 */
export interface LineListFilter {
  readonly kind: 'line-list'
  readonly accountId: string
  readonly extensionId: string
}

/** Favorites list changed: `…/extension/{e}/favorite` (docs/platform.md#list-change-filters). */
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
