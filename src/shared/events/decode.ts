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
import { compile } from './compile'
import { NotificationEnvelope } from './envelope'
import { BAIL as BAIL_IMPORT, type FastCheck, INVALID as INVALID_IMPORT } from './fast'
import { FavoritesBody, LineListBody } from './lists'
import {
  AccountPresenceBody,
  DetailedPresenceBody,
  DetailedPresenceSipBody,
  ExtensionPresenceBody
} from './presence'
import { TelephonySessionBody } from './telephony'
/** Local bindings: an imported binding can compile to a getter call per use, felt in hot loops. */
const BAIL = BAIL_IMPORT
const INVALID = INVALID_IMPORT

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

interface Classified {
  readonly kind: EventKind
  readonly source?: PresenceSource
}
/**
 * Every answer `classify` can give, made once: it runs for every notification, and the answer
 * depends only on the path, so a fresh object per call was garbage for nothing.
 */
const CLASSIFIED = {
  'telephony-sessions': { kind: 'telephony-sessions' },
  'line-list': { kind: 'line-list' },
  favorites: { kind: 'favorites' },
  account: { kind: 'account-presence', source: 'account' }
} as const satisfies Record<string, Classified>
const PRESENCE_KINDS = ['detailed-presence-sip', 'detailed-presence', 'extension-presence'] as const
const PRESENCE_SOURCES = ['own', 'line', 'favorite'] as const
const PRESENCE = Object.fromEntries(
  PRESENCE_KINDS.map((kind) => [
    kind,
    Object.fromEntries(PRESENCE_SOURCES.map((source) => [source, Object.freeze({ kind, source })]))
  ])
) as Record<(typeof PRESENCE_KINDS)[number], Record<(typeof PRESENCE_SOURCES)[number], Classified>>
for (const c of Object.values(CLASSIFIED)) Object.freeze(c)

const NO_OPTIONS: DecodeOptions = Object.freeze({})

/** Picks the body kind and, for presence, the subscription it came through. */
export function classify(
  path: EventPath,
  ownerId: string | undefined,
  options: DecodeOptions = NO_OPTIONS
): Classified {
  switch (path.resource) {
    case 'telephony-sessions':
    case 'line-list':
    case 'favorites':
      return CLASSIFIED[path.resource]
    case 'account-presence':
      return CLASSIFIED.account
    case 'line-presence':
    case 'favorite-presence':
    case 'extension-presence': {
      const source =
        path.resource === 'line-presence'
          ? 'line'
          : path.resource === 'favorite-presence'
            ? 'favorite'
            : 'own'
      if (path.detail === 'detailed-sip') return PRESENCE['detailed-presence-sip'][source]
      if (path.detail === 'detailed') return PRESENCE['detailed-presence'][source]
      const foreign =
        path.resource === 'extension-presence' &&
        (options.accountPresence === true ||
          (ownerId !== undefined && path.extensionId !== undefined && path.extensionId !== ownerId))
      return foreign ? CLASSIFIED.account : PRESENCE['extension-presence'][source]
    }
  }
}

/**
 * Decodes one notification envelope and its body. Never throws. The compiled checks answer the
 * common case (valid, no warning); anything else is decoded by io-ts, which is the definition and
 * writes every error and warning (docs/performance.md#decoding).
 */
export function decodeNotification(u: unknown, options: DecodeOptions = NO_OPTIONS): DecodeResult {
  return decodeCompiled(u, options) ?? decodeNotificationByIoTs(u, options)
}

const ENVELOPE_CHECK = compile(NotificationEnvelope)?.check
const BODY_CHECKS = Object.fromEntries(
  EVENT_KINDS.map((kind) => [kind, compile(BODY_CODECS[kind])?.check])
) as Record<EventKind, FastCheck | undefined>

/**
 * Event paths repeat: one per subscription, one per extension for account telephony. Parsing the
 * same text again is a third of a decode, so parsed paths are kept, frozen because notifications
 * share them. Bounded: the map is emptied when full, so a stream of distinct paths costs a parse each.
 */
const PATH_CACHE_SIZE = 4096
const pathCache = new Map<string, EventPath>()

const freezePath = (path: EventPath): EventPath => {
  if ('params' in path) Object.freeze(path.params)
  return Object.freeze(path)
}

/**
 * The last few paths, compared before the Map: a text from JSON.parse is a fresh string, so the Map
 * hashes all of its ~90 characters on every lookup, where `===` rejects a different length at once
 * and compares the bytes of an equal one. A socket carries the paths of a few subscriptions.
 */
const RECENT = 4
const recentTexts: string[] = []
const recentPaths: EventPath[] = []
let recentNext = 0

function cachedEventPath(event: string): EventPath | undefined {
  for (let i = 0; i < recentTexts.length; i++) if (recentTexts[i] === event) return recentPaths[i]
  const path = mappedEventPath(event)
  if (path !== undefined) {
    recentTexts[recentNext] = event
    recentPaths[recentNext] = path
    recentNext = (recentNext + 1) % RECENT
  }
  return path
}

function mappedEventPath(event: string): EventPath | undefined {
  const hit = pathCache.get(event)
  if (hit !== undefined) return hit
  const parsed = parseEventPath(event)
  if (!parsed.ok) return undefined
  if (pathCache.size >= PATH_CACHE_SIZE) pathCache.clear()
  const path = freezePath(parsed.path)
  pathCache.set(event, path)
  return path
}

const isFailure = (r: unknown): boolean => r === INVALID || r === BAIL
/** The warnings and errors of a clean decode: one frozen empty list, not two new ones each time. */
const NONE: readonly [] = Object.freeze([]) as readonly []

/** The envelope's keys in the order the platform writes them (docs/platform.md#notification-envelope). */
const USUAL_KEYS = ['uuid', 'event', 'timestamp', 'subscriptionId', 'ownerId', 'body'] as const

/**
 * Whether the envelope's own keys are exactly `USUAL_KEYS` in that order: then a literal builds the
 * value, with no copy loop, no `__proto__` key to mind and one shape for every such notification.
 * `for…in` lists own keys before inherited ones, so when the last key is own, all of them are.
 */
function hasUsualKeys(envelope: object): boolean {
  let n = 0
  for (const k in envelope) if (n >= USUAL_KEYS.length || k !== USUAL_KEYS[n++]) return false
  return n === USUAL_KEYS.length && Object.prototype.hasOwnProperty.call(envelope, 'body')
}

/**
 * `{ ...envelope, kind, body, path, source }`, the io-ts path's value, with the same keys in the same
 * order. A spread with extra properties costs about ten times a copy by `Object.assign` followed by
 * stores in V8 (measured: docs/performance.md#decoding). Assign would SET an own `__proto__` key
 * (JSON.parse makes one from `"__proto__"`) instead of copying it, so such an envelope bails.
 */
function assemble(
  envelope: NotificationEnvelope,
  kind: EventKind,
  body: unknown,
  path: EventPath,
  source: PresenceSource | undefined
): Notification | undefined {
  if (hasUsualKeys(envelope)) {
    const { uuid, event, timestamp, subscriptionId, ownerId } = envelope
    // The spread's order: the envelope's keys (the body keeps its place), then kind, path, source.
    return (
      source === undefined
        ? { uuid, event, timestamp, subscriptionId, ownerId, body, kind, path }
        : { uuid, event, timestamp, subscriptionId, ownerId, body, kind, path, source }
    ) as Notification
  }
  if (Object.prototype.hasOwnProperty.call(envelope, '__proto__')) return undefined
  const value: Record<string, unknown> = Object.assign({}, envelope)
  value.kind = kind
  value.body = body
  value.path = path
  if (source !== undefined) value.source = source
  return value as Notification
}

/** The compiled path: a result only for a valid notification without warnings, else `undefined`. */
function decodeCompiled(u: unknown, options: DecodeOptions): DecodeResult | undefined {
  const env = ENVELOPE_CHECK?.(u) ?? BAIL
  if (isFailure(env)) return undefined
  const envelope = env as NotificationEnvelope
  const path = cachedEventPath(envelope.event)
  if (path === undefined) return undefined
  const { kind, source } = classify(path, envelope.ownerId, options)
  const body = BODY_CHECKS[kind]?.(envelope.body) ?? BAIL
  if (isFailure(body)) return undefined
  const value = assemble(envelope, kind, body, path, source)
  if (value === undefined) return undefined
  return { ok: true, kind, value, warnings: NONE, errors: NONE }
}

/**
 * The io-ts-only decode: the definition the compiled path must agree with (the property test
 * compares them) and the baseline of `npm run bench:decode`.
 */
export function decodeNotificationByIoTs(
  u: unknown,
  options: DecodeOptions = NO_OPTIONS
): DecodeResult {
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
export function decodeNotificationText(
  text: string,
  options: DecodeOptions = NO_OPTIONS
): DecodeResult {
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
