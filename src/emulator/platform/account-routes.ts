import type { AccountDirectory, Ext } from './directory'
import { apiErrors } from './errors'
import { checkExtensionListQuery } from './http/list-params'
import { paginate } from './http/paging'
import type { Router } from './http/router'
import { ok } from './http/types'

/**
 * Directory-backed REST the platform can answer on its own (docs/platform.md#extensions): account
 * info, extension info (what call-control libraries fetch first) and the extension list. All need
 * `ReadAccounts`, which makes them the natural probe for 401/403/429 behaviour. Disable with
 * `createPlatform({ accountRoutes: false })` when the call centre serves richer versions.
 */
export function registerAccountRoutes(
  router: Router,
  directory: AccountDirectory,
  baseUrl: () => string
): void {
  const accountUri = (): string => `${baseUrl()}/restapi/v1.0/account/${directory.accountId}`
  const extensionInfo = (e: Ext): Record<string, unknown> => ({
    uri: `${accountUri()}/extension/${e.id}`,
    id: Number(e.id),
    extensionNumber: e.extensionNumber,
    name: e.name,
    type: e.type,
    status: e.status,
    account: { uri: accountUri(), id: directory.accountId }
  })

  router.route(
    'GET',
    '/restapi/v1.0/account/:accountId',
    { group: 'light', permission: 'ReadAccounts' },
    () => ok({ uri: accountUri(), id: Number(directory.accountId), status: 'Confirmed' })
  )

  router.route(
    'GET',
    '/restapi/v1.0/account/:accountId/extension/:extensionId',
    { group: 'light', permission: 'ReadAccounts' },
    (req) => {
      const ext = directory.findExtension(req.params['extensionId'] ?? '')
      if (ext === undefined) throw apiErrors.notFound('extensionId', req.params['extensionId'])
      return ok(extensionInfo(ext))
    }
  )

  router.route(
    'GET',
    '/restapi/v1.0/account/:accountId/extension',
    { group: 'medium', permission: 'ReadAccounts' },
    (req) => {
      checkExtensionListQuery(req.query)
      const type = req.query.getAll('type')
      const status = req.query.getAll('status')
      const records = directory
        .extensions()
        .filter(
          (e) =>
            (type.length === 0 || type.includes(e.type)) &&
            (status.length === 0 || status.includes(e.status))
        )
      const page = paginate(
        records,
        req.query,
        (p, n) => `${accountUri()}/extension?page=${p}&perPage=${n}`
      )
      return ok({
        uri: `${accountUri()}/extension?page=${page.paging['page']}&perPage=${page.paging['perPage']}`,
        ...page,
        records: page.records.map(extensionInfo)
      })
    }
  )
}
