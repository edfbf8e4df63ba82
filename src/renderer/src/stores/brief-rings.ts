/**
 * Calls that rang and stopped between two frames (shared/state/brief-rings.ts): no frame ever
 * drew them, so the calls store counts them and keeps the latest few for the announcer. A burst
 * of them is one batch: counted one by one, announced together.
 */
import { ref, shallowRef, type Ref, type ShallowRef } from 'vue'
import type { RingingItem } from '../../../shared/state/view-types'

/** The latest brief rings kept for the announcer; the count has them all. */
export const BRIEF_KEPT = 20

export interface BriefRingState {
  /** How many calls rang and stopped between two frames since the sign-in. */
  readonly count: Ref<number>
  /** The last batch of them (at most BRIEF_KEPT), oldest first, and how many the batch had. */
  readonly latest: ShallowRef<{ readonly calls: readonly RingingItem[]; readonly total: number }>
  note(calls: readonly RingingItem[]): void
  reset(): void
}

export function useBriefRings(): BriefRingState {
  const count = ref(0)
  const latest = shallowRef<BriefRingState['latest']['value']>({ calls: [], total: 0 })
  return {
    count,
    latest,
    note(calls) {
      if (calls.length === 0) return
      count.value += calls.length
      latest.value = { calls: calls.slice(-BRIEF_KEPT), total: calls.length }
    },
    reset() {
      count.value = 0
      latest.value = { calls: [], total: 0 }
    }
  }
}
