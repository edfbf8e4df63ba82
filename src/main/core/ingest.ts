/**
 * One notification's way into the state: decode (never throws), record in diagnostics, reduce.
 * An invalid notification is logged with its path errors and never reaches the state; an unknown
 * kind is counted and ignored. It also watches presence sequences for gaps: RingCentral numbers
 * each extension's presence changes, so a hole that stays open means a notification was lost.
 */
import { decodeNotification, type DecodeResult } from '../../shared/events'
import type { EventLog } from './diagnostics'
import type { Clock, Timer } from './ports'
import type { Store } from './state'

export interface IngestDeps {
  readonly store: Store
  readonly log: EventLog
  readonly clock: Clock
  /** Something was lost: refetch the state. */
  readonly onGap: () => void
  /** A list-change event: the monitored lines or favorites must be refetched. */
  readonly onListChanged: () => void
  /** How long a hole may stay open before it counts as a loss (deliveries can be out of order). */
  readonly gapGraceMs?: number
}

/** Tracks per-extension presence sequences: the highest seen and the holes below it. */
class GapTracker {
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
    // Bounded: a huge jump is one loss, not thousands of entries.
    for (let s = high + 1; s < seq && holes.size < 64; s++) holes.add(s)
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

export interface Ingest {
  (raw: unknown): DecodeResult
  /** Forget sequence history (after a snapshot replaced the state). */
  reset(): void
  dispose(): void
}

export function createIngest(deps: IngestDeps): Ingest {
  const gaps = new GapTracker()
  let check: Timer | undefined
  const grace = deps.gapGraceMs ?? 3_000

  const armGapCheck = (): void => {
    if (check !== undefined) return
    check = deps.clock.setTimeout(() => {
      check = undefined
      if (gaps.hasHoles()) {
        gaps.reset()
        deps.onGap()
      }
    }, grace)
    check.unref?.()
  }

  const ingest = ((raw: unknown): DecodeResult => {
    const result = decodeNotification(raw)
    const receivedAt = new Date(deps.clock.now()).toISOString()
    if (!result.ok) {
      deps.log.record({ raw, result, receivedAt })
      return result
    }
    const n = result.value
    const { outcome } = deps.store.dispatch({ type: 'notification', notification: n })
    deps.log.record({ raw, result, receivedAt, outcome })
    if (n.kind === 'line-list' || n.kind === 'favorites') deps.onListChanged()
    const seq = 'sequence' in n.body ? n.body.sequence : undefined
    if (
      outcome !== 'duplicate' &&
      typeof seq === 'number' &&
      n.kind !== 'telephony-sessions' &&
      n.kind !== 'line-list' &&
      'extensionId' in n.body &&
      gaps.see(n.body.extensionId, seq)
    ) {
      armGapCheck()
    }
    return result
  }) as Ingest
  ingest.reset = (): void => gaps.reset()
  ingest.dispose = (): void => {
    if (check !== undefined) deps.clock.clearTimeout(check)
    check = undefined
  }
  return ingest
}
