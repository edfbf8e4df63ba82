/**
 * Which event filters Ringside subscribes to, built from the user's settings with the shared filter
 * model, and which product feature each filter serves. When RingCentral refuses a filter (403 or
 * `disabledFilters`), only the feature behind it is turned off, with a message that names the
 * permission the app lacks.
 */
import {
  buildFilter,
  CURRENT,
  type Filter,
  type FilterStatusCode,
  normaliseFilters,
  parseFilter,
  type TelephonySessionsParams,
  validateFilter
} from '../../../shared/filters'

export type Feature =
  | 'own-presence'
  | 'own-calls'
  | 'monitored-lines'
  | 'favorites'
  | 'account-presence'
  | 'account-sessions'

export interface SubscriptionSettings {
  /** Supervisors: presence of every extension (needs ReadAccounts). */
  readonly accountPresence: boolean
  /** Telephony sessions of the whole account (needs CallControl); parked calls come from here. */
  readonly accountSessions: {
    readonly enabled: boolean
    readonly direction?: TelephonySessionsParams['direction']
    readonly missedCall?: boolean
    readonly phoneNumber?: string
    /** One filter per status (docs/platform.md#telephony-session-filters); empty = every status. */
    readonly statusCodes?: readonly FilterStatusCode[]
    readonly withRecordings?: boolean
  }
}

export const DEFAULT_SUBSCRIPTION_SETTINGS: SubscriptionSettings = {
  accountPresence: false,
  accountSessions: { enabled: true }
}

/** The permission each feature needs, for messages when RingCentral refuses it. */
export const FEATURE_PERMISSION: Record<Feature, string> = {
  'own-presence': 'ReadPresence',
  'own-calls': 'CallControl',
  'monitored-lines': 'ReadPresence',
  favorites: 'ReadPresence',
  'account-presence': 'ReadAccounts',
  'account-sessions': 'CallControl'
}

export const FEATURE_LABEL: Record<Feature, string> = {
  'own-presence': 'your own status',
  'own-calls': 'your own calls',
  'monitored-lines': 'monitored lines',
  favorites: 'favorites',
  'account-presence': 'account presence',
  'account-sessions': 'account calls and parked calls'
}

export interface PlannedFilter {
  readonly filter: string
  readonly feature: Feature
}

const me = { accountId: CURRENT, extensionId: CURRENT }

/** Every filter for these settings, canonical and de-duplicated, each tagged with its feature. */
export function planFilters(settings: SubscriptionSettings): PlannedFilter[] {
  const planned: Array<{ filter: Filter; feature: Feature }> = [
    {
      filter: { kind: 'extension-presence', ...me, detail: 'detailed-sip' },
      feature: 'own-presence'
    },
    {
      filter: { kind: 'telephony-sessions', ...me, params: { sipData: true } },
      feature: 'own-calls'
    },
    {
      filter: { kind: 'line-presence', ...me, detail: 'detailed-sip' },
      feature: 'monitored-lines'
    },
    { filter: { kind: 'line-list', ...me }, feature: 'monitored-lines' },
    { filter: { kind: 'favorite-presence', ...me, detail: 'detailed-sip' }, feature: 'favorites' },
    { filter: { kind: 'favorites', ...me }, feature: 'favorites' }
  ]
  if (settings.accountPresence) {
    planned.push({
      filter: { kind: 'account-presence', accountId: CURRENT },
      feature: 'account-presence'
    })
  }
  const s = settings.accountSessions
  if (s.enabled) {
    const base: TelephonySessionsParams = {
      sipData: true,
      ...(s.direction ? { direction: s.direction } : {}),
      ...(s.missedCall !== undefined ? { missedCall: s.missedCall } : {}),
      ...(s.phoneNumber ? { phoneNumber: s.phoneNumber } : {}),
      ...(s.withRecordings !== undefined ? { withRecordings: s.withRecordings } : {})
    }
    const codes = s.statusCodes && s.statusCodes.length > 0 ? s.statusCodes : [undefined]
    for (const statusCode of codes) {
      const params = statusCode ? { ...base, statusCode } : base
      planned.push({
        filter: { kind: 'telephony-sessions', accountId: CURRENT, params },
        feature: 'account-sessions'
      })
    }
  }
  const byString = new Map<string, Feature>()
  for (const p of planned) byString.set(buildFilter(p.filter), p.feature)
  return normaliseFilters(planned.map((p) => p.filter)).map((f) => {
    const filter = buildFilter(f)
    return { filter, feature: byString.get(filter) ?? 'own-presence' }
  })
}

/** Checks user-entered telephony settings before they reach RingCentral. */
export function settingsError(settings: SubscriptionSettings): string | undefined {
  for (const { filter } of planFilters(settings)) {
    const parsed = parseFilter(filter)
    if (!parsed.ok) return parsed.error.message
    const valid = validateFilter(parsed.filter)
    if (!valid.ok) return valid.error.message
  }
  return undefined
}

/**
 * The feature a refused filter belongs to. The platform returns filters with `~` expanded to real
 * ids, so compare by kind and parameters, not by text.
 */
export function featureOf(refused: string, plan: readonly PlannedFilter[]): Feature | undefined {
  const r = parseFilter(refused)
  if (!r.ok) return undefined
  const key = (f: Filter): string =>
    JSON.stringify({
      ...f,
      accountId: undefined,
      extensionId: 'extensionId' in f && f.extensionId ? 'x' : undefined
    })
  const wanted = key(r.filter)
  for (const p of plan) {
    const parsed = parseFilter(p.filter)
    if (parsed.ok && key(parsed.filter) === wanted) return p.feature
  }
  return undefined
}

export interface DisabledFeature {
  readonly feature: Feature
  readonly message: string
}

/** A message an agent (or their admin) can act on: which feature is off and which permission fixes it. */
export function disabledMessage(feature: Feature, reason?: string): string {
  const why = reason ? ` (${reason})` : ''
  return `Ringside cannot show ${FEATURE_LABEL[feature]}: the app lacks the ${FEATURE_PERMISSION[feature]} permission${why}.`
}
