/**
 * Presence sequence gaps: RingCentral numbers each extension's presence changes, so a hole in the
 * sequence that stays open means a notification was lost. Deliveries can arrive out of order, so a
 * hole gets a grace period to fill before it counts; then the watch signals a gap once and starts
 * counting afresh (the owner answers with a resync, after which the state is whole again).
 */
import type { Notification } from '../../../shared/events'
import { createListenerSet } from '../../../shared/util/listeners'
import type { Clock, Timer } from '../ports'
import type { Outcome } from '../state'

/** How long a hole may stay open before it counts as a loss. */
export const DEFAULT_GAP_GRACE_MS = 3_000

/** Holes remembered per extension: a huge jump is one loss, not thousands of entries. */
const MAX_HOLES = 64

/** Tracks per-extension presence sequences: the highest seen and the holes below it. */
export class GapTracker {
  private readonly high = new Map<string, number>()
  private readonly missing = new Map<string, Set<number>>()

  /** Returns true when this sequence opened a new hole. */
  see(extensionId: string, seq: number): boolean {
    const high = this.high.get(extensionId)
    if (high === undefined) {
      this.high.set(extensionId, seq)
      return false
    }
    if (seq <= high) {
      this.missing.get(extensionId)?.delete(seq)
      return false
    }
    this.high.set(extensionId, seq)
    if (seq === high + 1) return false
    const holes = this.missing.get(extensionId) ?? new Set<number>()
    for (let s = high + 1; s < seq && holes.size < MAX_HOLES; s++) holes.add(s)
    this.missing.set(extensionId, holes)
    return true
  }

  hasHoles(): boolean {
    for (const holes of this.missing.values()) if (holes.size > 0) return true
    return false
  }

  /** After a resync the state is whole again: start counting afresh. */
  reset(): void {
    this.high.clear()
    this.missing.clear()
  }
}

/**
 * The extension and sequence a gap is counted on: presence only (telephony sequences are per
 * session and the line-list sequence is the list's), and never a duplicate, which proves nothing.
 */
export function presenceSequenceOf(
  n: Notification,
  outcome: Outcome
): { readonly extensionId: string; readonly sequence: number } | undefined {
  if (outcome === 'duplicate' || n.kind === 'telephony-sessions' || n.kind === 'line-list') {
    return undefined
  }
  const seq = 'sequence' in n.body ? n.body.sequence : undefined
  if (typeof seq !== 'number' || !('extensionId' in n.body)) return undefined
  return { extensionId: n.body.extensionId, sequence: seq }
}

export interface SequenceGapWatch {
  /** Looks at one reduced notification; a new hole arms the grace timer (one at a time). */
  see(notification: Notification, outcome: Outcome): void
  /** The gap signal: a hole stayed open past the grace. Returns the remover. */
  onGap(listener: () => void): () => void
  /** Forget sequence history (a readback replaced the state, or the account signed out). */
  reset(): void
  dispose(): void
}

export interface GapWatchOptions {
  readonly clock: Clock
  readonly graceMs?: number
  readonly onListenerError?: (error: unknown) => void
}

export function watchSequenceGaps(options: GapWatchOptions): SequenceGapWatch {
  const tracker = new GapTracker()
  const gap = createListenerSet<[]>(options.onListenerError)
  const grace = options.graceMs ?? DEFAULT_GAP_GRACE_MS
  let check: Timer | undefined

  const armCheck = (): void => {
    if (check !== undefined) return
    check = options.clock.setTimeout(() => {
      check = undefined
      if (!tracker.hasHoles()) return
      tracker.reset()
      gap.emit()
    }, grace)
    check.unref?.()
  }

  return {
    see(notification, outcome) {
      const at = presenceSequenceOf(notification, outcome)
      if (at && tracker.see(at.extensionId, at.sequence)) armCheck()
    },
    onGap: (listener) => gap.add(listener),
    reset: () => tracker.reset(),
    dispose() {
      if (check !== undefined) options.clock.clearTimeout(check)
      check = undefined
    }
  }
}
