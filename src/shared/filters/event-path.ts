/**
 * Classifies the `event` path of an INCOMING notification, with the scan `parseFilter` uses
 * (scan.ts). Hot path (every notification): one `indexOf('?')`, a cursor scan of the path (path.ts),
 * and for presence a direct compare against the two query strings the platform actually sends
 * (query.ts); no regex, no `new URL`, no `split`.
 *
 * What the platform delivers (so what the caller must expect):
 * - presence: the filter with real ids, query string included, e.g.
 *   `/restapi/v1.0/account/37439510/extension/297277020/presence?detailedTelephonyState=true&sipData=true`
 *   (docs/platform.md#servernotification);
 * - account presence (`/account/{a}/presence`) is delivered under the PER-EXTENSION path, e.g.
 *   `/restapi/v1.0/account/~/extension/6610372004/presence`
 *   (docs/platform.md#account-presence-event). That is textually own-extension presence, so it is
 *   reported as `extension-presence` with its `extensionId`; the caller compares it with the
 *   envelope `ownerId` / its own subscriptions;
 * - account telephony sessions deliver one notification per party with `event` rewritten to that
 *   party's `/account/{a}/extension/{e}/telephony/sessions[?…]`
 *   (docs/platform.md#delivered-event-paths): reported as `telephony-sessions` with `extensionId`
 *   set.
 */
import type { PresenceDetail, PresenceKind, TelephonySessionsParams } from './model'
import { scanFilterString } from './scan'

/** Generic so that `EventPath` has one member per resource (`Extract` and narrowing work). */
export interface PresenceEventPath<R extends PresenceKind = PresenceKind> {
  readonly resource: R
  readonly accountId: string
  readonly extensionId: string
  readonly detail: PresenceDetail
}

/** Only reached if the platform ever echoes the account filter itself (not seen in any sample). */
export interface AccountPresenceEventPath {
  readonly resource: 'account-presence'
  readonly accountId: string
}

export interface TelephonySessionsEventPath {
  readonly resource: 'telephony-sessions'
  readonly accountId: string
  /**
   * Set for per-extension paths, which is how account-level subscriptions deliver
   * (docs/platform.md#delivered-event-paths).
   */
  readonly extensionId?: string
  readonly params: TelephonySessionsParams
}

export interface ListEventPath<R extends 'line-list' | 'favorites' = 'line-list' | 'favorites'> {
  readonly resource: R
  readonly accountId: string
  readonly extensionId: string
}

export type EventPath =
  | PresenceEventPath<'extension-presence'>
  | PresenceEventPath<'line-presence'>
  | PresenceEventPath<'favorite-presence'>
  | AccountPresenceEventPath
  | TelephonySessionsEventPath
  | ListEventPath<'line-list'>
  | ListEventPath<'favorites'>

export type EventResource = EventPath['resource']

export interface EventPathError {
  readonly message: string
  readonly event: string
}

export type EventPathResult =
  | { readonly ok: true; readonly path: EventPath }
  | { readonly ok: false; readonly error: EventPathError }

const failure = (message: string, event: string): EventPathResult => ({
  ok: false,
  error: { message, event }
})

/**
 * Never throws. Like `parseFilter`, tolerates a missing `/restapi/v1.0` prefix and `~` ids (account
 * presence is delivered under `account/~`, docs/platform.md#account-presence-event). The returned
 * `params` object may be shared between results (the empty one is): treat it as read-only, as its
 * type says.
 */
export function parseEventPath(event: string): EventPathResult {
  if (typeof event !== 'string') return failure('event must be a string', String(event))
  const scan = scanFilterString(event)
  if (!scan.ok) {
    return failure(
      scan.unknown ? `unknown event path '${event}'` : `${scan.message} in event '${event}'`,
      event
    )
  }
  switch (scan.is) {
    case 'presence':
      return {
        ok: true,
        path: {
          resource: scan.shape.kind,
          accountId: scan.shape.accountId,
          extensionId: scan.shape.extensionId,
          detail: scan.detail
        }
      }
    case 'telephony': {
      const { accountId, extensionId } = scan.shape
      const path: TelephonySessionsEventPath =
        extensionId === undefined
          ? { resource: 'telephony-sessions', accountId, params: scan.params }
          : { resource: 'telephony-sessions', accountId, extensionId, params: scan.params }
      return { ok: true, path }
    }
    case 'no-query': {
      const shape = scan.shape
      return shape.kind === 'account-presence'
        ? { ok: true, path: { resource: 'account-presence', accountId: shape.accountId } }
        : {
            ok: true,
            path: {
              resource: shape.kind,
              accountId: shape.accountId,
              extensionId: shape.extensionId
            }
          }
    }
  }
}
