/**
 * How often a presence sequence hole alone may cost a readback. A readback reads every line's
 * presence and every call session the state knows, one request per session: on a busy supervisor's
 * board, a thousand requests and seconds of work. At a busy hour presence sequence holes (the
 * emulator sends them at its variety rate, docs/emulator.md#variety) opened faster than readbacks
 * finished, and resyncing at each one kept the core reading back without end, behind its socket
 * and spending the account's API budget on it (bench:ui at 500 calls/s).
 *
 * A hole is only a sign that a notification may have been lost, so its readback waits until readbacks
 * have taken at most `share` of the time since the last one began: after a readback that took
 * 50 ms, 450 ms; after one that took 10 s, 90 s. Every other reason (a dead socket, a failed
 * recovery, a resume) is a certain loss and reads back at once.
 */
import type { Clock } from '../ports'

/** The most of its time the core spends on readbacks that only a sequence hole asked for. */
export const GAP_READBACK_SHARE = 0.1

export class ReadbackSpacing {
  private last: { readonly endedAt: number; readonly tookMs: number } | undefined

  constructor(
    private readonly clock: Pick<Clock, 'now'>,
    private readonly share = GAP_READBACK_SHARE
  ) {}

  /** A readback (of any reason) that began at `startedAt` has just ended. */
  ran(startedAt: number): void {
    const now = this.clock.now()
    this.last = { endedAt: now, tookMs: Math.max(0, now - startedAt) }
  }

  /** How long a readback for a sequence hole must wait from now, in ms; 0: at once. */
  waitForGap(): number {
    if (this.last === undefined) return 0
    const rest = this.last.tookMs * (1 / this.share - 1)
    return Math.max(0, this.last.endedAt + rest - this.clock.now())
  }
}
