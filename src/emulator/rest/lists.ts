/**
 * Monitored lines (`…/presence/line`, docs/platform.md#monitored-lines) and favorites
 * (`…/favorite`, docs/platform.md#favorites). The line list is not in the public spec; it follows
 * the legacy model (docs/platform.md#line-records): the first two records are the user's own
 * extension and cannot be changed, a record's `id` is a line id (not the extension id), each
 * carries `extension {id, uri, extensionNumber, type}`, and the list is paged. PUT replaces the
 * monitored part and emits the list-change event (docs/platform.md#list-change-events), after
 * which line presence covers the new set.
 */
import * as t from 'io-ts'
import type { CastExtension } from '../callcentre/cast'
import { apiErrors, decodeBody, ok, paginate, type ApiRequest, type Router } from '../platform'
import { accountUri, toHttpError, type RestContext } from './shapes'

const IdValue = t.union([t.string, t.number])
const LinesPut = t.type({
  records: t.array(
    t.union([t.type({ extension: t.type({ id: IdValue }) }), t.type({ id: IdValue })])
  )
})

/** How many of the first lines are the user's own extension (docs/platform.md#line-records). */
export const OWN_LINES = 2

/**
 * A line's id: stable, derived from the owner and the extension, and never equal to the
 * extension id, so a client that mixes the two up fails in tests (docs/platform.md#line-records).
 */
export function lineId(owner: string, extensionId: string, slot = 0): string {
  return String(BigInt(owner) * 3n + BigInt(extensionId) * 7n + 11n + BigInt(slot))
}

/** The line list as stored: the owner's own lines first, then the monitored extensions. */
export function lineRecords(ctx: RestContext, owner: string): Record<string, unknown>[] {
  const cast = ctx.engine.cast
  const record = (ext: CastExtension, slot: number): Record<string, unknown> => {
    const id = lineId(owner, ext.id, slot)
    return {
      id,
      uri: `${accountUri(ctx)}/extension/${owner}/presence/line/${id}`,
      extension: {
        id: ext.id,
        uri: `${accountUri(ctx)}/extension/${ext.id}`,
        extensionNumber: ext.extensionNumber,
        type: ext.type
      }
    }
  }
  const me = cast.findExtension(owner)!
  const own = Array.from({ length: OWN_LINES }, (_, slot) => record(me, slot))
  return [...own, ...ctx.engine.lines(owner).map((id) => record(cast.findExtension(id)!, 0))]
}

/**
 * The extensions a PUT asks for: records name an extension, or a line by its id. The user's own
 * lines cannot be changed, so records for them are kept as they are rather than refused.
 */
function requestedLines(
  ctx: RestContext,
  owner: string,
  records: t.TypeOf<typeof LinesPut>['records']
): string[] {
  const byLine = new Map(
    lineRecords(ctx, owner).map((r) => [String(r['id']), (r['extension'] as { id: string }).id])
  )
  const ids: string[] = []
  for (const r of records) {
    const ext = 'extension' in r ? String(r.extension.id) : byLine.get(String(r.id))
    if (ext === undefined) throw apiErrors.notFound('id', String('id' in r ? r.id : ''))
    if (ext !== owner) ids.push(ext)
  }
  return ids
}
const FavoritesPut = t.type({ records: t.array(t.type({ extensionId: IdValue })) })

function own(req: ApiRequest): string {
  const id = req.params['extensionId'] ?? ''
  if (id !== req.auth.extensionId) throw apiErrors.otherExtension()
  return id
}

export function registerListRoutes(router: Router, ctx: RestContext): void {
  const { engine } = ctx
  const base = '/restapi/v1.0/account/:accountId/extension/:extensionId'

  const lines = (owner: string, query: URLSearchParams): Record<string, unknown> => {
    const uri = `${accountUri(ctx)}/extension/${owner}/presence/line`
    return {
      uri,
      ...paginate(lineRecords(ctx, owner), query, (p, n) => `${uri}?page=${p}&perPage=${n}`)
    }
  }
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
    (req) => ok(lines(own(req), req.query))
  )
  router.route(
    'PUT',
    `${base}/presence/line`,
    { group: 'medium', permission: 'EditPresence' },
    (req) => {
      const owner = own(req)
      const body = decodeBody(LinesPut, req.body, 'records')
      const out = engine.setLines(owner, requestedLines(ctx, owner, body.records))
      if (!out.ok) throw toHttpError(out.error)
      return ok(lines(owner, new URLSearchParams()))
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
