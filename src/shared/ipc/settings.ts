/**
 * The agent's settings: io-ts codecs (they cross IPC and are read from disk) and defaults. Partial
 * updates are decoded with the same field codecs, so a bad value is rejected with its path.
 */
import * as t from 'io-ts'
import { STATUS_CODES } from '../filters'

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

export const NotificationRules = t.type({
  enabled: t.boolean,
  /** Pop up for every monitored line, or only for the selected ones. */
  lines: t.keyof({ all: null, selected: null }),
  selectedLines: t.array(t.string),
  queueCallsOnly: t.boolean,
  quietWhenDnd: t.boolean
})
export type NotificationRules = t.TypeOf<typeof NotificationRules>

export const AccountSessionSettings = t.intersection([
  t.type({ enabled: t.boolean }),
  t.partial({
    direction: t.keyof({ Inbound: null, Outbound: null }),
    missedCall: t.boolean,
    phoneNumber: t.string,
    statusCodes: t.array(FilterStatusCode),
    withRecordings: t.boolean
  })
])

export const Settings = t.type({
  /** `https://platform.ringcentral.com`, a sandbox, or the emulator. */
  server: t.string,
  preferredDeviceId: t.union([t.string, t.null]),
  notifications: NotificationRules,
  startAtLogin: t.boolean,
  theme: t.keyof({ system: null, light: null, dark: null }),
  subscription: t.type({ accountPresence: t.boolean, accountSessions: AccountSessionSettings })
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
  theme: 'system',
  subscription: { accountPresence: false, accountSessions: { enabled: true } }
}
