/**
 * One batch per animation frame: work that arrives between two frames (a burst of patches from
 * main) is collected and handed over once, right before the frame is drawn, so the stores, their
 * computeds and the components update once per frame however many messages came.
 *
 * A hidden or minimised window draws no frames (Chromium stops requestAnimationFrame there), yet
 * a ringing call must still reach the stores, the pop-ups and the announcer; so a timer flushes
 * the batch if no frame came within `fallbackMs`.
 */

/** Runs `run` once, soon: at the next frame in the browser. */
export type FrameScheduler = (run: () => void) => void

/** The next animation frame, or `fallbackMs` later if no frame comes first. */
export function nextFrame(fallbackMs = 100): FrameScheduler {
  return (run) => {
    let done = false
    // Both callbacks run later than this function returns, so `frame` and `timer` are set.
    const once = (): void => {
      if (done) return
      done = true
      cancelAnimationFrame(frame)
      clearTimeout(timer)
      run()
    }
    const frame = requestAnimationFrame(once)
    const timer = setTimeout(once, fallbackMs)
  }
}

export interface FrameBatch<T> {
  /** Adds items to the batch; the first push after a flush schedules the next one. */
  push(items: readonly T[]): void
  /** Hands over what is pending now (before a whole snapshot replaces the state). */
  flush(): void
  /** Drops what is pending; a flush already scheduled then does nothing. */
  cancel(): void
}

export function createFrameBatch<T>(
  deliver: (items: readonly T[]) => void,
  schedule: FrameScheduler = nextFrame()
): FrameBatch<T> {
  let pending: T[] = []
  let scheduled = false
  const flush = (): void => {
    scheduled = false
    if (pending.length === 0) return
    const items = pending
    pending = []
    deliver(items)
  }
  return {
    push(items) {
      if (items.length === 0) return
      for (const item of items) pending.push(item)
      if (scheduled) return
      scheduled = true
      schedule(flush)
    },
    flush,
    cancel() {
      pending = []
    }
  }
}
