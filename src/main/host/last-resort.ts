/**
 * The last resort: what happens to an error nobody caught. Node's default ends the process, and
 * for a tray app that watches calls all day that means no board and no pop-ups until the agent
 * notices and restarts it. The usual source is a library's event emitter raising `'error'` with
 * no listener (docs/platform.md#sdk-fetch), far from any code that could catch it.
 *
 * Each shell installs this once (Electron main, browser mode, the headless runner). For every
 * `uncaughtException` and `unhandledRejection` it:
 *
 * - records the error with its stack in Diagnostics, so the support bundle has it (redacted like
 *   every line there);
 * - logs one line: the event, the error's name and its message with quoted text and long numbers
 *   removed, since a message can quote a caller's name or number (docs/security.md#in-logs);
 * - restarts the part that may be damaged. What threw cannot be known from here, so the restart
 *   covers both halves the agent depends on, at the cost of one probe and one readback: the socket
 *   is probed (a dead or confused one is replaced by the library's recovery) and the state is read
 *   back from RingCentral, replacing whatever a half-done update left. The state itself is a pure
 *   reducer's output, so no half-written object survives the error. A whole new account runner
 *   would also cost a new subscription, for no state the readback does not already rebuild.
 *
 * A burst of faults (an error thrown in a loop) is recorded in full but restarts and logs at most
 * once per `restartIntervalMs`: one line and one restart at the start, one more at the end that
 * counts the rest. The process never exits from here.
 */
import { cleanText } from '../../shared/util/text'
import type { Core } from '../core/core'
import { type FaultKind, redactText, thrownFacts } from '../core/diagnostics'
import { type Clock, systemClock, type Timer } from '../core/ports'

/** The part of `process` the guard uses; tests pass an EventEmitter. */
export interface ProcessEvents {
  on(event: 'uncaughtException' | 'unhandledRejection', listener: (error: unknown) => void): unknown
  off(
    event: 'uncaughtException' | 'unhandledRejection',
    listener: (error: unknown) => void
  ): unknown
}

export interface LastResortDeps {
  readonly process: ProcessEvents
  /** Keeps the error with its stack (the core's Diagnostics). */
  readonly record: (kind: FaultKind, error: unknown) => void
  /** Brings back what the error may have broken (the core's `recover`). */
  readonly restart: () => void
  readonly log: (line: string) => void
  readonly clock?: Clock
  /** Default `RESTART_INTERVAL_MS`. */
  readonly restartIntervalMs?: number
}

export const RESTART_INTERVAL_MS = 5_000

const WHAT: Readonly<Record<FaultKind, string>> = {
  'uncaught-exception': 'uncaught exception',
  'unhandled-rejection': 'unhandled rejection'
}

/** The guard's record and restart for a core that may not exist yet (Electron builds it at ready). */
export function coreRecovery(
  core: () => Core | undefined
): Pick<LastResortDeps, 'record' | 'restart'> {
  return {
    record: (kind, error) => void core()?.diagnostics.recordFault(kind, error),
    restart: () => core()?.recover()
  }
}

/** Installs the guard; the returned function removes it again (tests, a shell that stops). */
export function installLastResort(deps: LastResortDeps): () => void {
  const clock = deps.clock ?? systemClock
  const interval = deps.restartIntervalMs ?? RESTART_INTERVAL_MS
  let quietTimer: Timer | undefined
  let held = 0

  // Nothing in here may throw: an error inside an uncaughtException listener ends the process.
  const attempt = (what: string, run: () => void): void => {
    try {
      run()
    } catch (error) {
      deps.log(`[last-resort] ${what} failed (${thrownFacts(error).name})`)
    }
  }
  const restartNow = (): void => attempt('recovering', deps.restart)
  const endQuiet = (): void => {
    quietTimer = undefined
    if (held === 0) return
    deps.log(
      `[last-resort] ${held} more uncaught error(s) recorded in Diagnostics; recovering again`
    )
    held = 0
    restartNow()
  }

  const onFault = (kind: FaultKind) => (error: unknown) => {
    attempt('recording the error', () => deps.record(kind, error))
    if (quietTimer !== undefined) {
      held++
      return
    }
    attempt('logging', () => deps.log(faultLine(kind, error)))
    restartNow()
    quietTimer = clock.setTimeout(endQuiet, interval)
    quietTimer.unref?.()
  }
  const onException = onFault('uncaught-exception')
  const onRejection = onFault('unhandled-rejection')
  deps.process.on('uncaughtException', onException)
  deps.process.on('unhandledRejection', onRejection)
  return () => {
    deps.process.off('uncaughtException', onException)
    deps.process.off('unhandledRejection', onRejection)
    if (quietTimer !== undefined) clock.clearTimeout(quietTimer)
    quietTimer = undefined
  }
}

/** One line: what reached the guard, the error's name, and a message with no caller data. */
export function faultLine(kind: FaultKind, error: unknown): string {
  const { name, message } = thrownFacts(error)
  const text = logSafe(message)
  return (
    `[last-resort] ${WHAT[kind]}: ${cleanText(name, 60)}${text ? `: ${text}` : ''}` +
    '; kept running, recorded in Diagnostics, recovering'
  )
}

/**
 * A message as a log may show it: tokens redacted, quoted text (where messages put the values
 * they complain about) and runs of five or more digits (phone numbers, extension ids) replaced.
 */
function logSafe(message: string): string {
  const unquoted = redactText(message.slice(0, 2_000))
    .replace(/(["'`])[^"'`]*\1/g, '$1…$1')
    .replace(/\d{5,}/g, '#')
  return cleanText(unquoted, 200)
}
