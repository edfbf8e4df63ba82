/**
 * The notification envelope every WebSocket ServerNotification carries
 * (docs/platform.md#notification-envelope). `subscriptionId` and `ownerId` are optional because
 * real events were seen without them (docs/platform.md#real-payloads), and the spec even moves
 * `ownerId` into the body (docs/platform.md#documents-specification-and-platform-disagree). The
 * body is checked only for being an object here; the event path decides which body codec applies.
 */
import * as t from 'io-ts'
import { Id, Str, struct, Timestamp } from './codec-kit'
import { INVALID as INVALID_IMPORT, leafShape, withShape } from './fast'
/** Local bindings: an imported binding can compile to a getter call per use, felt in hot loops. */
const INVALID = INVALID_IMPORT

const isObject = (u: unknown): u is Record<string, unknown> =>
  typeof u === 'object' && u !== null && !Array.isArray(u)

export const JsonObject = withShape(
  new t.Type<Record<string, unknown>, Record<string, unknown>, unknown>(
    'object',
    isObject,
    (u, c) => (isObject(u) ? t.success(u) : t.failure(u, c)),
    t.identity
  ),
  leafShape((u) => (isObject(u) ? u : INVALID))
)

export const NotificationEnvelope = struct(
  'NotificationEnvelope',
  // Real uuids are long decimal strings or UUIDs; a numeric one is normalised like any id.
  { uuid: Id, event: Str, timestamp: Timestamp, body: JsonObject },
  { subscriptionId: Str, ownerId: Id }
)
export type NotificationEnvelope = t.TypeOf<typeof NotificationEnvelope>
