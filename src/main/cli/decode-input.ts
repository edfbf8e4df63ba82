/**
 * The logic of the decode CLI, kept apart from process I/O so it is testable in-process: split one
 * input into notifications, decode each, and describe each as one JSON-ready row. `decodeStream`
 * reads an input of any length in constant memory; `decodeInput` is the same rules over a string.
 */
import { decodeNotification, type DecodeOptions, issueText } from '../../shared/events'
import { isBlank, type Line, lineBatches } from './json-lines'

export interface DecodeRow {
  readonly file: string
  readonly index: number
  readonly ok: boolean
  readonly kind: string
  readonly warnings: readonly string[]
  readonly errors: readonly string[]
}

/** 0: everything decoded; 1: something was invalid; 2: the input was not JSON at all. */
export type ExitCode = 0 | 1 | 2

export interface InputResult {
  readonly rows: readonly DecodeRow[]
  readonly exitCode: ExitCode
}

const parse = (text: string): { ok: true; value: unknown } | { ok: false; message: string } => {
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) }
  }
}

/**
 * IT staff often paste the whole WebSocket frame from a log, `[meta, notification]`
 * (docs/platform.md#frames), rather than the notification alone. Unwrap that form.
 */
const unwrapFrame = (u: unknown): unknown => {
  if (Array.isArray(u) && u.length === 2) {
    const meta: unknown = u[0]
    if (typeof meta === 'object' && meta !== null && 'type' in meta) {
      return (meta as { type: unknown }).type === 'ServerNotification' ? u[1] : u
    }
  }
  return u
}

const row = (file: string, index: number, value: unknown, options: DecodeOptions): DecodeRow => {
  const r = decodeNotification(unwrapFrame(value), options)
  return {
    file,
    index,
    ok: r.ok,
    kind: r.kind,
    warnings: r.warnings.map(issueText),
    errors: r.errors.map(issueText)
  }
}

const invalidRow = (file: string, index: number, error: string): DecodeRow => ({
  file,
  index,
  ok: false,
  kind: 'invalid',
  warnings: [],
  errors: [`(root): ${error}`]
})

const parsedRow = (
  file: string,
  index: number,
  p: ReturnType<typeof parse>,
  options: DecodeOptions
): DecodeRow =>
  p.ok ? row(file, index, p.value, options) : invalidRow(file, index, `not JSON: ${p.message}`)

/**
 * A whole-document JSON value is one notification. Otherwise the input is JSON Lines: each non-blank
 * line is one notification, and a line that is not JSON is reported as invalid. Only when no line at
 * all is JSON is the input "not JSON" (exit 2).
 */
export function decodeInput(text: string, file: string, options: DecodeOptions = {}): InputResult {
  const whole = parse(text)
  if (whole.ok) {
    const r = row(file, 0, whole.value, options)
    return { rows: [r], exitCode: r.ok ? 0 : 1 }
  }
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '')
  const parsed = lines.map((l) => parse(l))
  if (!parsed.some((p) => p.ok)) {
    const reason = lines.length === 0 ? 'the input is empty' : `not JSON: ${whole.message}`
    return { rows: [invalidRow(file, 0, reason)], exitCode: 2 }
  }
  const rows = parsed.map((p, index): DecodeRow => parsedRow(file, index, p, options))
  return { rows, exitCode: rows.every((r) => r.ok) ? 0 : 1 }
}

export const worst = (a: ExitCode, b: ExitCode): ExitCode => (a > b ? a : b)

/**
 * The most one JSON document, or one line of JSON Lines, may hold. A longer line is reported and
 * skipped, never kept: memory stays bounded whatever the input.
 */
export const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024
const MIB = `${MAX_DOCUMENT_BYTES / 1024 / 1024} MiB`

const lineRow = (file: string, index: number, line: Line, options: DecodeOptions): DecodeRow =>
  typeof line === 'string'
    ? parsedRow(file, index, parse(line), options)
    : invalidRow(file, index, `not decoded: the line is longer than ${MIB}`)

/** Receives each row as it is made; a returned promise (the output is full) is waited for. */
export type RowSink = (row: DecodeRow) => void | Promise<void>

/**
 * The streaming form of `decodeInput`, with the same rows and exit codes, in constant memory. The
 * format is decided by the first non-blank line: when it is JSON on its own the input is JSON Lines
 * and every line is decoded as it arrives. Otherwise the input may be one document spread over lines
 * (pretty-printed), which is only known at its end, so it is kept, up to MAX_DOCUMENT_BYTES: past
 * that it is JSON Lines after all if one of the kept lines is JSON, and too large (exit 2) if not.
 */
export async function decodeStream(
  source: AsyncIterable<Buffer | string>,
  file: string,
  options: DecodeOptions,
  emit: RowSink
): Promise<ExitCode> {
  let index = 0
  let invalid = false
  const send = async (line: Line): Promise<void> => {
    if (isBlank(line)) return
    const r = lineRow(file, index++, line, options)
    if (!r.ok) invalid = true
    const full = emit(r)
    if (full) await full
  }
  // Lines kept while the format is undecided; undefined once the input is known to be JSON Lines.
  let kept: string[] | undefined = []
  let keptBytes = 0
  for await (const batch of lineBatches(source, MAX_DOCUMENT_BYTES)) {
    for (const line of batch) {
      if (kept === undefined) {
        await send(line)
        continue
      }
      if (kept.length === 0 && isBlank(line)) continue
      if (kept.length === 0 && typeof line === 'string' && parse(line).ok) {
        kept = undefined
        await send(line)
        continue
      }
      keptBytes += typeof line === 'string' ? Buffer.byteLength(line) + 1 : line.overlongBytes
      if (typeof line === 'string' && keptBytes <= MAX_DOCUMENT_BYTES) {
        kept.push(line)
        continue
      }
      if (!kept.slice(1).some((l) => parse(l).ok)) {
        await emit(
          invalidRow(
            file,
            0,
            `not JSON Lines (the first line is not JSON on its own) and larger than ${MIB}, the most one JSON document may be`
          )
        )
        return 2
      }
      for (const l of kept) await send(l)
      await send(line)
      kept = undefined
    }
  }
  if (kept === undefined) return invalid ? 1 : 0
  return decodeKept(kept, file, options, emit)
}

/** The end of an input whose first line was not JSON on its own: the rules of `decodeInput`. */
async function decodeKept(
  kept: readonly string[],
  file: string,
  options: DecodeOptions,
  emit: RowSink
): Promise<ExitCode> {
  if (kept.length === 0) {
    await emit(invalidRow(file, 0, 'the input is empty'))
    return 2
  }
  const whole = parse(kept.join('\n'))
  if (whole.ok) {
    const r = row(file, 0, whole.value, options)
    await emit(r)
    return r.ok ? 0 : 1
  }
  const lines = kept.filter((l) => !isBlank(l))
  if (!lines.some((l) => parse(l).ok)) {
    await emit(invalidRow(file, 0, `not JSON: ${whole.message}`))
    return 2
  }
  let index = 0
  for (const l of lines) await emit(lineRow(file, index++, l, options))
  // The first line is not JSON, so at least one row is invalid.
  return 1
}

/**
 * `JSON.stringify(row)`, about three times faster: the CLI writes one row per input line, and on a
 * log of millions of lines serialising dominated. The texts repeat (the same field is missing on
 * every line of a broken log), so their escaped forms are cached, in a bounded map.
 */
export function rowJson(r: DecodeRow): string {
  return (
    `{"file":${quoted(r.file)},"index":${r.index},"ok":${r.ok},"kind":${quoted(r.kind)},` +
    `"warnings":${list(r.warnings)},"errors":${list(r.errors)}}`
  )
}

const QUOTED_CAPACITY = 4_096
const quotedCache = new Map<string, string>()
function quoted(s: string): string {
  let q = quotedCache.get(s)
  if (q === undefined) {
    q = JSON.stringify(s)
    if (quotedCache.size >= QUOTED_CAPACITY) quotedCache.clear()
    quotedCache.set(s, q)
  }
  return q
}
function list(items: readonly string[]): string {
  let out = '['
  for (let i = 0; i < items.length; i++) out += (i === 0 ? '' : ',') + quoted(items[i]!)
  return `${out}]`
}
