/**
 * Account, extension and device REST (docs/platform.md#extensions, docs/platform.md#devices). The
 * platform's own directory routes are switched off and these richer ones serve the same paths.
 */
import { apiErrors, ok, type Router } from '../platform'
import { accountUri, deviceInfo, extensionInfo, paginate, type RestContext } from './shapes'

export function registerAccountRoutes(router: Router, ctx: RestContext): void {
  const cast = ctx.engine.cast
  const base = '/restapi/v1.0/account/:accountId'

  router.route('GET', base, { group: 'light', permission: 'ReadAccounts' }, () =>
    ok({
      uri: accountUri(ctx),
      id: Number(cast.accountId),
      status: 'Confirmed',
      mainNumber: cast.queue.phoneNumber
    })
  )

  // What call-control libraries fetch first (docs/platform.md#extensions).
  router.route(
    'GET',
    `${base}/extension/:extensionId`,
    { group: 'light', permission: 'ReadAccounts' },
    (req) => {
      const ext = cast.findExtension(req.params['extensionId'] ?? '')
      if (ext === undefined) throw apiErrors.notFound('extensionId', req.params['extensionId'])
      return ok(extensionInfo(ctx, ext))
    }
  )

  router.route(
    'GET',
    `${base}/extension`,
    { group: 'medium', permission: 'ReadAccounts' },
    (req) => {
      const q = req.query
      const types = q.getAll('type')
      const statuses = q.getAll('status')
      const number = q.get('extensionNumber')
      const all = cast
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
  )

  router.route(
    'GET',
    `${base}/extension/:extensionId/device`,
    { group: 'light', permission: 'ReadAccounts' },
    (req) => {
      const ext = cast.findExtension(req.params['extensionId'] ?? '')
      if (ext === undefined) throw apiErrors.notFound('extensionId', req.params['extensionId'])
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
  )
}
