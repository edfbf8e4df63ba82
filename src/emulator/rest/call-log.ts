/**
 * Call-log reads, as far as a resync uses them (docs/platform.md#active-calls-over-rest):
 * `GET /account/{a}/active-calls` (company active calls) and `GET /account/{a}/extension/{e}/
 * active-calls` (user active calls), both Heavy and `ReadCallLog`, paged `CallLogRecord`s with
 * `result: "In Progress"` and the call's `telephonySessionId`. One record per live session; the
 * user read lists the sessions with a live leg on that extension.
 */
import type { Party, Session } from '../callcentre/model'
import { isLive } from '../callcentre/model'
import { remoteEnd } from '../callcentre/presence'
import { apiErrors, ok, paginate, type ApiRequest, type Router } from '../platform'
import { accountUri, type RestContext } from './shapes'

const CALL_LOG_DIRECTIONS = new Set(['Inbound', 'Outbound'])

function callerInfo(end: Party['from']): Record<string, unknown> {
  return {
    ...(end.phoneNumber === undefined ? {} : { phoneNumber: end.phoneNumber }),
    ...(end.name === undefined ? {} : { name: end.name }),
    ...(end.extensionId === undefined ? {} : { extensionId: end.extensionId })
  }
}

function record(ctx: RestContext, s: Session, first: Party): Record<string, unknown> {
  const remote = remoteEnd(first)
  const id = `${s.sessionId}-log`
  return {
    uri: `${accountUri(ctx)}/call-log/${id}`,
    id,
    sessionId: s.sessionId,
    telephonySessionId: s.telephonySessionId,
    startTime: new Date(s.creationTime).toISOString(),
    duration: Math.max(0, Math.round((ctx.engine.now() - s.creationTime) / 1000)),
    type: 'Voice',
    direction: first.direction,
    action: 'Phone Call',
    result: 'In Progress',
    from: callerInfo(first.direction === 'Inbound' ? remote : first.from),
    to: callerInfo(first.direction === 'Inbound' ? first.to : remote)
  }
}

function activeRecords(ctx: RestContext, extensionId?: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = []
  for (const s of ctx.engine.activeSessions()) {
    const live = ctx.engine.parties(s.telephonySessionId).filter(isLive)
    const mine =
      extensionId === undefined ? live : live.filter((p) => p.extensionId === extensionId)
    if (mine[0] !== undefined) out.push(record(ctx, s, mine[0]))
  }
  return out
}

/** `direction` may repeat; anything but Inbound/Outbound is refused like the platform's enums. */
function byDirection(req: ApiRequest, rows: Record<string, unknown>[]): Record<string, unknown>[] {
  const wanted = req.query.getAll('direction')
  for (const d of wanted) {
    if (!CALL_LOG_DIRECTIONS.has(d)) throw apiErrors.invalidParameter('direction', d)
  }
  return wanted.length === 0 ? rows : rows.filter((r) => wanted.includes(String(r['direction'])))
}

export function registerCallLogRoutes(router: Router, ctx: RestContext): void {
  const opts = { group: 'heavy', permission: 'ReadCallLog' } as const
  const account = '/restapi/v1.0/account/:accountId'
  router.route('GET', `${account}/active-calls`, opts, (req) => {
    const uri = `${accountUri(ctx)}/active-calls`
    const rows = byDirection(req, activeRecords(ctx))
    return ok({ uri, ...paginate(rows, req.query, (p, n) => `${uri}?page=${p}&perPage=${n}`) })
  })
  router.route('GET', `${account}/extension/:extensionId/active-calls`, opts, (req) => {
    const ext = ctx.engine.cast.findExtension(req.params['extensionId'] ?? '')
    if (ext === undefined) throw apiErrors.notFound('extensionId', req.params['extensionId'])
    const uri = `${accountUri(ctx)}/extension/${ext.id}/active-calls`
    const rows = byDirection(req, activeRecords(ctx, ext.id))
    return ok({ uri, ...paginate(rows, req.query, (p, n) => `${uri}?page=${p}&perPage=${n}`) })
  })
}
