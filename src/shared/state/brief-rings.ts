/**
 * Calls that rang and stopped inside one batch of patches. The renderer applies patches once per
 * animation frame (docs/performance.md), so a call whose ringing item was added and removed
 * between two frames is in no view the screen ever draws. Such a call may be coalesced but not
 * lost: the renderer announces and counts it (calls store `noteBriefRings`).
 *
 * Pure, no Node imports: the renderer's bridge uses it.
 */
import type { StatePatch, StateSnapshot } from './patches'
import type { RingingItem } from './view-types'

/**
 * The ringing items upserted in `patches` whose call was not ringing in `before` and is not in
 * `after`: one per call (a queue call ringing three lines is one), in the order they rang.
 * Costs nothing beyond a scan of the patches unless some ringing item came and went.
 */
export function briefRings(
  before: StateSnapshot,
  patches: readonly StatePatch[],
  after: StateSnapshot
): RingingItem[] {
  const came = new Map<string, RingingItem>()
  let went = false
  for (const p of patches) {
    if (p.view !== 'ringingLines') continue
    if (p.op === 'upsert') {
      if (!came.has(p.item.id)) came.set(p.item.id, p.item)
    } else if (came.has(p.id)) went = true
  }
  if (!went) return []
  // By call, not by line: a queue call already shown on one line was not lost on another.
  const callOf = (r: RingingItem): string => r.telephonySessionId ?? r.id
  const shown = new Set([...before.ringingLines, ...after.ringingLines].map(callOf))
  const calls = new Map<string, RingingItem>()
  for (const item of came.values()) {
    const call = callOf(item)
    if (!shown.has(call) && !calls.has(call)) calls.set(call, item)
  }
  return [...calls.values()]
}
