/**
 * The one IPC contract. Every channel is a `domain:verb` name with an io-ts codec for its arguments
 * (a tuple) and one for its result. The main-process router, the preload and the browser-mode
 * bridge are all derived from this table, so none of them can drift from the others.
 *
 * Arguments are the security boundary (a compromised renderer controls them): they are decoded
 * strictly in main before any handler runs. Results come from main, which the renderer trusts; their
 * codecs check the shape cheaply instead of re-validating large snapshots, and only where io-ts is
 * loaded anyway (`decodeResult`). The names and the envelope live in channels.ts, without io-ts,
 * for the preload. Every argument has a size bound (bounded.ts says which limits are RingCentral's
 * and which are ours), and every object argument is exact: keys the contract does not name are
 * dropped before a handler, or the settings file, sees them.
 */
import * as t from 'io-ts'
import { PhoneSetup } from '../phone/provision'
import type { SipPickupPlan } from '../phone/replaces'
import type { StateSnapshot } from '../state/patches'
import {
  boundedArray,
  boundedCount,
  BoundedRcId,
  boundedString,
  MAX_CLIENT_CREDENTIAL_LENGTH,
  MAX_JWT_LENGTH,
  MAX_MONITORED_LINES,
  MAX_REASON_LENGTH,
  MAX_URL_LENGTH
} from './bounded'
import type { Channel, EventName, Events } from './channels'
import type { SettingsStatus } from './policy'
import { Settings, SettingsPatch } from './settings'
import type { DeviceView, DiagnosticsView, DirectoryEntryView, StatusView } from './status'

export {
  CHANNELS,
  type Channel,
  type Envelope,
  EVENT_NAMES,
  type EventName,
  type Events
} from './channels'

/** Only web pages go to the system browser; `file:`, `javascript:` and custom schemes never do. */
export const WebUrl = t.refinement(
  boundedString(MAX_URL_LENGTH, 'a URL'),
  (s) => {
    try {
      const u = new URL(s)
      return (
        (u.protocol === 'https:' || u.protocol === 'http:') &&
        u.username === '' &&
        u.password === ''
      )
    } catch {
      return false
    }
  },
  'WebUrl'
)

/** A result whose value main built: checked to be present, trusted for its inner shape. */
const trusted = <A>(name: string): t.Type<A, A, unknown> =>
  new t.Type<A, A, unknown>(
    name,
    (u): u is A => u !== undefined,
    (u, c) => (u !== undefined ? t.success(u as A) : t.failure(u, c)),
    t.identity
  )

/** No arguments: io-ts has no empty tuple, so an explicit codec for `[]`. */
const none = new t.Type<[], [], unknown>(
  '[]',
  (u): u is [] => Array.isArray(u) && u.length === 0,
  (u, c) => (Array.isArray(u) && u.length === 0 ? t.success([]) : t.failure(u, c)),
  t.identity
)
const call = t.tuple([BoundedRcId, BoundedRcId])

/** The most entries the tray pop-up stacks; more wait until one closes. */
export const MAX_POPUP_ENTRIES = 5

/** What the pop-up route reports to its shell (`popup:report`). */
export const PopupReport = t.exact(
  t.type({
    entries: boundedCount(MAX_POPUP_ENTRIES, 'pop-up entries'),
    clicked: t.boolean
  })
)
export type PopupReport = t.TypeOf<typeof PopupReport>

const Jwt = boundedString(MAX_JWT_LENGTH, 'a JWT')
const ClientId = boundedString(MAX_CLIENT_CREDENTIAL_LENGTH, 'a client id')
const ClientSecret = boundedString(MAX_CLIENT_CREDENTIAL_LENGTH, 'a client secret')
const MonitoredLines = boundedArray(BoundedRcId, MAX_MONITORED_LINES, 'lines')

/** Outcome of a call action that succeeded. */
export interface CallOutcome {
  readonly telephonySessionId: string
  readonly partyId: string
  /** The agent's device the call now rings or plays on (answer and pickups), by its name. */
  readonly device: string | null
}

export const contract = {
  'app:version': { args: none, result: t.string },
  'app:open-external': { args: t.tuple([WebUrl]), result: t.null },
  /** Starts the embedded demo and signs in to it. */
  'sign-in:start-demo': { args: none, result: t.null },
  /** Signs in through the system browser; replies when the agent finished there (up to 5 minutes). */
  'sign-in:open-browser': { args: none, result: t.null },
  /** Stops a browser sign-in: its pending reply is then a `cancelled` failure. */
  'sign-in:cancel': { args: none, result: t.null },
  /** Exchanges a JWT (typed by the agent) for tokens; the JWT itself is never stored. */
  'sign-in:submit-jwt': {
    args: t.tuple([
      t.exact(
        t.intersection([
          t.type({ jwt: Jwt, clientId: ClientId }),
          t.partial({ clientSecret: ClientSecret })
        ])
      )
    ]),
    result: t.null
  },
  'sign-in:sign-out': { args: none, result: t.null },
  /** The RingCentral server the next sign-in goes to. */
  'sign-in:set-server': { args: t.tuple([WebUrl]), result: t.null },
  'state:get': {
    args: none,
    result: trusted<{ readonly status: StatusView; readonly snapshot: StateSnapshot }>('State')
  },
  /** Reconnect now instead of at the countdown's end; false when there is nothing to bring forward. */
  'connection:retry-now': { args: none, result: t.boolean },
  'calls:pick-up-parked': { args: call, result: trusted<CallOutcome>('CallOutcome') },
  'calls:answer': { args: call, result: trusted<CallOutcome>('CallOutcome') },
  'calls:hold': { args: call, result: trusted<CallOutcome>('CallOutcome') },
  'calls:unhold': { args: call, result: trusted<CallOutcome>('CallOutcome') },
  /**
   * Held or ringing calls on monitored lines: main authorises the pickup against its own state and
   * returns the INVITE's target and `Replaces`; the renderer's phone sends it.
   */
  'calls:pick-up': { args: call, result: trusted<SipPickupPlan>('SipPickupPlan') },
  /**
   * The web phone's SIP credentials and instance id. The page decodes them again with the same
   * codec (src/shared/phone/provision.ts); the password never reaches a log or an export.
   */
  'phone:setup': { args: none, result: PhoneSetup },
  /**
   * The web phone registered or lost its registration (and why): decides the default pickup
   * device, and the reason goes to diagnostics.
   */
  'phone:report': {
    args: t.tuple([
      t.exact(
        t.intersection([
          t.type({ registered: t.boolean }),
          t.partial({ reason: boundedString(MAX_REASON_LENGTH, 'a reason') })
        ])
      )
    ]),
    result: t.null
  },
  'devices:list': { args: none, result: trusted<readonly DeviceView[]>('Devices') },
  'directory:list': { args: none, result: trusted<readonly DirectoryEntryView[]>('Directory') },
  'lines:set-monitored': { args: t.tuple([MonitoredLines]), result: t.null },
  'settings:get': { args: none, result: Settings },
  'settings:update': { args: t.tuple([SettingsPatch]), result: Settings },
  /**
   * Beside the settings: the admin policy (applied, refused, and what it locks) and whether the
   * shell holds the pickup shortcut. Read again after a shortcut change, which registers at once.
   */
  'settings:status': { args: none, result: trusted<SettingsStatus>('SettingsStatus') },
  'diagnostics:get': { args: none, result: trusted<DiagnosticsView>('Diagnostics') },
  'diagnostics:export': {
    args: none,
    result: t.type({ fileName: t.string, content: t.string })
  },
  /**
   * The tray pop-up route says how many entries it shows (the shell sizes, shows or hides its
   * window) and whether the agent clicked it (only then may it take keyboard focus).
   */
  'popup:report': { args: t.tuple([PopupReport]), result: t.null }
  // Exactly the channels of channels.ts: a missing or an extra key does not compile.
} as const satisfies Record<Channel, { readonly args: t.Mixed; readonly result: t.Mixed }>

export type Contract = typeof contract
export type ArgsOf<C extends Channel> = t.TypeOf<Contract[C]['args']>
export type ResultOf<C extends Channel> = t.TypeOf<Contract[C]['result']>

/**
 * The result check `createApi` takes where io-ts is loaded anyway (browser mode's page, renderer
 * tests): the value decoded with the channel's result codec, or `undefined` if it does not fit.
 * The preload does without it (see channels.ts).
 */
export function decodeResult(
  channel: Channel,
  value: unknown
): { readonly value: unknown } | undefined {
  const decoded = (contract[channel].result as t.Mixed).decode(value)
  return decoded._tag === 'Right' ? { value: decoded.right as unknown } : undefined
}

/**
 * Sends one event to the page: every Ringside window in Electron, every bridge client in browser
 * mode. Both shells give the host one of these; an event with nobody to receive it is dropped.
 */
export type EmitEvent = <E extends EventName>(event: E, payload: Events[E]) => void
