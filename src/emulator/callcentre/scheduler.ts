/**
 * Virtual time for the director and scenarios. Stories are written in call-centre seconds ("ring
 * for 6 s, talk for 40 s"); `speed` maps them onto wall-clock time, pause freezes them, and tests
 * can `drain` virtual time synchronously without any timer. Tasks due at the same instant run in
 * the order they were scheduled, which keeps a seeded run replayable.
 */

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
  /** Wall clock in ms (only differences are used). */
  now(): number
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  now: () => performance.now()
}

interface Task {
  readonly due: number
  readonly seq: number
  readonly run: () => void
  cancelled: boolean
}

export class Scheduler {
  private virtualNow = 0
  private realMark: number
  private running = false
  private tasks: Task[] = []
  private seq = 0
  private handle: unknown
  private closed = false

  constructor(
    private speedFactor: number,
    private readonly timers: Timers = realTimers,
    private readonly onError: (e: unknown) => void = (): void => undefined
  ) {
    if (!(speedFactor > 0)) throw new Error(`speed must be > 0, got ${speedFactor}`)
    this.realMark = timers.now()
  }

  /** Virtual milliseconds elapsed since the scheduler was created. */
  now(): number {
    if (!this.running) return this.virtualNow
    return this.virtualNow + (this.timers.now() - this.realMark) * this.speedFactor
  }

  get speed(): number {
    return this.speedFactor
  }

  get paused(): boolean {
    return !this.running
  }

  /** Runs `run` after `delay` virtual ms. Returns a cancel function. */
  after(delay: number, run: () => void): () => void {
    const task: Task = {
      due: this.now() + Math.max(0, delay),
      seq: this.seq++,
      run,
      cancelled: false
    }
    const i = this.tasks.findIndex((t) => t.due > task.due)
    if (i === -1) this.tasks.push(task)
    else this.tasks.splice(i, 0, task)
    if (i === 0 || this.tasks.length === 1) this.arm()
    return () => {
      task.cancelled = true
    }
  }

  start(): void {
    if (this.running || this.closed) return
    this.realMark = this.timers.now()
    this.running = true
    this.arm()
  }

  pause(): void {
    if (!this.running) return
    this.virtualNow = this.now()
    this.running = false
    this.disarm()
  }

  setSpeed(speed: number): void {
    if (!(speed > 0)) throw new Error(`speed must be > 0, got ${speed}`)
    const wasRunning = this.running
    this.pause()
    this.speedFactor = speed
    if (wasRunning) this.start()
  }

  /** Runs, synchronously, everything due within the next `ms` virtual ms (tests; paused mode). */
  drain(ms: number): void {
    const until = this.now() + ms
    for (let t = this.tasks[0]; t !== undefined && t.due <= until; t = this.tasks[0]) {
      this.tasks.shift()
      this.virtualNow = Math.max(this.virtualNow, t.due)
      if (!t.cancelled) this.exec(t)
    }
    this.virtualNow = Math.max(this.virtualNow, until)
    if (this.running) this.realMark = this.timers.now()
  }

  close(): void {
    this.closed = true
    this.pause()
    this.tasks = []
  }

  pending(): number {
    return this.tasks.filter((t) => !t.cancelled).length
  }

  private exec(t: Task): void {
    try {
      t.run()
    } catch (e) {
      this.onError(e)
    }
  }

  private disarm(): void {
    if (this.handle !== undefined) this.timers.clearTimeout(this.handle)
    this.handle = undefined
  }

  private arm(): void {
    this.disarm()
    const next = this.tasks[0]
    if (!this.running || next === undefined) return
    const wait = Math.max(0, (next.due - this.now()) / this.speedFactor)
    this.handle = this.timers.setTimeout(() => this.fire(), Math.min(wait, 2 ** 31 - 1))
  }

  private fire(): void {
    this.handle = undefined
    const now = this.now()
    for (let t = this.tasks[0]; t !== undefined && t.due <= now; t = this.tasks[0]) {
      this.tasks.shift()
      if (!t.cancelled) this.exec(t)
    }
    this.arm()
  }
}
