/**
 * The readback's presence reads (docs/platform.md#bulk-presence): the agent, the monitored lines
 * and the favorites in batches of at most 30 extensions, one `GET …/extension/{id1},…/presence`
 * each, instead of one request per line. Each part is decoded like a single read. Per part:
 * - 200: the presence;
 * - 403 (other than a permission the app lacks, CMN-401): the colleague hides their presence, the
 *   line becomes hidden (docs/platform.md#hidden-presence);
 * - 404: an extension the platform does not know, reported;
 * - anything else, or a part that does not decode: a problem for that line only.
 * A batch refused as a whole (or one the reader cannot split) is read again line by line, so one
 * bad answer never costs the other lines. REST presence has no `sequence`: the readback's ordering
 * against notifications is the reducer's (docs/platform.md#presence-sequence), not this module's.
 */
import { arrayOf, Int, runDecode, Str, struct } from '../../../shared/events'
import {
  ApiErrorBody,
  createRestClient,
  describeFailure,
  MultipartText,
  type RestFailure
} from '../rest'
import { decodeRestPresence } from '../state'
import type { HiddenLine, ReadbackPresence } from '../state/types'
import { readMultipart } from './multipart'
import { mapLimit, type RestDeps } from './rest'

/** The batch answer's first part: one `{href, status, responseDescription}` per id, in order. */
export const BatchSummary = struct('BatchSummary', {
  response: arrayOf(struct('BatchPart', { status: Int }, { href: Str, responseDescription: Str }))
})

/** The platform's maximum per batch (readUserPresenceStatus). */
export const PRESENCE_BATCH_MAX = 30
/** A batch of 30 detailed presences is a few tens of kB; anything near this is not one. */
const MAX_BATCH_BYTES = 4 * 1024 * 1024
const CONCURRENCY = 4
const QUERY = '?detailedTelephonyState=true&sipData=true'

export interface PresenceReads {
  readonly records: ReadbackPresence[]
  readonly hidden: HiddenLine[]
  readonly problems: string[]
}

type One =
  | { readonly kind: 'presence'; readonly value: ReadbackPresence }
  | { readonly kind: 'hidden'; readonly reason: string }
  | { readonly kind: 'problem'; readonly message: string }

const presencePath = (ids: readonly string[]): string =>
  `/restapi/v1.0/account/~/extension/${ids.join(',')}/presence${QUERY}`

function fromBody(id: string, json: unknown): One {
  const d = decodeRestPresence(json)
  if (d.ok) return { kind: 'presence', value: d.value }
  const why = d.errors.map((e) => `${e.path}: ${e.message}`).join('; ')
  return { kind: 'problem', message: `presence of ${id}: ${why}` }
}

/** What an error status (with its error body) means for one line. */
function fromError(id: string, status: number | undefined, body: unknown, text: string): One {
  const err = runDecode(ApiErrorBody, body).value
  const item = err?.errors?.[0]
  const code = item?.errorCode ?? err?.errorCode
  const message = item?.message ?? err?.message ?? text
  if (status === 403 && code !== 'CMN-401') {
    return { kind: 'hidden', reason: code ? `${code}: ${message}` : message }
  }
  if (status === 404) return { kind: 'problem', message: `presence of ${id}: unknown extension` }
  return { kind: 'problem', message: `presence of ${id}: ${text}` }
}

async function readOne(deps: RestDeps, id: string): Promise<One> {
  const path = presencePath([id])
  const out = await createRestClient(deps).get(path)
  if (out.ok) return fromBody(id, out.value)
  const f: RestFailure = out.failure
  const status = f.kind === 'http' ? f.status : undefined
  return fromError(id, status, f.kind === 'http' ? f.body : undefined, describeFailure(f, path))
}

/** Splits a batch answer into one result per id, or undefined when it cannot be trusted whole. */
function splitBatch(ids: readonly string[], body: MultipartText): One[] | undefined {
  const split = readMultipart(body.contentType, body.text, {
    maxBytes: MAX_BATCH_BYTES,
    maxParts: ids.length + 1
  })
  if (!split.ok || split.parts.length !== ids.length + 1) return undefined
  const [head, ...parts] = split.parts
  const summary = runDecode(BatchSummary, parseJson(head!.body))
  if (summary.value === undefined || summary.value.response.length !== ids.length) return undefined
  const statuses = summary.value.response.map((r) => r.status)
  return ids.map((id, i) => {
    const json = parseJson(parts[i]!.body)
    const status = statuses[i]!
    if (json === undefined) return { kind: 'problem', message: `presence of ${id}: not JSON` }
    return status === 200 ? fromBody(id, json) : fromError(id, status, json, `HTTP ${status}`)
  })
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

/**
 * A batch that failed for a reason that would fail each single read too: rate limited, a server
 * error, no answer, signed out. Read one by one, 30 requests would follow one refusal.
 */
const failsAlone = (f: RestFailure): boolean =>
  f.kind === 'http' ? f.status === 429 || f.status >= 500 : f.kind !== 'invalid'

async function readBatch(deps: RestDeps, ids: readonly string[]): Promise<One[]> {
  if (ids.length === 1) return [await readOne(deps, ids[0]!)]
  const path = presencePath(ids)
  const out = await createRestClient(deps).get(path)
  if (!out.ok && failsAlone(out.failure)) {
    const message = describeFailure(out.failure, path)
    return ids.map((id) => ({ kind: 'problem', message: `presence of ${id}: ${message}` }))
  }
  const split =
    out.ok && out.value instanceof MultipartText ? splitBatch(ids, out.value) : undefined
  if (split !== undefined) return split
  // Refused whole (a 4xx) or unreadable: each line on its own, so the others are not lost with it.
  return mapLimit(ids, CONCURRENCY, (id) => readOne(deps, id))
}

export async function readPresences(
  deps: RestDeps,
  ids: readonly string[]
): Promise<PresenceReads> {
  const chunks: string[][] = []
  for (let i = 0; i < ids.length; i += PRESENCE_BATCH_MAX) {
    chunks.push(ids.slice(i, i + PRESENCE_BATCH_MAX))
  }
  const results = (await mapLimit(chunks, CONCURRENCY, (c) => readBatch(deps, c))).flat()
  const reads: PresenceReads = { records: [], hidden: [], problems: [] }
  results.forEach((r, i) => {
    if (r.kind === 'presence') reads.records.push(r.value)
    else if (r.kind === 'hidden') reads.hidden.push({ extensionId: ids[i]!, reason: r.reason })
    else reads.problems.push(r.message)
  })
  return reads
}
