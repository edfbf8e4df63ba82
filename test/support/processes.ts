/**
 * The processes of this machine as /proc shows them (Linux only), for tests that must prove they left
 * nothing running. Zombies are left out: they hold no resources, and an orphan's zombie waits for
 * PID 1, which may reap it late.
 */
import { readdirSync, readFileSync } from 'node:fs'

export interface ProcessInfo {
  readonly pid: number
  readonly ppid: number
  readonly pgid: number
  readonly command: string
  /** The value of `variable` in its environment, when it can be read and is set. */
  readonly marker: string | undefined
}

export const hasProc = (): boolean => {
  try {
    readdirSync('/proc/self')
    return true
  } catch {
    return false
  }
}

function read(pid: number, variable: string): ProcessInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name is in parentheses and may itself contain spaces or parentheses.
    const [state, ppid, pgid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    if (state === 'Z' || state === 'X') return undefined
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim()
    let marker: string | undefined
    try {
      const prefix = `${variable}=`
      marker = readFileSync(`/proc/${pid}/environ`, 'utf8')
        .split('\0')
        .find((e) => e.startsWith(prefix))
        ?.slice(prefix.length)
    } catch {
      // Another user's process: its environment is not ours to read, and it is not ours either.
    }
    return { pid, ppid: Number(ppid), pgid: Number(pgid), command, marker }
  } catch {
    // It exited while we looked.
    return undefined
  }
}

/** Every live process, with the value of `variable` in its environment where readable. */
export function listProcesses(variable = 'RINGSIDE_TEST_RUN'): ProcessInfo[] {
  const out: ProcessInfo[] = []
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    const info = read(Number(name), variable)
    if (info) out.push(info)
  }
  return out
}

/** Whether `pid` descends from `ancestor` by the parent links of `all`. */
export function descendsFrom(
  pid: number,
  ancestor: number,
  byPid: ReadonlyMap<number, ProcessInfo>
): boolean {
  const seen = new Set<number>()
  for (let p = byPid.get(pid)?.ppid; p !== undefined && p > 0 && !seen.has(p);) {
    if (p === ancestor) return true
    seen.add(p)
    p = byPid.get(p)?.ppid
  }
  return false
}

/** Live members of process group `pgid`. */
export const groupMembers = (pgid: number): ProcessInfo[] =>
  listProcesses().filter((p) => p.pgid === pgid)
