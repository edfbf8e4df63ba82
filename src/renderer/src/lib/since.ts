/**
 * When each call entered its current state, on the monotonic clock.
 *
 * A call already in the first snapshot started before the renderer saw it, so its start is
 * estimated from the server's `startTime` (clamped: a skewed clock must not show negative time).
 * A call or state that appears later in a patch started "now": using arrival time there keeps
 * timers right even when the server and the local clock disagree.
 */
import { monotonicNow, wallNow } from './clock'
import { parseTime } from './format'

export interface SinceEntry {
  /** Item id plus the state it is in: a new state restarts the timer. */
  readonly key: string
  readonly startTime: string | null
}

export interface SinceTracker {
  /** Records new keys and forgets the ones no longer present. */
  update(entries: readonly SinceEntry[], fromSnapshot: boolean): void
  /** Monotonic time the key's state began, or undefined for an unknown key. */
  get(key: string): number | undefined
  clear(): void
}

export function createSinceTracker(): SinceTracker {
  let known = new Map<string, number>()
  return {
    update(entries, fromSnapshot) {
      const next = new Map<string, number>()
      const now = monotonicNow()
      for (const { key, startTime } of entries) {
        const previous = known.get(key)
        if (previous !== undefined) {
          next.set(key, previous)
          continue
        }
        const started = fromSnapshot ? parseTime(startTime) : null
        const elapsed = started === null ? 0 : Math.max(0, wallNow() - started)
        next.set(key, now - elapsed)
      }
      known = next
    },
    get: (key) => known.get(key),
    clear() {
      known = new Map()
    }
  }
}
