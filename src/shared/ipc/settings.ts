/**
 * The agent's settings: io-ts codecs (they cross IPC and are read from disk) and defaults. Partial
 * updates are decoded with the same field codecs, so a bad value is rejected with its path. Every
 * field is bounded (bounded.ts) and every object exact, so neither an update nor a hand-edited
 * file can carry more into the settings than these fields: a file that breaks a bound is damaged,
 * and Ringside starts with the defaults and says why (src/main/host/settings-store.ts).
 */
import * as t from 'io-ts'
import { STATUS_CODES } from '../filters'
import {
  boundedArray,
  BoundedRcId,
  boundedString,
  MAX_PHONE_NUMBER_LENGTH,
  MAX_SELECTED_LINES,
  MAX_URL_LENGTH,
  nullOr
} from './bounded'
import { acceleratorProblem } from '../util/accelerator'

/**
 * The `statusCode` values a telephony filter accepts (docs/platform.md#telephony-session-filters),
 * from the filter model.
 */
const FilterStatusCode = t.keyof(
  Object.fromEntries(STATUS_CODES.map((c) => [c, null])) as Record<
    (typeof STATUS_CODES)[number],
    null
  >
)

/** Longer than any accelerator Electron accepts (`CommandOrControl+Alt+Shift+F12`). */
export const MAX_ACCELERATOR_LENGTH = 64
const ShortcutText = boundedString(MAX_ACCELERATOR_LENGTH, 'a shortcut')

/**
 * A global shortcut as Electron spells it, refused with the reason when it is not one Ringside
 * can register safely (src/shared/util/accelerator.ts).
 */
export const Accelerator = new t.Type<string, string, unknown>(
  'Accelerator',
  (u): u is string =>
    typeof u === 'string' && u.length <= MAX_ACCELERATOR_LENGTH && !acceleratorProblem(u),
  (u, c) => {
    const bounded = ShortcutText.validate(u, c)
    if (bounded._tag === 'Left') return bounded
    const problem = acceleratorProblem(bounded.right)
    return problem === undefined ? t.success(bounded.right) : t.failure(u, c, problem)
  },
  t.identity
)

export const NotificationRules = t.exact(
  t.type({
    enabled: t.boolean,
    /** Pop up for every monitored line, or only for the selected ones. */
    lines: t.keyof({ all: null, selected: null }),
    selectedLines: boundedArray(BoundedRcId, MAX_SELECTED_LINES, 'selected lines'),
    queueCallsOnly: t.boolean,
    quietWhenDnd: t.boolean
  })
)
export type NotificationRules = t.TypeOf<typeof NotificationRules>

export const AccountSessionSettings = t.exact(
  t.intersection([
    t.type({ enabled: t.boolean }),
    t.partial({
      direction: t.keyof({ Inbound: null, Outbound: null }),
      missedCall: t.boolean,
      phoneNumber: boundedString(MAX_PHONE_NUMBER_LENGTH, 'a phone number'),
      // One filter per status, so never more entries than there are statuses.
      statusCodes: boundedArray(FilterStatusCode, STATUS_CODES.length, 'status codes'),
      withRecordings: t.boolean
    })
  ])
)

/** Chromium's media device ids are 64 hex characters; the bound leaves room for other browsers. */
const MediaDeviceId = nullOr(boundedString(256, 'a media device id'))

/** The web phone's audio devices (`enumerateDevices` ids); null is the system default. */
export const PhoneDevices = t.exact(
  t.type({ ringer: MediaDeviceId, input: MediaDeviceId, output: MediaDeviceId })
)
export type PhoneDevices = t.TypeOf<typeof PhoneDevices>

export const Settings = t.type({
  /** `https://platform.ringcentral.com`, a sandbox, or the emulator. */
  server: boundedString(MAX_URL_LENGTH, 'a server URL'),
  preferredDeviceId: nullOr(BoundedRcId),
  notifications: NotificationRules,
  startAtLogin: t.boolean,
  /**
   * Where a call pops up on the desktop: the tray pop-up window, a native notification, or
   * nowhere outside the app (the in-app toast and the board still show it).
   */
  popupStyle: t.keyof({ window: null, native: null, none: null }),
  /** The global shortcut that picks up the newest ringing or held call (an Electron accelerator). */
  globalShortcut: nullOr(Accelerator),
  theme: t.keyof({ system: null, light: null, dark: null }),
  subscription: t.exact(
    t.type({ accountPresence: t.boolean, accountSessions: AccountSessionSettings })
  ),
  phoneDevices: PhoneDevices
})
export type Settings = t.TypeOf<typeof Settings>

export const SettingsPatch = t.exact(t.partial(Settings.props))
export type SettingsPatch = t.TypeOf<typeof SettingsPatch>

export const DEFAULT_SETTINGS: Settings = {
  server: 'https://platform.ringcentral.com',
  preferredDeviceId: null,
  notifications: {
    enabled: true,
    lines: 'all',
    selectedLines: [],
    queueCallsOnly: false,
    quietWhenDnd: true
  },
  startAtLogin: false,
  popupStyle: 'window',
  globalShortcut: 'CommandOrControl+Alt+P',
  theme: 'system',
  subscription: { accountPresence: false, accountSessions: { enabled: true } },
  phoneDevices: { ringer: null, input: null, output: null }
}
