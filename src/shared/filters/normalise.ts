/**
 * Normalising a subscription's filter list before it is sent (one subscription per app,
 * docs/platform.md#one-subscription-per-app, so every consumer's filters are merged here first).
 */
import { buildFilter } from './build'
import { isPresenceFilter, PRESENCE_DETAILS } from './model'
import type { Filter, PresenceDetail } from './model'

const rank = (d: PresenceDetail): number => PRESENCE_DETAILS.indexOf(d)

/**
 * Rules, all from docs/platform.md#presence-filters:
 * 1. `sipData` implies detailed presence: already true by construction, since `detail` cannot say
 *    "SIP without detailed" and `parseFilter` maps `?sipData=true` to `detailed-sip`.
 * 2. Several presence filters for the SAME path (same kind, accountId and extensionId) collapse to
 *    the most detailed one: "If both detailed presence and detailed presence with SIP event types are
 *    specified …, then the detailed presence with SIP notifications will be returned", so asking for
 *    less on that path only costs a filter. The survivor keeps the position of the first filter for
 *    that path (stable order).
 * 3. Exact duplicates (same canonical string) are dropped, keeping the first.
 *
 * Not merged, on purpose: `~` and a numeric id naming the same account/extension (we cannot know
 * here), account vs extension telephony filters, and telephony filters with different params (each
 * is a different subset of events, docs/platform.md#telephony-session-filters). Pure: the input is
 * not modified.
 */
export function normaliseFilters(list: readonly Filter[]): Filter[] {
  const out: Filter[] = []
  /** Canonical strings of the non-presence filters kept so far. */
  const seen = new Set<string>()
  /** `kind accountId extensionId` of presence filters → index in `out`. */
  const presence = new Map<string, number>()
  for (const f of list) {
    if (isPresenceFilter(f)) {
      const key = `${f.kind} ${f.accountId} ${f.extensionId}`
      const at = presence.get(key)
      if (at === undefined) {
        presence.set(key, out.length)
        out.push(f)
      } else {
        const kept = out[at]
        if (kept !== undefined && isPresenceFilter(kept) && rank(f.detail) > rank(kept.detail)) {
          out[at] = f
        }
      }
      continue
    }
    const key = buildFilter(f)
    if (seen.has(key)) continue
    seen.add(key)
    out.push(f)
  }
  return out
}
