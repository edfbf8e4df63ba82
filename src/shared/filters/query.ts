/**
 * Query half of a filter / event string, shared by `parseFilter` and `parseEventPath`, plus the
 * value checks `validateFilter` reuses. No regex and no `decodeURIComponent` (which throws on bad
 * escapes): the only encoded value we accept is the `%2B` of `phoneNumber` (see build.ts).
 */
import { DIRECTIONS, STATUS_CODES, TELEPHONY_PARAM_ORDER } from './model'
import type {
  Direction,
  FilterStatusCode,
  PresenceDetail,
  TelephonyParamName,
  TelephonySessionsParams
} from './model'

export type QueryScan<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string }

const fail = (message: string): { readonly ok: false; readonly message: string } => ({
  ok: false,
  message
})

/** Shared result for the common "no query" case, so the hot path allocates nothing for it. */
export const EMPTY_PARAMS: TelephonySessionsParams = Object.freeze({})

const DETAILED = 'detailedTelephonyState=true'
const DETAILED_SIP = 'detailedTelephonyState=true&sipData=true'

/**
 * Walks `key=value` pairs of `s[start…]`; stops at the first message `visit` returns. `start` is the
 * index just after '?'. Empty pairs (`?`, `&&`, trailing `&`) are errors: `buildFilter` never makes
 * them and a hand-written filter with one is more likely a typo than intent.
 */
function eachPair(
  s: string,
  start: number,
  visit: (key: string, value: string | undefined) => string | undefined
): string | undefined {
  if (start >= s.length) return "empty query string after '?'"
  let pos = start
  while (pos <= s.length) {
    let amp = s.indexOf('&', pos)
    if (amp === -1) amp = s.length
    if (amp === pos) return "empty query parameter (stray '&')"
    const eq = s.indexOf('=', pos)
    const message =
      eq === -1 || eq > amp
        ? visit(s.slice(pos, amp), undefined)
        : visit(s.slice(pos, eq), s.slice(eq + 1, amp))
    if (message !== undefined) return message
    pos = amp + 1
  }
  return undefined
}

/**
 * Booleans are serialised `true`/`false` by the SDK's `objectToUrlParams`
 * (docs/platform.md#request-headers).
 */
function parseBoolean(key: string, value: string): boolean | string {
  if (value === 'true') return true
  if (value === 'false') return false
  return `${key}: '${value}' is not a boolean (expected true or false)`
}

const missingValue = (key: string): string => `${key}: missing value (expected ${key}=…)`

/**
 * Presence query → detail level (docs/platform.md#presence-filters). `sipData=true` alone is
 * normalised to `detailed-sip` because "If you specify that sipData=true then
 * presence?detailedTelephonyState=true also" (docs/platform.md#presence-filters). An explicit
 * `detailedTelephonyState=false&sipData=true` contradicts that and is rejected rather than guessed.
 */
export function parsePresenceQuery(
  s: string,
  start: number,
  kind: string
): QueryScan<PresenceDetail> {
  if (start === -1) return { ok: true, value: 'plain' }
  // Fast paths: the two strings the platform echoes back (docs/platform.md#presence-filters).
  const rest = s.length - start
  if (rest === DETAILED_SIP.length && s.startsWith(DETAILED_SIP, start)) {
    return { ok: true, value: 'detailed-sip' }
  }
  if (rest === DETAILED.length && s.startsWith(DETAILED, start))
    return { ok: true, value: 'detailed' }

  let detailed: boolean | undefined
  let sip: boolean | undefined
  const message = eachPair(s, start, (key, value) => {
    if (key !== 'detailedTelephonyState' && key !== 'sipData') {
      return `unknown query parameter '${key}' for ${kind}`
    }
    if ((key === 'sipData' ? sip : detailed) !== undefined) return `${key} given twice`
    if (value === undefined) return missingValue(key)
    const b = parseBoolean(key, value)
    if (typeof b === 'string') return b
    if (key === 'sipData') sip = b
    else detailed = b
    return undefined
  })
  if (message !== undefined) return fail(message)
  if (sip === true) {
    return detailed === false
      ? fail('sipData=true implies detailedTelephonyState=true; drop detailedTelephonyState=false')
      : { ok: true, value: 'detailed-sip' }
  }
  return { ok: true, value: detailed === true ? 'detailed' : 'plain' }
}

/**
 * account-presence (docs/platform.md#presence-filters), line-list and favorites
 * (docs/platform.md#list-change-filters) document no parameters.
 */
export function parseNoQuery(s: string, start: number, kind: string): QueryScan<undefined> {
  if (start === -1) return { ok: true, value: undefined }
  const message = eachPair(s, start, (key) => `${kind} takes no query parameters (got '${key}')`)
  return fail(message ?? `${kind} takes no query parameters`)
}

export function directionError(v: unknown): string | undefined {
  return DIRECTIONS.includes(v as Direction)
    ? undefined
    : `direction: '${String(v)}' is not one of ${DIRECTIONS.join(', ')}`
}

export function statusCodeError(v: unknown): string | undefined {
  if (STATUS_CODES.includes(v as FilterStatusCode)) return undefined
  if (Array.isArray(v)) return 'statusCode: one status per filter: build one filter per status'
  const several = typeof v === 'string' && v.includes(',')
  return (
    `statusCode: '${String(v)}' is not one of ${STATUS_CODES.join(', ')}` +
    (several ? ' (one status per filter: build one filter per status)' : '')
  )
}

/** E.164 (docs/platform.md#telephony-session-filters): '+' then 8–15 digits only. */
export function phoneNumberError(v: unknown): string | undefined {
  const bad = `phoneNumber: must be E.164 with a leading + and 8–15 digits, got '${String(v)}'`
  if (typeof v !== 'string' || v.length < 9 || v.length > 16 || v.charCodeAt(0) !== 43) return bad
  for (let i = 1; i < v.length; i++) {
    const c = v.charCodeAt(i)
    if (c < 48 || c > 57) return bad
  }
  return undefined
}

/** `%2B…` (what `buildFilter` and `encodeURIComponent` emit) or a raw `+…` → `+…`. */
function decodePhoneNumber(value: string): string {
  return value.startsWith('%2B') || value.startsWith('%2b') ? '+' + value.slice(3) : value
}

type MutableParams = { -readonly [K in keyof TelephonySessionsParams]: TelephonySessionsParams[K] }

const BOOLEAN_PARAMS = new Set<TelephonyParamName>(['missedCall', 'sipData', 'withRecordings'])
const TELEPHONY_PARAMS = new Set<string>(TELEPHONY_PARAM_ORDER)

/**
 * Telephony sessions query (docs/platform.md#telephony-session-filters). Any order; each parameter
 * at most once.
 */
export function parseTelephonyQuery(s: string, start: number): QueryScan<TelephonySessionsParams> {
  if (start === -1) return { ok: true, value: EMPTY_PARAMS }
  const params: MutableParams = {}
  const message = eachPair(s, start, (key, value) => {
    if (!TELEPHONY_PARAMS.has(key)) return `unknown query parameter '${key}' for telephony-sessions`
    const name = key as TelephonyParamName
    if (params[name] !== undefined) {
      // "It is possible to subscribe to multiple statuses via different event filters"
      // (docs/platform.md#telephony-session-filters).
      return name === 'statusCode'
        ? 'statusCode given twice: use one filter per status'
        : `${name} given twice`
    }
    if (value === undefined) return missingValue(name)
    if (BOOLEAN_PARAMS.has(name)) {
      const b = parseBoolean(name, value)
      if (typeof b === 'string') return b
      params[name as 'missedCall' | 'sipData' | 'withRecordings'] = b
      return undefined
    }
    if (name === 'direction') {
      const error = directionError(value)
      if (error === undefined) params.direction = value as Direction
      return error
    }
    if (name === 'statusCode') {
      const error = statusCodeError(value)
      if (error === undefined) params.statusCode = value as FilterStatusCode
      return error
    }
    const phone = decodePhoneNumber(value)
    const error = phoneNumberError(phone)
    if (error === undefined) params.phoneNumber = phone
    return error === undefined ? undefined : phoneNumberError(value)
  })
  return message === undefined ? { ok: true, value: params } : fail(message)
}
