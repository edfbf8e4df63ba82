/**
 * Monitored lines (`…/presence/line`, docs/platform.md#monitored-lines) and favorites
 * (`…/favorite`, docs/platform.md#favorites). The line list is not in the public spec; the shape
 * used here (documented in docs/emulator.md) is
 * `{uri, records:[{id, extension:{id, extensionNumber, name}}]}` with `id` the monitored
 * extension's id. PUT replaces the list and emits the list-change event
 * (docs/platform.md#list-change-events), after which line presence covers the new set.
 */
import * as t from 'io-ts'
import { apiErrors, decodeBody, ok, type ApiRequest, type Router } from '../platform'
import { accountUri, toHttpError, type RestContext } from './shapes'

const IdValue = t.union([t.string, t.number])
const LinesPut = t.type({
  records: t.array(
    t.union([t.type({ extension: t.type({ id: IdValue }) }), t.type({ id: IdValue })])
  )
})
const FavoritesPut = t.type({ records: t.array(t.type({ extensionId: IdValue })) })

function own(req: ApiRequest): string {
  const id = req.params['extensionId'] ?? ''
  if (id !== req.auth.extensionId) throw apiErrors.otherExtension()
  return id
}

export function registerListRoutes(router: Router, ctx: RestContext): void {
  const { engine } = ctx
  const base = '/restapi/v1.0/account/:accountId/extension/:extensionId'

  const lines = (owner: string): Record<string, unknown> => ({
    uri: `${accountUri(ctx)}/extension/${owner}/presence/line`,
    records: engine.lines(owner).map((id) => {
      const e = engine.cast.findExtension(id)!
      return { id, extension: { id, extensionNumber: e.extensionNumber, name: e.name } }
    })
  })
  const favorites = (owner: string): Record<string, unknown> => ({
    uri: `${accountUri(ctx)}/extension/${owner}/favorite`,
    records: engine
      .favorites(owner)
      .map((id, i) => ({ id: i + 1, extensionId: id, accountId: engine.cast.accountId }))
  })

  router.route(
    'GET',
    `${base}/presence/line`,
    { group: 'light', permission: 'ReadPresence' },
    (req) => ok(lines(own(req)))
  )
  router.route(
    'PUT',
    `${base}/presence/line`,
    { group: 'medium', permission: 'EditPresence' },
    (req) => {
      const owner = own(req)
      const body = decodeBody(LinesPut, req.body, 'records')
      const ids = body.records.map((r) => String('extension' in r ? r.extension.id : r.id))
      const out = engine.setLines(owner, ids)
      if (!out.ok) throw toHttpError(out.error)
      return ok(lines(owner))
    }
  )

  router.route('GET', `${base}/favorite`, { group: 'light', permission: 'ReadContacts' }, (req) =>
    ok(favorites(own(req)))
  )
  router.route('PUT', `${base}/favorite`, { group: 'medium', permission: 'Contacts' }, (req) => {
    const owner = own(req)
    const body = decodeBody(FavoritesPut, req.body, 'records')
    const out = engine.setFavorites(
      owner,
      body.records.map((r) => String(r.extensionId))
    )
    if (!out.ok) throw toHttpError(out.error)
    return ok(favorites(owner))
  })
}
