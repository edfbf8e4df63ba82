/**
 * What a RingCentral id may look like when it comes from outside the core (the renderer, a
 * settings file): one rule for the IPC contract and for call control, which puts ids into REST
 * paths (`…/telephony/sessions/{telephonySessionId}/parties/{partyId}/pickup`).
 *
 * Real ids are short tokens: extension and device ids are decimal (`297277020`), telephony
 * sessions `s-` plus 32 hex digits, parties the same hex with `p-` and a `-n` suffix
 * (`p-9cdb248614c94aa7ba68135f6c07b808-1`), which is also what the emulator issues. The rule
 * admits RFC 3986's unreserved characters (letters, digits, `-`, `.`, `_`, `~`), which need no
 * escaping in a path segment, plus `:` (also legal in a segment; both older rules allowed it).
 *
 * `*` and `#` are not id characters: they belong to dialled numbers and park orbits (`*801`), and
 * `#` would end a URL's path. Refused outright, whatever the escaping: `.` and `..` (dot
 * segments, RFC 3986 §5.2.4, which would climb the REST path) and `~`, which RingCentral reads as
 * "the current account or extension", not as an id.
 */
import * as t from 'io-ts'

/** Ours: real ids are well under 64 characters (see above). */
export const MAX_ID_LENGTH = 128
const ID_SHAPE = new RegExp(`^[A-Za-z0-9._~:-]{1,${MAX_ID_LENGTH}}$`)
const NOT_IDS: ReadonlySet<string> = new Set(['.', '..', '~'])

export const isRcId = (v: unknown): v is string =>
  typeof v === 'string' && ID_SHAPE.test(v) && !NOT_IDS.has(v)

/**
 * The codec the IPC contract decodes ids with. Not branded: the handlers behind it take plain
 * strings, and call control checks again with `isRcId` because it is also called from the core.
 */
export const RcId = new t.Type<string, string, unknown>(
  'RcId',
  isRcId,
  (u, c) => (isRcId(u) ? t.success(u) : t.failure(u, c)),
  t.identity
)
