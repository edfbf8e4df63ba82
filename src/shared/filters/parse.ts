/**
 * Filter string → `Filter`, and validation of hand-built `Filter` values. Never throws.
 */
import { buildFilter } from './build'
import { FILTER_KINDS, isPresenceFilter, PRESENCE_DETAILS, TELEPHONY_PARAM_ORDER } from './model'
import type { Filter, FilterResult, TelephonySessionsParams } from './model'
import { idError, isId, scanPath } from './path'
import {
  directionError,
  parseNoQuery,
  parsePresenceQuery,
  parseTelephonyQuery,
  phoneNumberError,
  statusCodeError
} from './query'

const failure = (message: string, filter: string): FilterResult => ({
  ok: false,
  error: { message, filter }
})

/**
 * Parses a filter as written in the event documents (docs/platform.md#event-documents), in a
 * subscription's `eventFilters`, or by hand:
 * - the `/restapi/v1.0` prefix is optional (`/account/~/presence` is accepted);
 * - ids are `~` or numeric;
 * - query parameters in any order; see query.ts for the accepted values.
 * Round trip: `parseFilter(buildFilter(f))` deep-equals `f` for every valid `f`.
 */
export function parseFilter(s: string): FilterResult {
  if (typeof s !== 'string') return failure('filter must be a string', String(s))
  const q = s.indexOf('?')
  const pathEnd = q === -1 ? s.length : q
  const queryStart = q === -1 ? -1 : q + 1
  const scan = scanPath(s, pathEnd)
  if (!scan.ok) {
    const message = scan.unknown ? `unknown filter path '${s.slice(0, pathEnd)}'` : scan.message
    return failure(message, s)
  }
  const shape = scan.shape
  switch (shape.kind) {
    case 'extension-presence':
    case 'line-presence':
    case 'favorite-presence': {
      const detail = parsePresenceQuery(s, queryStart, shape.kind)
      if (!detail.ok) return failure(detail.message, s)
      const filter: Filter = {
        kind: shape.kind,
        accountId: shape.accountId,
        extensionId: shape.extensionId,
        detail: detail.value
      }
      return { ok: true, filter }
    }
    case 'telephony-sessions': {
      const params = parseTelephonyQuery(s, queryStart)
      if (!params.ok) return failure(params.message, s)
      // Copy so a caller mutating (via a cast) one result cannot affect another parse.
      const copy: TelephonySessionsParams = { ...params.value }
      const filter: Filter =
        shape.extensionId === undefined
          ? { kind: shape.kind, accountId: shape.accountId, params: copy }
          : {
              kind: shape.kind,
              accountId: shape.accountId,
              extensionId: shape.extensionId,
              params: copy
            }
      return { ok: true, filter }
    }
    case 'account-presence':
    case 'line-list':
    case 'favorites': {
      const none = parseNoQuery(s, queryStart, shape.kind)
      if (!none.ok) return failure(none.message, s)
      return { ok: true, filter: shape }
    }
  }
}

function telephonyParamsError(params: TelephonySessionsParams): string | undefined {
  if (typeof params !== 'object' || params === null) return 'params: must be an object'
  for (const key of Object.keys(params)) {
    if (!(TELEPHONY_PARAM_ORDER as readonly string[]).includes(key)) {
      return `unknown query parameter '${key}' for telephony-sessions`
    }
  }
  for (const name of TELEPHONY_PARAM_ORDER) {
    const v: unknown = params[name]
    if (v === undefined) continue
    const error =
      name === 'direction'
        ? directionError(v)
        : name === 'statusCode'
          ? statusCodeError(v)
          : name === 'phoneNumber'
            ? phoneNumberError(v)
            : typeof v === 'boolean'
              ? undefined
              : `${name}: '${String(v)}' is not a boolean (expected true or false)`
    if (error !== undefined) return error
  }
  return undefined
}

/** Which kinds carry an extension segment (telephony-sessions: optionally). */
const EXTENSION_REQUIRED = new Set<string>([
  'extension-presence',
  'line-presence',
  'favorite-presence',
  'line-list',
  'favorites'
])

function filterError(f: Filter): string | undefined {
  if (!FILTER_KINDS.includes(f.kind)) return `unknown filter kind '${String(f.kind)}'`
  if (!isId(String(f.accountId))) return idError('accountId', String(f.accountId))
  const extensionId: unknown = 'extensionId' in f ? f.extensionId : undefined
  if (extensionId === undefined) {
    if (EXTENSION_REQUIRED.has(f.kind)) return `extensionId: required for ${f.kind}`
  } else if (f.kind === 'account-presence') {
    return 'extensionId: account-presence has no extension'
  } else if (!isId(String(extensionId))) {
    return idError('extensionId', String(extensionId))
  }
  if (isPresenceFilter(f) && !PRESENCE_DETAILS.includes(f.detail)) {
    return `detail: '${String(f.detail)}' is not one of ${PRESENCE_DETAILS.join(', ')}`
  }
  return f.kind === 'telephony-sessions' ? telephonyParamsError(f.params) : undefined
}

/**
 * Checks a `Filter` built in code or decoded from JSON (config, IPC) before it is sent: kind, ids,
 * detail and telephony values, with the same messages as `parseFilter`. On success returns the
 * same object; `error.filter` is the built string (or `String(f)` if it cannot be built).
 */
export function validateFilter(f: Filter): FilterResult {
  if (typeof f !== 'object' || f === null) return failure('filter must be an object', String(f))
  const message = filterError(f)
  if (message === undefined) return { ok: true, filter: f }
  // buildFilter returns nothing for an unknown kind and throws on a missing `params` object.
  let shown: string | undefined
  try {
    shown = buildFilter(f)
  } catch {
    shown = undefined
  }
  return failure(message, typeof shown === 'string' ? shown : JSON.stringify(f))
}
