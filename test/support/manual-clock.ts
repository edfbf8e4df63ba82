/**
 * A clock that moves only when the test says so, for the core's `Clock` port. Timers fire in the
 * order they are due, each at its own time, so a timer that schedules another within the advanced
 * span sees it fire too.
 */
import type { Clock, Timer } from '../../src/main/core/ports'

interface Pending {
  readonly at: number
  readonly fn: () => void
  readonly order: number
}

export class ManualClock implements Clock {
  private current: number
  private readonly timers = new Map<Timer, Pending>()
  private order = 0

  constructor(start = Date.UTC(2024, 0, 1, 9, 0, 0)) {
    this.current = start
  }

  now(): number {
    return this.current
  }

  setTimeout(fn: () => void, ms: number): Timer {
    const timer: Timer = { unref: () => undefined }
    this.timers.set(timer, { at: this.current + Math.max(0, ms), fn, order: this.order++ })
    return timer
  }

  clearTimeout(timer: Timer): void {
    this.timers.delete(timer)
  }

  /** When the next timer is due, if any. */
  nextAt(): number | undefined {
    let next: number | undefined
    for (const p of this.timers.values()) if (next === undefined || p.at < next) next = p.at
    return next
  }

  /** Moves to `at`, firing every timer due by then in order. */
  advanceTo(at: number): void {
    for (;;) {
      let due: [Timer, Pending] | undefined
      for (const entry of this.timers) {
        const p = entry[1]
        if (p.at > at) continue
        if (due === undefined || p.at < due[1].at || (p.at === due[1].at && p.order < due[1].order))
          due = entry
      }
      if (due === undefined) break
      this.timers.delete(due[0])
      this.current = Math.max(this.current, due[1].at)
      due[1].fn()
    }
    this.current = Math.max(this.current, at)
  }

  advance(ms: number): void {
    this.advanceTo(this.current + ms)
  }
}
