/**
 * When each call (or its hold) began, on the monotonic clock.
 *
 * The start comes from the time main sends with the call (the platform's `startTime`, the
 * party's event time for a hold), for a call in the first snapshot and for one that arrives in a
 * patch alike: the timers then read the same before and after a reload, and a hold or an answer
 * does not restart the call's age. Clamped at "now", so a server clock ahead of this one never
 * shows negative time. Only a call without any time is timed from when the renderer saw it.
 */
import { monotonicNow, wallNow } from './clock'
import { parseTime } from './format'

export interface SinceEntry {
  /** What is timed: a call's age (`m|…`, `h|…`) or its hold (`hold|…`). */
  readonly key: string
  readonly startTime: string | null
}

export interface SinceTracker {
  /** Records new keys and forgets the ones no longer present. */
  update(entries: readonly SinceEntry[]): void
  /** Monotonic time the key's state began, or undefined for an unknown key. */
  get(key: string): number | undefined
  clear(): void
}

export function createSinceTracker(): SinceTracker {
  /** Per key: the start main sent, and when that is on the monotonic clock. */
  let known = new Map<string, { readonly startTime: string | null; readonly at: number }>()
  return {
    update(entries) {
      const next = new Map<string, { readonly startTime: string | null; readonly at: number }>()
      const now = monotonicNow()
      for (const { key, startTime } of entries) {
        const previous = known.get(key)
        // A new start under the same key is a new state: a call held, resumed and held again
        // within one batch of patches never leaves the held list, but its hold began anew.
        // A call without a time keeps the moment the renderer first saw it.
        if (previous !== undefined && previous.startTime === startTime) {
          next.set(key, previous)
          continue
        }
        const started = parseTime(startTime)
        const elapsed = started === null ? 0 : Math.max(0, wallNow() - started)
        next.set(key, { startTime, at: now - elapsed })
      }
      known = next
    },
    get: (key) => known.get(key)?.at,
    clear() {
      known = new Map()
    }
  }
}
