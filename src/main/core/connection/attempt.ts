/**
 * One connect attempt with its deadline. `ws` has no handshake timeout, the library waits up to
 * 60 s for each WSG reply and the SDK's fetch has no timeout at all, so without a deadline of its
 * own an attempt on a black-holed path hangs for minutes (docs/platform.md#handshake-timeout).
 * The deadline only decides the outcome: giving up the attempt's socket or extension is the
 * supervisor's job, because only it knows which are still in use.
 */
import type { Clock, Timer } from '../ports'

export type AttemptOutcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly timedOut: boolean; readonly error: unknown }

export class Attempt {
  private timer: Timer | undefined

  constructor(private readonly clock: Clock) {}

  /** Settles with `work`'s outcome, or as timed out after `deadlineMs`, whichever comes first. */
  run<T>(work: () => Promise<T>, deadlineMs: number): Promise<AttemptOutcome<T>> {
    return new Promise((resolve) => {
      this.timer = this.clock.setTimeout(() => {
        this.timer = undefined
        resolve({
          ok: false,
          timedOut: true,
          error: new Error(`no connection in ${deadlineMs} ms`)
        })
      }, deadlineMs)
      // Caught here even when the deadline won: a late rejection must not go unhandled.
      work().then(
        (value) => {
          this.cancel()
          resolve({ ok: true, value })
        },
        (error: unknown) => {
          this.cancel()
          resolve({ ok: false, timedOut: false, error })
        }
      )
    })
  }

  /** Clears the deadline (the attempt settled, or the supervisor stopped). */
  cancel(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer)
    this.timer = undefined
  }
}
