/**
 * The account event filters the call centre's projection does not serve: `/presence/dnd` and the
 * extension events (docs/platform.md#dnd-and-extension-events). The platform has both
 * (https://developers.ringcentral.com/guide/notifications/event-filters):
 * - `/account/{a}/extension/{e}/presence/dnd`: `{extensionId, dndStatus}` whenever that
 *   extension's `dndStatus` changes;
 * - `/account/{a}/extension`: `{extensionId, eventType: Create|Update|Delete}` for any extension
 *   of the account (spec `ExtensionListEventBody`);
 * - `/account/{a}/extension/{e}`: `{extensionId, eventType: Update|Delete, hints}` for that one
 *   (spec `ExtensionInfoEventBody`).
 * Nothing in the cast changes an extension on its own, so extension events come from the control
 * route `POST /__emulator/extensions/{id}/changed`.
 */
import * as t from 'io-ts'
import type { Engine } from './callcentre/engine'
import type { Change } from './callcentre/model'
import {
  apiErrors,
  decodeBody,
  ok,
  type NotificationDraft,
  type Platform,
  type SubscriptionView
} from './platform'

const PREFIX = '/restapi/v1.0/account/'
const DND = /^\/restapi\/v1\.0\/account\/([^/?]+)\/extension\/([^/?]+)\/presence\/dnd$/
const EXTENSION_LIST = /^\/restapi\/v1\.0\/account\/([^/?]+)\/extension$/
const EXTENSION_INFO = /^\/restapi\/v1\.0\/account\/([^/?]+)\/extension\/([^/?]+)$/

/** Filters served here rather than by the projection (the app's filter parser has no kind for them). */
export function isAccountEventFilter(filter: string): boolean {
  return DND.test(filter) || EXTENSION_LIST.test(filter) || EXTENSION_INFO.test(filter)
}

export type ExtensionEventType = 'Create' | 'Update' | 'Delete'

/** The DND events of one batch of engine changes: only where `dndStatus` moved. */
export class DndEvents {
  private readonly last = new Map<string, string>()

  constructor(engine: Engine) {
    for (const e of engine.cast.extensions()) {
      const dnd = engine.presence(e.id)?.dndStatus
      if (dnd !== undefined) this.last.set(e.id, dnd)
    }
  }

  /** Which extensions' DND changed in `changes` (updates the memory). */
  changed(changes: ReadonlyArray<Change>): Map<string, string> {
    const out = new Map<string, string>()
    for (const c of changes) {
      if (c.kind !== 'presence') continue
      const { extensionId, dndStatus } = c.presence
      if (this.last.get(extensionId) === dndStatus) continue
      this.last.set(extensionId, dndStatus)
      out.set(extensionId, dndStatus)
    }
    return out
  }
}

export function dndDeliveries(
  sub: SubscriptionView,
  changed: ReadonlyMap<string, string>
): NotificationDraft[] {
  const out: NotificationDraft[] = []
  for (const filter of sub.eventFilters) {
    const m = DND.exec(filter)
    if (m === null || m[1] !== sub.accountId) continue
    const dndStatus = changed.get(m[2]!)
    if (dndStatus !== undefined) out.push({ event: filter, body: { extensionId: m[2], dndStatus } })
  }
  return out
}

export function extensionDeliveries(
  sub: SubscriptionView,
  extensionId: string,
  eventType: ExtensionEventType
): NotificationDraft[] {
  const out: NotificationDraft[] = []
  for (const filter of sub.eventFilters) {
    if (!filter.startsWith(`${PREFIX}${sub.accountId}/`)) continue
    if (EXTENSION_LIST.test(filter)) {
      out.push({ event: filter, body: { extensionId, eventType, ownerId: sub.ownerExtensionId } })
      continue
    }
    const m = EXTENSION_INFO.exec(filter)
    if (m !== null && m[2] === extensionId && eventType !== 'Create') {
      out.push({
        event: filter,
        body: { extensionId, eventType, hints: ['ExtensionInfo'], ownerId: sub.ownerExtensionId }
      })
    }
  }
  return out
}

const Changed = t.partial({
  eventType: t.keyof({ Create: null, Update: null, Delete: null })
})

/** Publishes the DND events of every engine change, and serves the extension-change control route. */
export function publishAccountEvents(engine: Engine, platform: Platform): void {
  const dnd = new DndEvents(engine)
  engine.onChanges((changes) => {
    const changed = dnd.changed(changes)
    if (changed.size > 0) platform.gateway.publish((sub) => dndDeliveries(sub, changed))
  })
  platform.router.control('POST', '/__emulator/extensions/:extensionId/changed', (req) => {
    const id = req.params['extensionId'] ?? ''
    if (engine.cast.findExtension(id) === undefined) throw apiErrors.notFound('extensionId', id)
    const { eventType } = decodeBody(Changed, req.body ?? {}, 'changed')
    const sent = platform.gateway.publish((sub) =>
      extensionDeliveries(sub, id, eventType ?? 'Update')
    )
    return ok({ delivered: sent.length })
  })
}
