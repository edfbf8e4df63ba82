/**
 * Presence REST (docs/platform.md#presence-over-rest): own/other presence (GET), own presence
 * update (PUT, EditPresence; it changes what subscribers see, so it emits the same presence events
 * as the director), and the account-wide list (Heavy group).
 */
import * as t from 'io-ts'
import { apiErrors, decodeBody, ok, paginate, type ApiRequest, type Router } from '../platform'
import { batchIds, bulkPresence } from './presence-bulk'
import { assertMaySeePresence, callerIdVisibility, setCallerIdVisibility } from './presence-privacy'
import { accountUri, detailOf, presenceInfo, toHttpError, type RestContext } from './shapes'

const PresenceUpdate = t.partial({
  userStatus: t.keyof({ Offline: null, Busy: null, Available: null }),
  dndStatus: t.keyof({
    TakeAllCalls: null,
    DoNotAcceptDepartmentCalls: null,
    TakeDepartmentCallsOnly: null,
    DoNotAcceptAnyCalls: null
  }),
  message: t.string,
  allowSeeMyPresence: t.boolean,
  ringOnMonitoredCall: t.boolean,
  pickUpCallsOnHold: t.boolean,
  acceptCallQueueCalls: t.boolean,
  callerIdVisibility: t.keyof({ All: null, None: null, PermittedUsers: null })
})

/** A user's presence carries the applied `callerIdVisibility`; an Offline-only body does not. */
function withVisibility(
  ctx: RestContext,
  ext: { readonly id: string; readonly type: string },
  body: Record<string, unknown>
): Record<string, unknown> {
  const visibility = callerIdVisibility(ctx, ext.id)
  if (ext.type !== 'User' || !('userStatus' in body) || visibility === undefined) return body
  return { ...body, callerIdVisibility: visibility }
}

export function registerPresenceRoutes(router: Router, ctx: RestContext): void {
  const { engine } = ctx
  const path = '/restapi/v1.0/account/:accountId/extension/:extensionId/presence'

  const read = (req: ApiRequest, id: string): unknown => {
    const ext = engine.cast.findExtension(id)!
    return withVisibility(
      ctx,
      ext,
      presenceInfo(ctx, ext, engine.presence(id), detailOf(req.query))
    )
  }
  // Registered first: a list of ids (`1,2,3`) is a batch (presence-bulk.ts). The parameter has
  // its own name so the pipeline's single-extension check does not refuse the list.
  const bulkPath = '/restapi/v1.0/account/:accountId/extension/:extensionIds/presence'
  router.route('GET', bulkPath, { group: 'light', permission: 'ReadPresence' }, (req) => {
    const segment = req.params['extensionIds'] ?? ''
    const ids = batchIds(segment)
    if (ids !== undefined) return bulkPresence(ctx, req, ids, (id) => read(req, id))
    const id = segment === '~' ? req.auth.extensionId : segment
    if (engine.cast.findExtension(id) === undefined) throw apiErrors.notFound('extensionId', id)
    assertMaySeePresence(ctx, req, id)
    return ok(read(req, id))
  })

  router.route('PUT', path, { group: 'medium', permission: 'EditPresence' }, (req) => {
    const id = req.params['extensionId'] ?? ''
    // Users set their own presence; changing a colleague's is an admin feature we do not model.
    if (id !== req.auth.extensionId) throw apiErrors.otherExtension()
    // Fields outside the request model (`dndStatusPersonal`) are not applied; the answer is the
    // state as applied (presence-privacy.ts).
    const { callerIdVisibility: visibility, ...patch } = decodeBody(
      PresenceUpdate,
      req.body ?? {},
      'presence'
    )
    const out = engine.setPresence(id, patch)
    if (!out.ok) throw toHttpError(out.error)
    if (visibility !== undefined) setCallerIdVisibility(ctx, id, visibility)
    const ext = engine.cast.findExtension(id)!
    return ok(withVisibility(ctx, ext, presenceInfo(ctx, ext, out.value, detailOf(req.query))))
  })

  // Control: a colleague turns the publication of their status off or on, as their own PUT
  // would (docs/emulator.md "Call centre control").
  router.control('PUT', '/__emulator/calls/presence/:extensionId', (req) => {
    const id = req.params['extensionId'] ?? ''
    const ext = engine.cast.findExtension(id)
    if (ext === undefined) throw apiErrors.notFound('extensionId', id)
    const body = decodeBody(t.type({ allowSeeMyPresence: t.boolean }), req.body, 'presence')
    const out = engine.setPresence(ext.id, body)
    if (!out.ok) throw toHttpError(out.error)
    return ok({ extensionId: ext.id, allowSeeMyPresence: out.value.allowSeeMyPresence })
  })

  router.route(
    'GET',
    '/restapi/v1.0/account/:accountId/presence',
    // The specification's permission for account presence is ReadPresence (docs/platform.md#account-presence).
    { group: 'heavy', permission: 'ReadPresence' },
    (req) => {
      const detail = detailOf(req.query)
      const flags = `${detail === 'plain' ? '' : '&detailedTelephonyState=true'}${detail === 'detailed-sip' ? '&sipData=true' : ''}`
      const page = paginate(
        engine.cast.extensions(),
        req.query,
        (p, n) => `${accountUri(ctx)}/presence?page=${p}&perPage=${n}${flags}`
      )
      return ok({
        uri: `${accountUri(ctx)}/presence`,
        ...page,
        records: page.records.map((e) => presenceInfo(ctx, e, engine.presence(e.id), detail))
      })
    }
  )
}
