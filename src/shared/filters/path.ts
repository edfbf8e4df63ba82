/**
 * Path half of a filter / event string, shared by `parseFilter` and `parseEventPath`.
 *
 * `parseEventPath` runs for every incoming notification (tens of thousands a second), so this is a
 * hand-written cursor scan: no regex, no `new URL`, no `split`; the only allocations are the two id
 * substrings and the result object.
 */
import type { FilterKind, PresenceKind } from './model'

/**
 * Every documented filter and every delivered `event` carries this prefix
 * (docs/platform.md#filter-paths).
 */
export const API_PREFIX = '/restapi/v1.0'

const ACCOUNT = '/account/'
const EXTENSION = '/extension/'

export type PathShape =
  | { readonly kind: 'account-presence'; readonly accountId: string }
  | {
      readonly kind: 'telephony-sessions'
      readonly accountId: string
      readonly extensionId?: string
    }
  | { readonly kind: PresenceKind; readonly accountId: string; readonly extensionId: string }
  | {
      readonly kind: 'line-list' | 'favorites'
      readonly accountId: string
      readonly extensionId: string
    }

export type PathScan =
  | { readonly ok: true; readonly shape: PathShape }
  /** `unknown`: the path is not one of ours; otherwise `message` names the bad part. */
  | { readonly ok: false; readonly unknown: boolean; readonly message: string }

const UNKNOWN: PathScan = { ok: false, unknown: true, message: '' }

/**
 * Account and extension ids are `~` (current, docs/platform.md#tilde-ids) or int64 ids, which
 * appear as decimal digits in every real path (docs/platform.md#filter-paths).
 */
export function isId(id: string): boolean {
  if (id === '~') return true
  if (id.length === 0) return false
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i)
    if (c < 48 || c > 57) return false
  }
  return true
}

export function idError(field: 'accountId' | 'extensionId', id: string): string {
  return `${field}: '${id}' must be '~' or a numeric id`
}

/** True when `s[pos, end)` is exactly `lit`. */
function tailIs(s: string, pos: number, end: number, lit: string): boolean {
  return end - pos === lit.length && s.startsWith(lit, pos)
}

/** Index of the next '/' in `s[pos, end)`, or `end`. */
function segmentEnd(s: string, pos: number, end: number): number {
  const i = s.indexOf('/', pos)
  return i === -1 || i > end ? end : i
}

type ExtensionTailKind = Exclude<FilterKind, 'account-presence'>

/** Tails after `/extension/{e}`; dispatch on length first so most mismatches cost one compare. */
function extensionTail(s: string, pos: number, end: number): ExtensionTailKind | undefined {
  switch (end - pos) {
    case 9:
      if (tailIs(s, pos, end, '/presence')) return 'extension-presence'
      return tailIs(s, pos, end, '/favorite') ? 'favorites' : undefined
    case 14:
      return tailIs(s, pos, end, '/presence/line') ? 'line-list' : undefined
    case 18:
      return tailIs(s, pos, end, '/favorite/presence') ? 'favorite-presence' : undefined
    case 19:
      return tailIs(s, pos, end, '/telephony/sessions') ? 'telephony-sessions' : undefined
    case 23:
      return tailIs(s, pos, end, '/presence/line/presence') ? 'line-presence' : undefined
    default:
      return undefined
  }
}

/**
 * Classifies `s[0, end)` (the part before any '?'). The `/restapi/v1.0` prefix is optional: filters
 * are often written without it, and the platform always echoes it (docs/platform.md#filter-paths).
 */
export function scanPath(s: string, end: number): PathScan {
  let pos =
    s.startsWith(API_PREFIX, 0) && s.startsWith(ACCOUNT, API_PREFIX.length) ? API_PREFIX.length : 0
  if (!s.startsWith(ACCOUNT, pos)) return UNKNOWN
  pos += ACCOUNT.length
  const accountEnd = segmentEnd(s, pos, end)
  const accountStart = pos
  pos = accountEnd

  let kind: FilterKind | undefined
  let extensionStart = -1
  let extensionEnd = -1
  if (tailIs(s, pos, end, '/presence')) kind = 'account-presence'
  else if (tailIs(s, pos, end, '/telephony/sessions')) kind = 'telephony-sessions'
  else if (s.startsWith(EXTENSION, pos) && pos + EXTENSION.length <= end) {
    extensionStart = pos + EXTENSION.length
    extensionEnd = segmentEnd(s, extensionStart, end)
    kind = extensionTail(s, extensionEnd, end)
  }
  if (kind === undefined) return UNKNOWN

  const accountId = s.slice(accountStart, accountEnd)
  if (!isId(accountId))
    return { ok: false, unknown: false, message: idError('accountId', accountId) }
  if (extensionStart === -1) {
    // Only account-presence and account-level telephony-sessions have no extension segment.
    return kind === 'account-presence'
      ? { ok: true, shape: { kind, accountId } }
      : { ok: true, shape: { kind: 'telephony-sessions', accountId } }
  }
  const extensionId = s.slice(extensionStart, extensionEnd)
  if (!isId(extensionId)) {
    return { ok: false, unknown: false, message: idError('extensionId', extensionId) }
  }
  if (kind === 'account-presence') return UNKNOWN // unreachable: extensionTail never yields it
  return { ok: true, shape: { kind, accountId, extensionId } }
}
