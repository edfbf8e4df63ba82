/**
 * The diagnostics event log: the last EVENT_LOG_CAPACITY notifications as received, and counters
 * over all of them. A decoded event keeps its typed value; an event that did not decode keeps its
 * raw text (capped at RAW_TEXT_LIMIT, since a hostile frame can be megabytes) with the path errors
 * that say why. Counters keyed by text (unknown event paths, warning paths) are capped at
 * COUNTER_KEY_LIMIT distinct keys, so hostile input cannot grow them either.
 *
 * Nothing here is redacted: the log stays in memory. Redaction happens when a support bundle is
 * written (support-bundle.ts).
 */
import {
  EVENT_KINDS,
  type DecodeIssue,
  type DecodeResult,
  type EventKind,
  type Notification
} from '../../../shared/events'
import { RingBuffer } from './ring-buffer'

export const EVENT_LOG_CAPACITY = 1_000
export const RAW_TEXT_LIMIT = 8 * 1024
export const COUNTER_KEY_LIMIT = 64
const OTHER = '(other)'

export interface EventLogEntry {
  /** Position in the whole stream (not reset by eviction), to spot gaps in a bundle. */
  readonly seq: number
  readonly receivedAt: string
  readonly kind: DecodeResult['kind']
  readonly ok: boolean
  readonly uuid: string | null
  readonly event: string | null
  /** Only for events that did not decode. */
  readonly raw: string | null
  readonly rawTruncated: boolean
  /** Only for events that decoded. */
  readonly value: Notification | null
  readonly errors: readonly DecodeIssue[]
  readonly warnings: readonly DecodeIssue[]
  /** What the reducer did with it (applied, duplicate, stale, ignored), when the caller says. */
  readonly outcome: string | null
}

export interface KindCount {
  readonly ok: number
  readonly invalid: number
}

export interface EventCounters {
  readonly total: number
  readonly byKind: Readonly<Record<EventKind, KindCount>>
  /** Frames whose envelope did not decode (not JSON, no uuid, bad timestamp…). */
  readonly invalidEnvelopes: number
  /** Frames with an event path Ringside does not subscribe to. */
  readonly unknownKinds: number
  readonly unknownEvents: Readonly<Record<string, number>>
  readonly warnings: number
  /** Warning paths with array indexes removed (`body.activeCalls[].telephonyStatus`). */
  readonly warningsByPath: Readonly<Record<string, number>>
  readonly outcomes: Readonly<Record<string, number>>
}

export interface RecordInput {
  /** The frame as received: JSON text, or the parsed value. */
  readonly raw: unknown
  readonly result: DecodeResult
  readonly receivedAt: string
  readonly outcome?: string
}

export interface EventLog {
  record(input: RecordInput): EventLogEntry
  entries(): EventLogEntry[]
  counters(): EventCounters
  clear(): void
}

/** A bounded counter map: new keys past the limit are counted under `(other)`. */
class BoundedCounts {
  private readonly counts = new Map<string, number>()
  add(key: string, n = 1): void {
    const k = this.counts.has(key) || this.counts.size < COUNTER_KEY_LIMIT ? key : OTHER
    this.counts.set(k, (this.counts.get(k) ?? 0) + n)
  }
  /** `Object.fromEntries` defines own properties, so a `__proto__` key stays a plain key. */
  toJSON(): Record<string, number> {
    return Object.fromEntries(this.counts)
  }
}

function rawText(raw: unknown): string {
  if (typeof raw === 'string') return raw
  try {
    return JSON.stringify(raw) ?? String(raw)
  } catch {
    return String(raw)
  }
}

/** The uuid and event of a frame that did not decode, if they are readable at all. */
function peek(raw: unknown): { uuid: string | null; event: string | null } {
  let u = raw
  if (typeof raw === 'string') {
    try {
      u = JSON.parse(raw)
    } catch {
      return { uuid: null, event: null }
    }
  }
  const field = (key: string): string | null => {
    if (typeof u !== 'object' || u === null || !Object.hasOwn(u, key)) return null
    const v = (u as Record<string, unknown>)[key]
    return typeof v === 'string' || typeof v === 'number' ? String(v).slice(0, 300) : null
  }
  return { uuid: field('uuid'), event: field('event') }
}

const stripIndexes = (path: string): string => path.replace(/\[\d+\]/g, '[]')

export function createEventLog(capacity: number = EVENT_LOG_CAPACITY): EventLog {
  const buffer = new RingBuffer<EventLogEntry>(capacity)
  let seq = 0
  let total = 0
  let invalidEnvelopes = 0
  let unknownKinds = 0
  let warnings = 0
  let byKind = new Map<EventKind, { ok: number; invalid: number }>()
  let unknownEvents = new BoundedCounts()
  let warningsByPath = new BoundedCounts()
  let outcomes = new BoundedCounts()

  return {
    record({ raw, result, receivedAt, outcome }) {
      total++
      warnings += result.warnings.length
      for (const w of result.warnings) warningsByPath.add(stripIndexes(w.path))
      if (outcome !== undefined) outcomes.add(outcome)
      const seen = result.ok ? { uuid: result.value.uuid, event: result.value.event } : peek(raw)
      if (result.kind === 'invalid') invalidEnvelopes++
      else if (result.kind === 'unknown') {
        unknownKinds++
        unknownEvents.add((seen.event ?? '(none)').split('?')[0]!.slice(0, 200))
      } else {
        const c = byKind.get(result.kind) ?? { ok: 0, invalid: 0 }
        if (result.ok) c.ok++
        else c.invalid++
        byKind.set(result.kind, c)
      }
      const text = result.ok ? null : rawText(raw)
      const entry: EventLogEntry = {
        seq: seq++,
        receivedAt,
        kind: result.kind,
        ok: result.ok,
        uuid: seen.uuid,
        event: seen.event,
        raw: text === null ? null : text.slice(0, RAW_TEXT_LIMIT),
        rawTruncated: text !== null && text.length > RAW_TEXT_LIMIT,
        value: result.ok ? result.value : null,
        errors: result.errors,
        warnings: result.warnings,
        outcome: outcome ?? null
      }
      buffer.push(entry)
      return entry
    },
    entries: () => buffer.toArray(),
    counters: () => ({
      total,
      byKind: Object.fromEntries(
        EVENT_KINDS.map((k) => [k, { ...(byKind.get(k) ?? { ok: 0, invalid: 0 }) }])
      ) as Record<EventKind, KindCount>,
      invalidEnvelopes,
      unknownKinds,
      unknownEvents: unknownEvents.toJSON(),
      warnings,
      warningsByPath: warningsByPath.toJSON(),
      outcomes: outcomes.toJSON()
    }),
    clear() {
      buffer.clear()
      total = invalidEnvelopes = unknownKinds = warnings = 0
      byKind = new Map()
      unknownEvents = new BoundedCounts()
      warningsByPath = new BoundedCounts()
      outcomes = new BoundedCounts()
    }
  }
}
