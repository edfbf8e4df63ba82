/**
 * REST resync: rebuilds presence and calls from the platform when notifications may have been lost
 * (failed recovery, a dead socket, a gap, a resume) and on a slow safety poll. It reads the presence
 * of the agent, the monitored lines and the favorites (in batches, presence-read.ts), then every
 * call session those presences or the current state mention; a session that answers 404 has ended
 * and leaves the state.
 */
import * as t from 'io-ts'
import { arrayOf, Str, struct } from '../../../shared/events'
import { createRestClient, describeFailure, type RestOutcome } from '../rest'
import { decodeRestSession } from '../state'
import type { Readback, ReadbackSession } from '../state'
import { readPresences } from './presence-read'
import { getJson, mapLimit, type RestDeps } from './rest'

const AnyJson = new t.Type<unknown>('json', (_u): _u is unknown => true, t.success, t.identity)

export interface ResyncInput {
  readonly ownerId: string
  readonly extensions: readonly string[]
  /** Sessions the state knows now; each is checked, so ended ones do not linger as phantoms. */
  readonly knownSessions: readonly string[]
}

export interface ResyncResult {
  /**
   * Absent when a call could not be checked: a readback replaces the whole set of calls, so one
   * built on a guess would drop a live call. The caller retries later instead.
   */
  readonly readback?: Readback
  readonly problems: readonly string[]
}

/**
 * Parallel requests during a resync: enough to be quick, few enough to respect Light limits and
 * well under the gateway's advertised `maxActiveRequests` (10, docs/platform.md#connection-limits);
 * test/main/core/integration/readback-concurrency.test.ts holds it there.
 */
const CONCURRENCY = 4

/** `GET …/active-calls`: paged call-log records; only their `telephonySessionId` is read. */
const ActiveCalls = struct(
  'ActiveCalls',
  { records: arrayOf(struct('ActiveCallRecord', {}, { telephonySessionId: Str })) },
  { navigation: struct('Navigation', {}, { nextPage: struct('Link', { uri: Str }) }) }
)
export const ACTIVE_CALLS_PATH = '/restapi/v1.0/account/~/active-calls?view=Simple&perPage=1000'
const ACTIVE_CALL_PAGES = 5

/**
 * The account's live sessions from its active calls (Heavy, `ReadCallLog`): the only read that
 * finds a call parked at a park location, whose REST presence is Offline only
 * (docs/platform.md#parked-calls-after-an-outage). Optional: without the permission, or when
 * rate-limited (never waited for: Heavy allows 10 a minute), the resync goes on with the sessions
 * it knows and says why in its problems.
 */
async function activeSessionIds(deps: RestDeps, problems: string[]): Promise<string[]> {
  const rest = createRestClient(deps)
  const ids: string[] = []
  let path: string | undefined = ACTIVE_CALLS_PATH
  for (let page = 0; path !== undefined && page < ACTIVE_CALL_PAGES; page++) {
    const out: RestOutcome<t.TypeOf<typeof ActiveCalls>> = await rest.get(path, {
      codec: ActiveCalls,
      maxRateLimitWaits: 0
    })
    if (!out.ok) {
      problems.push(`calls parked elsewhere not looked for: ${describeFailure(out.failure, path)}`)
      return ids
    }
    for (const r of out.value.records) if (r.telephonySessionId) ids.push(r.telephonySessionId)
    path = out.value.navigation?.nextPage?.uri
  }
  return ids
}

export async function buildReadback(deps: RestDeps, input: ResyncInput): Promise<ResyncResult> {
  const problems: string[] = []
  const at = new Date(deps.clock.now()).toISOString()
  const ids = [...new Set([input.ownerId, ...input.extensions])]
  const reads = await readPresences(deps, ids)
  problems.push(...reads.problems)
  const records = reads.records
  const sessionIds = new Set([...input.knownSessions, ...(await activeSessionIds(deps, problems))])
  for (const p of records) {
    const calls = 'activeCalls' in p ? (p.activeCalls ?? []) : []
    for (const c of calls) if (c.telephonySessionId) sessionIds.add(c.telephonySessionId)
  }
  let failed = false
  const sessions = await mapLimit([...sessionIds], CONCURRENCY, async (id) => {
    const r = await getJson(deps, `/restapi/v1.0/account/~/telephony/sessions/${id}`, AnyJson)
    if (!r.ok) {
      // 404: the call ended. Anything else: we do not know, and must not drop it on a guess.
      if (r.status !== 404) {
        failed = true
        problems.push(`call ${id}: ${r.message}`)
      }
      return undefined
    }
    const d = decodeRestSession(r.value)
    if (!d.ok)
      problems.push(`call ${id}: ${d.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`)
    return d.ok ? d.value : undefined
  })
  if (failed) return { problems }
  return {
    readback: {
      at,
      presence: records,
      sessions: sessions.filter((s): s is ReadbackSession => s !== undefined),
      hidden: reads.hidden
    },
    problems
  }
}
