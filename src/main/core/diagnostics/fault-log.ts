/**
 * Errors nobody caught: what the last-resort guard took from `uncaughtException` and
 * `unhandledRejection` (src/main/host/last-resort.ts), kept with their stacks for the support
 * bundle. The last FAULT_LOG_CAPACITY of them, each text capped, because a fault can repeat in a
 * loop and an error message can be as large as whatever it quotes.
 *
 * Like the event log it is not redacted in memory: the support bundle redacts every line it writes.
 */
import { RingBuffer } from './ring-buffer'

export const FAULT_LOG_CAPACITY = 50
/** Per text field; a stack is rarely over 4 KB, a message quoting a body can be megabytes. */
export const FAULT_TEXT_LIMIT = 16 * 1024

/** Which process event reported it. */
export type FaultKind = 'uncaught-exception' | 'unhandled-rejection'

export interface FaultEntry {
  /** Position among all faults of this run (not reset by eviction). */
  readonly seq: number
  readonly at: string
  readonly kind: FaultKind
  /**
   * The error's class (`TypeError`). Not `name`: in a support bundle a `name` is a person's and
   * becomes a pseudonym, which would also hide every "Error" in the bundle's text.
   */
  readonly errorName: string
  readonly message: string
  readonly stack: string | null
}

export interface FaultLog {
  record(kind: FaultKind, thrown: unknown, at: string): FaultEntry
  entries(): FaultEntry[]
}

export interface ThrownFacts {
  readonly name: string
  readonly message: string
  readonly stack: string | null
}

/**
 * Name, message and stack of anything that was thrown or rejected, without trusting it: an Error
 * subclass may have throwing getters, and a rejection may carry a string, `undefined` or an object
 * whose `toString` throws. Never throws itself, since it runs inside the last-resort handler.
 */
export function thrownFacts(thrown: unknown): ThrownFacts {
  try {
    if (thrown instanceof Error) {
      return {
        name: cap(String(thrown.name)),
        message: cap(String(thrown.message)),
        stack: typeof thrown.stack === 'string' ? cap(thrown.stack) : null
      }
    }
    return { name: typeof thrown, message: cap(printable(thrown)), stack: null }
  } catch {
    return { name: 'unreadable', message: '', stack: null }
  }
}

function printable(value: unknown): string {
  if (typeof value === 'string') return value
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}

const cap = (text: string): string =>
  text.length > FAULT_TEXT_LIMIT ? `${text.slice(0, FAULT_TEXT_LIMIT)}…` : text

export function createFaultLog(capacity: number = FAULT_LOG_CAPACITY): FaultLog {
  const buffer = new RingBuffer<FaultEntry>(capacity)
  let seq = 0
  return {
    record(kind, thrown, at) {
      const { name, message, stack } = thrownFacts(thrown)
      const entry: FaultEntry = { seq: seq++, at, kind, errorName: name, message, stack }
      buffer.push(entry)
      return entry
    },
    entries: () => buffer.toArray()
  }
}
