/**
 * Account, extension and device REST (docs/platform.md#extensions, docs/platform.md#devices). The
 * platform's own directory routes are switched off and these richer ones serve the same paths.
 */
import {
  apiErrors,
  checkExtensionListQuery,
  ok,
  type ApiRequest,
  type ApiResponse,
  type RateGroup,
  type RouteOptions,
  type Router
} from '../platform'
import type { CastExtension } from '../callcentre/cast'
import { accountUri, deviceInfo, extensionInfo, paginate, type RestContext } from './shapes'

type AccountHandler = (ctx: RestContext, req: ApiRequest) => ApiResponse

function extensionOf(ctx: RestContext, req: ApiRequest): CastExtension {
  const ext = ctx.engine.cast.findExtension(req.params['extensionId'] ?? '')
  if (ext === undefined) throw apiErrors.notFound('extensionId', req.params['extensionId'])
  return ext
}

const getAccount: AccountHandler = (ctx) =>
  ok({
    uri: accountUri(ctx),
    id: Number(ctx.engine.cast.accountId),
    status: 'Confirmed',
    mainNumber: ctx.engine.cast.queue.phoneNumber
  })

const getExtension: AccountHandler = (ctx, req) => ok(extensionInfo(ctx, extensionOf(ctx, req)))

/** `?type=`, `?status=` (each repeatable) and `?extensionNumber=`, then paged. */
const listExtensions: AccountHandler = (ctx, req) => {
  const q = req.query
  checkExtensionListQuery(q)
  const types = q.getAll('type')
  const statuses = q.getAll('status')
  const number = q.get('extensionNumber')
  const all = ctx.engine.cast
    .extensions()
    .filter(
      (e) =>
        (types.length === 0 || types.includes(e.type)) &&
        (statuses.length === 0 || statuses.includes(e.status)) &&
        (number === null || number === '' || e.extensionNumber === number)
    )
  const page = paginate(all, q, (p, n) => `${accountUri(ctx)}/extension?page=${p}&perPage=${n}`)
  return ok({
    uri: `${accountUri(ctx)}/extension?page=${page.paging['page']}&perPage=${page.paging['perPage']}`,
    ...page,
    records: page.records.map((e) => extensionInfo(ctx, e))
  })
}

const listDevices: AccountHandler = (ctx, req) => {
  const ext = extensionOf(ctx, req)
  const page = paginate(
    ext.devices,
    req.query,
    (p, n) => `${accountUri(ctx)}/extension/${ext.id}/device?page=${p}&perPage=${n}`
  )
  return ok({
    uri: `${accountUri(ctx)}/extension/${ext.id}/device`,
    ...page,
    records: page.records.map((d) => deviceInfo(ctx, d, ext))
  })
}

export function registerAccountRoutes(router: Router, ctx: RestContext): void {
  const base = '/restapi/v1.0/account/:accountId'
  const read = (group: RateGroup): RouteOptions => ({ group, permission: 'ReadAccounts' })
  const on =
    (handle: AccountHandler) =>
    (req: ApiRequest): ApiResponse =>
      handle(ctx, req)

  router.route('GET', base, read('light'), on(getAccount))
  // What call-control libraries fetch first (docs/platform.md#extensions).
  router.route('GET', `${base}/extension/:extensionId`, read('light'), on(getExtension))
  router.route('GET', `${base}/extension`, read('medium'), on(listExtensions))
  router.route('GET', `${base}/extension/:extensionId/device`, read('light'), on(listDevices))
}
