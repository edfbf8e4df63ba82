/**
 * Vitest global setup: fails the run when a test left a process running (a browser-mode server, an
 * emulator, a browser), naming each one. Linux only; elsewhere it does nothing.
 *
 * A process is the run's when it descends from the Vitest process by its parent links, or when its
 * environment carries this run's marker: a grandchild whose parent was killed is re-parented to
 * PID 1, so the parent links alone would lose exactly the leaks that matter. The marker is set here,
 * before Vitest starts its workers, so every process a test spawns inherits it unless the test
 * replaces the whole environment.
 */
import { randomBytes } from 'node:crypto'
import { descendsFrom, hasProc, listProcesses, type ProcessInfo } from '../support/processes'

const MARKER = 'RINGSIDE_TEST_RUN'
/** A process may be on its way out when the last test ends: give it this long to go. */
const GRACE_MS = 3_000

/** Vitest's own children at teardown: its test workers and Vite's esbuild service. */
const isVitestOwn = (p: ProcessInfo): boolean =>
  p.ppid === process.pid &&
  (p.command.includes('node_modules/vitest/') || /esbuild(\.exe)? --service/.test(p.command))

export function leftovers(run: string): ProcessInfo[] {
  const all = listProcesses(MARKER)
  const byPid = new Map(all.map((p) => [p.pid, p]))
  return all.filter(
    (p) =>
      p.pid !== process.pid &&
      !isVitestOwn(p) &&
      (p.marker === run || descendsFrom(p.pid, process.pid, byPid))
  )
}

export function setup(): (() => Promise<void>) | undefined {
  if (process.platform !== 'linux' || !hasProc()) return undefined
  const run = `${process.pid}-${randomBytes(6).toString('hex')}`
  process.env[MARKER] = run
  return async () => {
    const deadline = Date.now() + GRACE_MS
    let left = leftovers(run)
    while (left.length > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100))
      left = leftovers(run)
    }
    if (left.length === 0) return
    const list = left.map((p) => `  pid ${p.pid} (parent ${p.ppid}): ${p.command.slice(0, 300)}`)
    // Vitest only logs a teardown error; the exit code is what CI reads.
    process.exitCode = 1
    // Tidy up, so one leaky run does not leave the machine busy for the next.
    for (const p of left) {
      try {
        process.kill(p.pid, 'SIGKILL')
      } catch {
        // Gone meanwhile.
      }
    }
    throw new Error(
      `tests left ${left.length} process(es) running (now killed):\n${list.join('\n')}`
    )
  }
}
