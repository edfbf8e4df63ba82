/**
 * The size bounds of the IPC contract as tables: for every channel, each bounded argument exactly
 * at its limit (it must pass) and one over (it must be refused with `invalid-argument`, the path
 * and the limit). Shared by the dispatch table test and the transport tests (Electron router,
 * browser bridge), so every transport is held to the same rows.
 */
import {
  MAX_CLIENT_CREDENTIAL_LENGTH,
  MAX_JWT_LENGTH,
  MAX_MONITORED_LINES,
  MAX_PHONE_NUMBER_LENGTH,
  MAX_SELECTED_LINES,
  MAX_REASON_LENGTH,
  MAX_URL_LENGTH
} from '../../src/shared/ipc/bounded'
import { MAX_ID_LENGTH } from '../../src/shared/util/ids'
import { type Channel, MAX_POPUP_ENTRIES } from '../../src/shared/ipc/contract'
import { DEFAULT_SETTINGS } from '../../src/shared/ipc/settings'
import { STATUS_CODES } from '../../src/shared/filters'

/** An id of `n` characters (decimal, as RingCentral's extension ids are). */
export const idOf = (n: number): string => '7'.repeat(n)
/** `n` distinct ids. */
export const idsOf = (n: number): string[] => Array.from({ length: n }, (_, i) => String(1e9 + i))
/** A web URL of exactly `n` characters. */
export const urlOf = (n: number): string => {
  const base = 'https://example.com/'
  return base + 'a'.repeat(n - base.length)
}
export const textOf = (n: number): string => 'x'.repeat(n)
/** An E.164 number padded with the spaces people type, to exactly `n` characters. */
export const phoneOf = (n: number): string => '+16505550100'.padEnd(n, ' ')

export interface BoundRow {
  /** What is at its limit, as a test name reads it. */
  readonly what: string
  readonly at: readonly unknown[]
  readonly over: readonly unknown[]
  /** The whole message of the refusal of `over`. */
  readonly message: string
}

const jwt = (fields: Record<string, string>): unknown[] => [
  { jwt: 'eyJ', clientId: 'client', ...fields }
]
const sessions = (fields: Record<string, unknown>): unknown[] => [
  { subscription: { accountPresence: false, accountSessions: { enabled: true, ...fields } } }
]
const rules = (selectedLines: readonly string[]): unknown[] => [
  { notifications: { ...DEFAULT_SETTINGS.notifications, selectedLines } }
]

const idRows = (channel: Channel): BoundRow[] => [
  {
    what: 'the telephony session id',
    at: [idOf(MAX_ID_LENGTH), 'p-1'],
    over: [idOf(MAX_ID_LENGTH + 1), 'p-1'],
    message: `${channel}: [0]: at most ${MAX_ID_LENGTH} characters for an id, got ${MAX_ID_LENGTH + 1}`
  },
  {
    what: 'the party id',
    at: ['s-1', idOf(MAX_ID_LENGTH)],
    over: ['s-1', idOf(MAX_ID_LENGTH + 1)],
    message: `${channel}: [1]: at most ${MAX_ID_LENGTH} characters for an id, got ${MAX_ID_LENGTH + 1}`
  }
]

const urlRow = (channel: Channel): BoundRow => ({
  what: 'the URL',
  at: [urlOf(MAX_URL_LENGTH)],
  over: [urlOf(MAX_URL_LENGTH + 1)],
  message: `${channel}: [0]: at most ${MAX_URL_LENGTH} characters for a URL, got ${MAX_URL_LENGTH + 1}`
})

/** A Record, so a new channel without its rows does not compile. */
export const BOUND_ROWS: Record<Channel, readonly BoundRow[]> = {
  'app:version': [],
  'app:open-external': [urlRow('app:open-external')],
  'sign-in:start-demo': [],
  'sign-in:open-browser': [],
  'sign-in:cancel': [],
  'sign-in:submit-jwt': [
    {
      what: 'the JWT',
      at: jwt({ jwt: textOf(MAX_JWT_LENGTH) }),
      over: jwt({ jwt: textOf(MAX_JWT_LENGTH + 1) }),
      message: `sign-in:submit-jwt: [0].jwt: at most ${MAX_JWT_LENGTH} characters for a JWT, got ${MAX_JWT_LENGTH + 1}`
    },
    {
      what: 'the client id',
      at: jwt({ clientId: textOf(MAX_CLIENT_CREDENTIAL_LENGTH) }),
      over: jwt({ clientId: textOf(MAX_CLIENT_CREDENTIAL_LENGTH + 1) }),
      message: `sign-in:submit-jwt: [0].clientId: at most ${MAX_CLIENT_CREDENTIAL_LENGTH} characters for a client id, got ${MAX_CLIENT_CREDENTIAL_LENGTH + 1}`
    },
    {
      what: 'the client secret',
      at: jwt({ clientSecret: textOf(MAX_CLIENT_CREDENTIAL_LENGTH) }),
      over: jwt({ clientSecret: textOf(MAX_CLIENT_CREDENTIAL_LENGTH + 1) }),
      message: `sign-in:submit-jwt: [0].clientSecret: at most ${MAX_CLIENT_CREDENTIAL_LENGTH} characters for a client secret, got ${MAX_CLIENT_CREDENTIAL_LENGTH + 1}`
    }
  ],
  'sign-in:sign-out': [],
  'sign-in:set-server': [urlRow('sign-in:set-server')],
  'state:get': [],
  'connection:retry-now': [],
  'calls:pick-up-parked': idRows('calls:pick-up-parked'),
  'calls:answer': idRows('calls:answer'),
  'calls:hold': idRows('calls:hold'),
  'calls:unhold': idRows('calls:unhold'),
  'calls:pick-up': idRows('calls:pick-up'),
  'phone:setup': [],
  'phone:report': [
    {
      what: 'the reason',
      at: [{ registered: false, reason: textOf(MAX_REASON_LENGTH) }],
      over: [{ registered: false, reason: textOf(MAX_REASON_LENGTH + 1) }],
      message: `phone:report: [0].reason: at most ${MAX_REASON_LENGTH} characters for a reason, got ${MAX_REASON_LENGTH + 1}`
    }
  ],
  'devices:list': [],
  'directory:list': [],
  'lines:set-monitored': [
    {
      what: 'the number of lines',
      at: [idsOf(MAX_MONITORED_LINES)],
      over: [idsOf(MAX_MONITORED_LINES + 1)],
      message: `lines:set-monitored: [0]: at most ${MAX_MONITORED_LINES} lines, got ${MAX_MONITORED_LINES + 1}`
    },
    {
      what: 'a line id',
      at: [['1', idOf(MAX_ID_LENGTH)]],
      over: [['1', idOf(MAX_ID_LENGTH + 1)]],
      message: `lines:set-monitored: [0][1]: at most ${MAX_ID_LENGTH} characters for an id, got ${MAX_ID_LENGTH + 1}`
    }
  ],
  'settings:get': [],
  'settings:status': [],
  'settings:update': [
    {
      what: 'the server URL',
      at: [{ server: urlOf(MAX_URL_LENGTH) }],
      over: [{ server: urlOf(MAX_URL_LENGTH + 1) }],
      message: `settings:update: [0].server: at most ${MAX_URL_LENGTH} characters for a server URL, got ${MAX_URL_LENGTH + 1}`
    },
    {
      what: 'the preferred device id',
      at: [{ preferredDeviceId: idOf(MAX_ID_LENGTH) }],
      over: [{ preferredDeviceId: idOf(MAX_ID_LENGTH + 1) }],
      message: `settings:update: [0].preferredDeviceId: at most ${MAX_ID_LENGTH} characters for an id, got ${MAX_ID_LENGTH + 1}`
    },
    {
      what: 'the selected lines',
      at: rules(idsOf(MAX_SELECTED_LINES)),
      over: rules(idsOf(MAX_SELECTED_LINES + 1)),
      message: `settings:update: [0].notifications.selectedLines: at most ${MAX_SELECTED_LINES} selected lines, got ${MAX_SELECTED_LINES + 1}`
    },
    {
      what: 'the phone number',
      at: sessions({ phoneNumber: phoneOf(MAX_PHONE_NUMBER_LENGTH) }),
      over: sessions({ phoneNumber: phoneOf(MAX_PHONE_NUMBER_LENGTH + 1) }),
      message: `settings:update: [0].subscription.accountSessions.phoneNumber: at most ${MAX_PHONE_NUMBER_LENGTH} characters for a phone number, got ${MAX_PHONE_NUMBER_LENGTH + 1}`
    },
    {
      what: 'the status codes',
      at: sessions({ statusCodes: [...STATUS_CODES] }),
      over: sessions({ statusCodes: [...STATUS_CODES, 'Setup'] }),
      message: `settings:update: [0].subscription.accountSessions.statusCodes: at most ${STATUS_CODES.length} status codes, got ${STATUS_CODES.length + 1}`
    }
  ],
  'diagnostics:get': [],
  'diagnostics:export': [],
  'popup:report': [
    {
      what: 'the entry count',
      at: [{ entries: MAX_POPUP_ENTRIES, clicked: false }],
      over: [{ entries: MAX_POPUP_ENTRIES + 1, clicked: false }],
      message: `popup:report: [0].entries: at most ${MAX_POPUP_ENTRIES} pop-up entries, got ${MAX_POPUP_ENTRIES + 1}`
    }
  ]
}

/** `n` characters that JSON writes as six bytes each (`\u0000`): the costliest a string can be. */
const costly = (n: number): string => '\u0000'.repeat(n)
const costlyUrl = (n: number): string => {
  const base = 'https://example.com/'
  return base + costly(n - base.length)
}

/**
 * For every channel, the biggest argument list it accepts: every bounded field at its limit at
 * once, each character the costliest JSON can make it. What the bridge's frame bound must admit.
 */
export const LARGEST_ARGS: Record<Channel, readonly unknown[]> = {
  'app:version': [],
  'app:open-external': [costlyUrl(MAX_URL_LENGTH)],
  'sign-in:start-demo': [],
  'sign-in:open-browser': [],
  'sign-in:cancel': [],
  'sign-in:submit-jwt': [
    {
      jwt: costly(MAX_JWT_LENGTH),
      clientId: costly(MAX_CLIENT_CREDENTIAL_LENGTH),
      clientSecret: costly(MAX_CLIENT_CREDENTIAL_LENGTH)
    }
  ],
  'sign-in:sign-out': [],
  'sign-in:set-server': [costlyUrl(MAX_URL_LENGTH)],
  'state:get': [],
  'connection:retry-now': [],
  'calls:pick-up-parked': [idOf(MAX_ID_LENGTH), idOf(MAX_ID_LENGTH)],
  'calls:answer': [idOf(MAX_ID_LENGTH), idOf(MAX_ID_LENGTH)],
  'calls:hold': [idOf(MAX_ID_LENGTH), idOf(MAX_ID_LENGTH)],
  'calls:unhold': [idOf(MAX_ID_LENGTH), idOf(MAX_ID_LENGTH)],
  'calls:pick-up': [idOf(MAX_ID_LENGTH), idOf(MAX_ID_LENGTH)],
  'phone:setup': [],
  'phone:report': [{ registered: false, reason: costly(MAX_REASON_LENGTH) }],
  'devices:list': [],
  'directory:list': [],
  'lines:set-monitored': [Array.from({ length: MAX_MONITORED_LINES }, () => idOf(MAX_ID_LENGTH))],
  'settings:get': [],
  'settings:status': [],
  'settings:update': [
    {
      server: costly(MAX_URL_LENGTH),
      preferredDeviceId: idOf(MAX_ID_LENGTH),
      notifications: {
        enabled: true,
        lines: 'selected',
        selectedLines: Array.from({ length: MAX_SELECTED_LINES }, () => idOf(MAX_ID_LENGTH)),
        queueCallsOnly: false,
        quietWhenDnd: true
      },
      startAtLogin: false,
      theme: 'system',
      phoneDevices: { ringer: costly(256), input: costly(256), output: costly(256) },
      subscription: {
        accountPresence: true,
        accountSessions: {
          enabled: true,
          direction: 'Outbound',
          missedCall: false,
          phoneNumber: costly(MAX_PHONE_NUMBER_LENGTH),
          statusCodes: [...STATUS_CODES],
          withRecordings: false
        }
      }
    }
  ],
  'diagnostics:get': [],
  'diagnostics:export': [],
  'popup:report': [{ entries: 5, clicked: true }]
}
