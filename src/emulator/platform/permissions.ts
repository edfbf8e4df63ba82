/**
 * App permissions ("scopes" in the token response's space-separated `scope`,
 * docs/platform.md#token-endpoint).
 * The list is closed so a typo in a route declaration is a compile error.
 */
export const KNOWN_PERMISSIONS = [
  'ReadAccounts',
  'ReadPresence',
  'EditPresence',
  'CallControl',
  'WebSocketsSubscription',
  // The specification's name for the same permission (docs/platform.md#wstoken).
  'WebSocket',
  'TelephonySessions',
  'ReadCallLog',
  'ReadContacts',
  'Contacts',
  'SubscriptionWebhook',
  'VoipCalling'
] as const

export type AppPermission = (typeof KNOWN_PERMISSIONS)[number]

/** What a Ringside client app is registered with by default (docs/platform.md#app-permissions). */
export const DEFAULT_SCOPES: ReadonlyArray<AppPermission> = [
  'ReadPresence',
  'ReadAccounts',
  'CallControl',
  'WebSocketsSubscription',
  'EditPresence',
  // The account's active calls, from which a resync rediscovers parked calls
  // (docs/platform.md#parked-calls-after-an-outage).
  'ReadCallLog'
]

export function isAppPermission(value: unknown): value is AppPermission {
  return typeof value === 'string' && (KNOWN_PERMISSIONS as ReadonlyArray<string>).includes(value)
}

/**
 * The WebSocket permission: the specification names it `WebSocket` (wstoken's App Permission),
 * the developer guide and the console `WebSocketsSubscription`; an app registered with either
 * may open sockets (docs/platform.md#wstoken).
 */
export function hasWebSocketPermission(scopes: ReadonlySet<AppPermission>): boolean {
  return scopes.has('WebSocket') || scopes.has('WebSocketsSubscription')
}
