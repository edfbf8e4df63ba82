/**
 * `Filter` → canonical filter string.
 *
 * Canonical form (so equal filters give equal strings, and a subscription's `eventFilters` can be
 * compared by string):
 * - always the `/restapi/v1.0` prefix, as in every documented filter and in what the platform
 *   echoes (docs/platform.md#filter-paths);
 * - presence: `?detailedTelephonyState=true[&sipData=true]` in that order, exactly as the event
 *   documents and the real platform write it (docs/platform.md#presence-filters); `plain` has no
 *   query;
 * - telephony: parameters in `TELEPHONY_PARAM_ORDER` (docs/platform.md#telephony-session-filters
 *   table order), absent ones omitted, booleans `true`/`false`.
 * - `phoneNumber` is percent-encoded with `encodeURIComponent` (`+` → `%2B`). Event filters are
 *   sent verbatim inside the subscription JSON body (docs/platform.md#filter-paths), so nothing
 *   else encodes them; a raw `+` in a query string is form-decoded to a space by many servers, and
 *   `%2B` is what the SDK's own `objectToUrlParams` (docs/platform.md#request-headers,
 *   `encodeURIComponent`) produces. `parseFilter` accepts both `%2B` and a raw `+`.
 */
import type { Filter, PresenceDetail, TelephonySessionsParams } from './model'
import { TELEPHONY_PARAM_ORDER } from './model'
import { API_PREFIX } from './path'

const PRESENCE_QUERY: Readonly<Record<PresenceDetail, string>> = {
  plain: '',
  detailed: '?detailedTelephonyState=true',
  'detailed-sip': '?detailedTelephonyState=true&sipData=true'
}

function telephonyQuery(params: TelephonySessionsParams): string {
  let query = ''
  for (const name of TELEPHONY_PARAM_ORDER) {
    const value = params[name]
    if (value === undefined) continue
    const text = name === 'phoneNumber' ? encodeURIComponent(String(value)) : String(value)
    query += (query === '' ? '?' : '&') + name + '=' + text
  }
  return query
}

/**
 * Builds the canonical string. Assumes a valid `Filter` (ids `~` or digits, values from the
 * documented sets): run `validateFilter` first on values that did not come from `parseFilter`.
 */
export function buildFilter(f: Filter): string {
  const account = `${API_PREFIX}/account/${f.accountId}`
  switch (f.kind) {
    case 'account-presence':
      return `${account}/presence`
    case 'telephony-sessions': {
      const base = f.extensionId === undefined ? account : `${account}/extension/${f.extensionId}`
      return `${base}/telephony/sessions${telephonyQuery(f.params)}`
    }
    case 'extension-presence':
      return `${account}/extension/${f.extensionId}/presence${PRESENCE_QUERY[f.detail]}`
    case 'line-presence':
      return `${account}/extension/${f.extensionId}/presence/line/presence${PRESENCE_QUERY[f.detail]}`
    case 'favorite-presence':
      return `${account}/extension/${f.extensionId}/favorite/presence${PRESENCE_QUERY[f.detail]}`
    case 'line-list':
      return `${account}/extension/${f.extensionId}/presence/line`
    case 'favorites':
      return `${account}/extension/${f.extensionId}/favorite`
  }
}
