/**
 * The grammar `parseFilter` and `parseEventPath` share: a path (path.ts), then the query its kind
 * allows (query.ts). Each parser turns the result into its own type and words its own errors; the
 * scan itself is one implementation, so a filter and the `event` it delivers are read alike.
 */
import type { PresenceDetail, TelephonySessionsParams } from './model'
import { scanPath, type PathShape } from './path'
import { parseNoQuery, parsePresenceQuery, parseTelephonyQuery } from './query'

type ShapeOf<K extends PathShape['kind']> = Extract<PathShape, { readonly kind: K }>
type PresenceShape = ShapeOf<'extension-presence' | 'line-presence' | 'favorite-presence'>

export type StringScan =
  | {
      readonly ok: true
      readonly is: 'presence'
      readonly shape: PresenceShape
      readonly detail: PresenceDetail
    }
  | {
      readonly ok: true
      readonly is: 'telephony'
      readonly shape: ShapeOf<'telephony-sessions'>
      readonly params: TelephonySessionsParams
    }
  | {
      readonly ok: true
      readonly is: 'no-query'
      readonly shape: ShapeOf<'account-presence' | 'line-list' | 'favorites'>
    }
  /**
   * `unknown`: the path is not one of ours; otherwise `message` names the bad part of the path or
   * the query. `pathEnd` is where the path ends (the `?`, or the end of the string).
   */
  | {
      readonly ok: false
      readonly unknown: boolean
      readonly message: string
      readonly pathEnd: number
    }

/** Never throws; `s` must be a string (each parser checks). One `indexOf('?')`, one path scan. */
export function scanFilterString(s: string): StringScan {
  const q = s.indexOf('?')
  const pathEnd = q === -1 ? s.length : q
  const queryStart = q === -1 ? -1 : q + 1
  const path = scanPath(s, pathEnd)
  if (!path.ok) return { ok: false, unknown: path.unknown, message: path.message, pathEnd }
  const shape = path.shape
  switch (shape.kind) {
    case 'extension-presence':
    case 'line-presence':
    case 'favorite-presence': {
      const detail = parsePresenceQuery(s, queryStart, shape.kind)
      return detail.ok
        ? { ok: true, is: 'presence', shape, detail: detail.value }
        : { ok: false, unknown: false, message: detail.message, pathEnd }
    }
    case 'telephony-sessions': {
      const params = parseTelephonyQuery(s, queryStart)
      return params.ok
        ? { ok: true, is: 'telephony', shape, params: params.value }
        : { ok: false, unknown: false, message: params.message, pathEnd }
    }
    case 'account-presence':
    case 'line-list':
    case 'favorites': {
      const none = parseNoQuery(s, queryStart, shape.kind)
      return none.ok
        ? { ok: true, is: 'no-query', shape }
        : { ok: false, unknown: false, message: none.message, pathEnd }
    }
  }
}
