/**
 * Decoders for the REST responses a resync reads, built from the same codecs as the
 * notifications, so a readback and an event describe presence and parties in one shape:
 * - `GET …/extension/{id}/presence?detailedTelephonyState=true&sipData=true` has the detailed
 *   presence fields but names the extension as `extension: {id, extensionNumber}`, not
 *   `extensionId`; the id is copied over before decoding;
 * - `GET …/telephony/sessions/{id}` is `{id, origin, parties[]}` (no sequence), its parties'
 *   `attributes.queueCall` read as `queueCall`.
 * Pure; the caller does the HTTP.
 */
import {
  arrayOf,
  DetailedPresenceSipBody,
  Id,
  Int,
  Origin,
  Party,
  reportErrors,
  runDecode,
  Str,
  struct,
  type DecodeIssue
} from '../../../shared/events'
import type { ReadbackPresence, ReadbackSession } from './types'

export type ReadbackDecode<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly errors: readonly DecodeIssue[] }

const ExtensionRef = struct('ExtensionRef', { id: Id }, { extensionNumber: Str })

const RestSession = struct(
  'RestSession',
  { id: Str, parties: arrayOf(Party) },
  { origin: Origin, sequence: Int }
)

function decoded<T>(r: {
  value?: T
  errors: Parameters<typeof reportErrors>[0]
}): ReadbackDecode<T> {
  return r.value === undefined
    ? { ok: false, errors: reportErrors(r.errors) }
    : { ok: true, value: r.value }
}

export function decodeRestPresence(u: unknown): ReadbackDecode<ReadbackPresence> {
  const isObject = typeof u === 'object' && u !== null && !Array.isArray(u)
  const ext = isObject
    ? runDecode(ExtensionRef, (u as { extension?: unknown }).extension)
    : undefined
  if (!isObject || ext?.value === undefined) {
    return { ok: false, errors: [{ path: 'extension.id', message: 'expected the extension id' }] }
  }
  const body = runDecode(DetailedPresenceSipBody, { ...u, extensionId: ext.value.id })
  if (body.value === undefined) return decoded(body)
  return { ok: true, value: { ...body.value, extension: ext.value } }
}

/**
 * REST's `CallParty` says `attributes: {queueCall: true}` where events say `queueCall: true`; the
 * flag is copied across so a readback does not forget which legs a queue delivered.
 */
function withQueueFlags(u: unknown): unknown {
  if (typeof u !== 'object' || u === null) return u
  const parties = (u as { parties?: unknown }).parties
  if (!Array.isArray(parties)) return u
  return {
    ...u,
    parties: parties.map((p: unknown) => {
      if (typeof p !== 'object' || p === null || 'queueCall' in p) return p
      const attributes = (p as { attributes?: unknown }).attributes
      const flag =
        typeof attributes === 'object' && attributes !== null
          ? (attributes as { queueCall?: unknown }).queueCall
          : undefined
      return flag === true ? { ...p, queueCall: true } : p
    })
  }
}

export function decodeRestSession(u: unknown): ReadbackDecode<ReadbackSession> {
  return decoded(runDecode(RestSession, withQueueFlags(u)))
}
