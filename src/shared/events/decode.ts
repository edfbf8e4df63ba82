/**
 * `decodeNotification`: one entry point from an untrusted value (a parsed WebSocket frame body, a line
 * pasted by IT staff) to a typed notification. It never throws. It returns the kind, the typed value,
 * the warnings (unknown enum members, kept) and the errors (wrong structure, with readable paths).
 *
 * The event path picks the body codec: the same body shape arrives under several filters, and the
 * query string of the path (`detailedTelephonyState`, `sipData`) says how much detail to expect.
 */
import type * as t from 'io-ts'
import { parseEventPath, type EventPath } from '../filters'
import { type DecodeIssue, reportErrors, runDecode } from './codec-kit'
import { NotificationEnvelope } from './envelope'
import { FavoritesBody, LineListBody } from './lists'
import {
  AccountPresenceBody,
  DetailedPresenceBody,
  DetailedPresenceSipBody,
  ExtensionPresenceBody
} from './presence'
import { TelephonySessionBody } from './telephony'

/** Which body codec a notification was decoded with. */
export const EVENT_KINDS = [
  'extension-presence',
  'detailed-presence',
  'detailed-presence-sip',
  'account-presence',
  'telephony-sessions',
  'line-list',
  'favorites'
] as const
export type EventKind = (typeof EVENT_KINDS)[number]

/** Which subscription a presence notification came through; the body says whose presence it is. */
export type PresenceSource = 'own' | 'line' | 'favorite' | 'account'

/** The envelope's fields with the body replaced by its typed form, plus what the path told us. */
type Base<K extends EventKind, B> = Omit<NotificationEnvelope, 'body'> & {
  readonly kind: K
  readonly body: B
  readonly path: EventPath
}
export type PresenceNotification =
  | (Base<'extension-presence', ExtensionPresenceBody> & { readonly source: PresenceSource })
  | (Base<'detailed-presence', DetailedPresenceBody> & { readonly source: PresenceSource })
  | (Base<'detailed-presence-sip', DetailedPresenceSipBody> & { readonly source: PresenceSource })
  | (Base<'account-presence', AccountPresenceBody> & { readonly source: 'account' })
export type Notification =
  | PresenceNotification
  | Base<'telephony-sessions', TelephonySessionBody>
  | Base<'line-list', LineListBody>
  | Base<'favorites', FavoritesBody>

export type DecodeResult =
  | {
      readonly ok: true
      readonly kind: EventKind
      readonly value: Notification
      readonly warnings: readonly DecodeIssue[]
      readonly errors: readonly []
    }
  | {
      readonly ok: false
      /** `unknown` when the event path is not one Ringside subscribes to, `invalid` when unreadable. */
      readonly kind: EventKind | 'unknown' | 'invalid'
      readonly warnings: readonly DecodeIssue[]
      readonly errors: readonly DecodeIssue[]
    }

export interface DecodeOptions {
  /**
   * Account presence arrives under the per-extension presence path
   * (docs/platform.md#account-presence-event, docs/platform.md#delivered-event-paths), the
   * same text as own presence. When the caller knows it subscribed to account presence it says so;
   * otherwise a plain presence event for an extension other than the owner is taken as account
   * presence, because the own-presence filter only ever delivers the owner's extension.
   */
  readonly accountPresence?: boolean
}

const BODY_CODECS: Record<EventKind, t.Decoder<unknown, unknown>> = {
  'extension-presence': ExtensionPresenceBody,
  'detailed-presence': DetailedPresenceBody,
  'detailed-presence-sip': DetailedPresenceSipBody,
  'account-presence': AccountPresenceBody,
  'telephony-sessions': TelephonySessionBody,
  'line-list': LineListBody,
  favorites: FavoritesBody
}

const prefixed = (issues: readonly DecodeIssue[], prefix: string): DecodeIssue[] =>
  issues.map((i) => ({
    path: i.path === '(root)' ? prefix : `${prefix}.${i.path}`,
    message: i.message
  }))

/** Picks the body kind and, for presence, the subscription it came through. */
export function classify(
  path: EventPath,
  ownerId: string | undefined,
  options: DecodeOptions = {}
): { kind: EventKind; source?: PresenceSource } {
  switch (path.resource) {
    case 'telephony-sessions':
    case 'line-list':
    case 'favorites':
      return { kind: path.resource }
    case 'account-presence':
      return { kind: 'account-presence', source: 'account' }
    case 'line-presence':
    case 'favorite-presence':
    case 'extension-presence': {
      const source: PresenceSource =
        path.resource === 'line-presence'
          ? 'line'
          : path.resource === 'favorite-presence'
            ? 'favorite'
            : 'own'
      if (path.detail === 'detailed-sip') return { kind: 'detailed-presence-sip', source }
      if (path.detail === 'detailed') return { kind: 'detailed-presence', source }
      const foreign =
        path.resource === 'extension-presence' &&
        (options.accountPresence === true ||
          (ownerId !== undefined && path.extensionId !== undefined && path.extensionId !== ownerId))
      return foreign
        ? { kind: 'account-presence', source: 'account' }
        : { kind: 'extension-presence', source }
    }
  }
}

/** Decodes one notification envelope and its body. Never throws. */
export function decodeNotification(u: unknown, options: DecodeOptions = {}): DecodeResult {
  const env = runDecode(NotificationEnvelope, u)
  if (env.value === undefined) {
    return { ok: false, kind: 'invalid', warnings: env.warnings, errors: reportErrors(env.errors) }
  }
  const envelope = env.value
  const parsed = parseEventPath(envelope.event)
  if (!parsed.ok) {
    return {
      ok: false,
      kind: 'unknown',
      warnings: env.warnings,
      errors: [{ path: 'event', message: parsed.error.message }]
    }
  }
  const { kind, source } = classify(parsed.path, envelope.ownerId, options)
  const body = runDecode(BODY_CODECS[kind], envelope.body)
  const warnings = [...env.warnings, ...prefixed(body.warnings, 'body')]
  if (body.value === undefined) {
    return { ok: false, kind, warnings, errors: prefixed(reportErrors(body.errors), 'body') }
  }
  // The body codec was chosen by `kind`, so the pairing of kind and body type holds by construction.
  const value = {
    ...envelope,
    kind,
    body: body.value,
    path: parsed.path,
    ...(source === undefined ? {} : { source })
  } as Notification
  return { ok: true, kind, value, warnings, errors: [] }
}

/** Parses JSON text first, so a caller holding a raw frame gets the same result shape. */
export function decodeNotificationText(text: string, options: DecodeOptions = {}): DecodeResult {
  let u: unknown
  try {
    u = JSON.parse(text)
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e)
    return {
      ok: false,
      kind: 'invalid',
      warnings: [],
      errors: [{ path: '(root)', message: `not JSON: ${message}` }]
    }
  }
  return decodeNotification(u, options)
}
