/**
 * Filter string → `Filter`, and validation of hand-built `Filter` values. Never throws.
 */
import { buildFilter } from './build'
import { FILTER_KINDS, isPresenceFilter, PRESENCE_DETAILS, TELEPHONY_PARAM_ORDER } from './model'
import type { Filter, FilterResult, TelephonySessionsParams } from './model'
import { idError, isId } from './path'
import { directionError, phoneNumberError, statusCodeError } from './query'
import { scanFilterString } from './scan'

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
  const scan = scanFilterString(s)
  if (!scan.ok) {
    return failure(
      scan.unknown ? `unknown filter path '${s.slice(0, scan.pathEnd)}'` : scan.message,
      s
    )
  }
  switch (scan.is) {
    case 'presence': {
      const filter: Filter = {
        kind: scan.shape.kind,
        accountId: scan.shape.accountId,
        extensionId: scan.shape.extensionId,
        detail: scan.detail
      }
      return { ok: true, filter }
    }
    case 'telephony': {
      // Copy so a caller mutating (via a cast) one result cannot affect another parse.
      const copy: TelephonySessionsParams = { ...scan.params }
      const filter: Filter =
        scan.shape.extensionId === undefined
          ? { kind: scan.shape.kind, accountId: scan.shape.accountId, params: copy }
          : {
              kind: scan.shape.kind,
              accountId: scan.shape.accountId,
              extensionId: scan.shape.extensionId,
              params: copy
            }
      return { ok: true, filter }
    }
    case 'no-query':
      return { ok: true, filter: scan.shape }
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
