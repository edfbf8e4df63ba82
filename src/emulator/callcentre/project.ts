/**
 * Which notifications each subscription gets for each change (docs/platform.md#event-filters,
 * docs/platform.md#delivered-event-paths, docs/platform.md#real-payloads):
 * - own / other extension presence: the filter's own path with real ids, body at the filter's
 *   detail (`activeCalls` only when detailed, `sipData` only with `sipData=true`);
 * - line / favorite presence: the line-presence (favorite-presence) filter path of the subscriber,
 *   body about the monitored extension (`body.extensionId` ≠ owner);
 * - account presence: every extension, delivered under the per-extension presence path, plain body;
 * - account telephony sessions: ONE party per notification, `event` rewritten to the party's
 *   per-extension path (same query) when it has an extension, query params applied per party;
 * - line list / favorites: on PUT of those lists.
 */
import {
  API_PREFIX,
  parseFilter,
  type Filter,
  type TelephonySessionsParams
} from '../../shared/filters'
import type { Engine } from './engine'
import type { Change, Party } from './model'
import { lineListBody, presenceBody, RenderCache, telephonyBody } from './render'
import { NO_VARIETY, type Variety } from './variety'
import { varyPresenceBody, varyTelephonyBody } from './variety-bodies'
import type { Delivery, WireFavorites } from './wire'

/** The part of the platform's subscription view the projection reads. */
export interface SubscriberView {
  readonly accountId: string
  readonly ownerExtensionId: string
  /** Expanded filter strings (real ids); `~` is tolerated and resolved here too. */
  readonly eventFilters: ReadonlyArray<string>
}

interface Parsed {
  readonly filter: Filter
  /** `?…` exactly as subscribed, or ''. */
  readonly query: string
}

/**
 * Whether a party passes the telephony filter's query parameters
 * (docs/platform.md#telephony-session-filters).
 */
export function partyMatches(p: Party, q: TelephonySessionsParams): boolean {
  if (q.direction !== undefined && p.direction !== q.direction) return false
  if (q.missedCall !== undefined && p.missedCall !== q.missedCall) return false
  if (q.statusCode !== undefined && p.status.code !== q.statusCode) return false
  if (q.withRecordings === true && p.recordings.length === 0) return false
  if (q.phoneNumber !== undefined) {
    const numbers = [p.from.phoneNumber, p.to.phoneNumber]
    if (!numbers.includes(q.phoneNumber)) return false
  }
  return true
}

/** The path a presence filter watches, whatever its detail; undefined for other filters. */
const presencePath = (f: Filter): string | undefined =>
  'detail' in f ? `${f.kind}|${f.accountId}|${f.extensionId}` : undefined

/**
 * With both the detailed and the detailed-with-SIP filter on one path, "only the detailed-with-SIP
 * notifications are delivered" (docs/platform.md#presence-filters): the detailed one is dropped.
 */
function onlySipWhereBoth(filters: ReadonlyArray<Parsed>): ReadonlyArray<Parsed> {
  const withSip = new Set<string>()
  for (const { filter } of filters) {
    const path = presencePath(filter)
    if (path !== undefined && 'detail' in filter && filter.detail === 'detailed-sip') {
      withSip.add(path)
    }
  }
  if (withSip.size === 0) return filters
  return filters.filter(({ filter }) => {
    if (!('detail' in filter) || filter.detail !== 'detailed') return true
    return !withSip.has(presencePath(filter)!)
  })
}

export class Projector {
  private readonly parsed = new Map<string, Parsed | null>()
  private readonly renders = new RenderCache()

  /** `variety`: the seeded oddities of real bodies (variety.ts); none unless given. */
  constructor(
    private readonly engine: Engine,
    private readonly variety: Variety = NO_VARIETY
  ) {}

  private parse(text: string, sub: SubscriberView): Parsed | null {
    const key = `${sub.accountId}|${sub.ownerExtensionId}|${text}`
    let hit = this.parsed.get(key)
    if (hit !== undefined) return hit
    const r = parseFilter(text)
    hit = null
    if (r.ok) {
      const f = r.filter
      const accountId = f.accountId === '~' ? sub.accountId : f.accountId
      // Spreading a union loses the discriminant for TypeScript; the kind is unchanged here.
      const filter =
        'extensionId' in f && f.extensionId === '~'
          ? ({ ...f, accountId, extensionId: sub.ownerExtensionId } as Filter)
          : ({ ...f, accountId } as Filter)
      const q = text.indexOf('?')
      hit = { filter, query: q === -1 ? '' : text.slice(q) }
    }
    this.parsed.set(key, hit)
    return hit
  }

  /** Every notification `sub` receives for `changes`, in order. */
  deliveries(sub: SubscriberView, changes: ReadonlyArray<Change>): Delivery[] {
    const out: Delivery[] = []
    const filters = onlySipWhereBoth(
      sub.eventFilters.map((f) => this.parse(f, sub)).filter((p): p is Parsed => p !== null)
    )
    for (const change of changes) {
      const seen = new Set<string>()
      // A user who hides their presence is in no presence event to others, whatever the filter
      // (docs/platform.md#hidden-presence).
      if (change.kind === 'presence' && !this.visible(sub, change.presence.extensionId)) continue
      for (const p of filters) {
        const d = this.one(change, p)
        if (d === undefined || seen.has(d.event)) continue
        seen.add(d.event)
        out.push(d)
      }
    }
    return out
  }

  /** Others see a user's presence events only while the user allows it (`allowSeeMyPresence`). */
  private visible(sub: SubscriberView, extensionId: string): boolean {
    if (sub.ownerExtensionId === extensionId) return true
    return this.engine.presence(extensionId)?.allowSeeMyPresence !== false
  }

  private one(change: Change, { filter: f, query }: Parsed): Delivery | undefined {
    const prefix = `${API_PREFIX}/account/${f.accountId}`
    switch (change.kind) {
      case 'presence': {
        const x = change.presence.extensionId
        const body = (detail: 'plain' | 'detailed' | 'detailed-sip'): unknown =>
          this.renders.get(change, detail, () =>
            varyPresenceBody(
              presenceBody(this.engine, change.presence, detail, this.variety),
              this.variety
            )
          )
        if (f.kind === 'account-presence') {
          return { event: `${prefix}/extension/${x}/presence`, body: body('plain') }
        }
        const match =
          f.kind === 'extension-presence'
            ? f.extensionId === x
            : f.kind === 'line-presence'
              ? this.engine.monitors(f.extensionId, x)
              : f.kind === 'favorite-presence'
                ? this.engine.isFavorite(f.extensionId, x)
                : false
        if (!match || !('detail' in f)) return undefined
        const path =
          f.kind === 'extension-presence'
            ? `/extension/${x}/presence`
            : f.kind === 'line-presence'
              ? `/extension/${f.extensionId}/presence/line/presence`
              : `/extension/${f.extensionId}/favorite/presence`
        return { event: `${prefix}${path}${query}`, body: body(f.detail) }
      }
      case 'party': {
        if (f.kind !== 'telephony-sessions') return undefined
        const p = change.party
        if (f.extensionId !== undefined && p.extensionId !== f.extensionId) return undefined
        if (!partyMatches(p, f.params)) return undefined
        const sip = f.params.sipData === true
        const body = this.renders.get(change, `${f.accountId}|${sip}`, () =>
          varyTelephonyBody(
            telephonyBody(f.accountId, change.session, change.at, [p], sip, this.variety),
            this.variety
          )
        )
        const ext = f.extensionId ?? p.extensionId
        const path = ext === undefined ? '' : `/extension/${ext}`
        return { event: `${prefix}${path}/telephony/sessions${query}`, body }
      }
      case 'line-list':
        if (f.kind !== 'line-list' || f.extensionId !== change.extensionId) return undefined
        return {
          event: `${prefix}/extension/${f.extensionId}/presence/line`,
          body: lineListBody(change)
        }
      case 'favorites': {
        if (f.kind !== 'favorites' || f.extensionId !== change.extensionId) return undefined
        const body: WireFavorites = { extensionId: change.extensionId }
        return { event: `${prefix}/extension/${f.extensionId}/favorite`, body }
      }
    }
  }
}
