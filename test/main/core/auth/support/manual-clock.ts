import type { Clock, Timer } from '../../../../../src/main/core/ports'

/** A Clock whose time only moves when the test says so. */
export interface ManualClock extends Clock {
  advance(ms: number): void
  pending(): number
}

export function createManualClock(start = 1_000_000): ManualClock {
  let now = start
  let nextId = 0
  const timers = new Map<number, { at: number; fn: () => void }>()
  const handles = new WeakMap<Timer, number>()
  return {
    now: () => now,
    setTimeout(fn, ms) {
      const id = nextId++
      timers.set(id, { at: now + Math.max(0, ms), fn })
      const handle: Timer = { unref: () => undefined }
      handles.set(handle, id)
      return handle
    },
    clearTimeout(timer) {
      const id = handles.get(timer)
      if (id !== undefined) {
        timers.delete(id)
      }
    },
    advance(ms) {
      const until = now + ms
      for (;;) {
        const due = [...timers.entries()]
          .filter(([, t]) => t.at <= until)
          .sort((a, b) => a[1].at - b[1].at)[0]
        if (due === undefined) {
          break
        }
        timers.delete(due[0])
        now = due[1].at
        due[1].fn()
      }
      now = until
    },
    pending: () => timers.size
  }
}
