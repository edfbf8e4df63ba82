/**
 * The logic of the decode CLI, kept apart from process I/O so it is testable in-process: split one
 * input into notifications, decode each, and describe each as one JSON-ready row.
 */
import { decodeNotification, type DecodeOptions, issueText } from '../../shared/events'

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
 * (ringcentral-protocol.md §2.4), rather than the notification alone. Unwrap that form.
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
    return {
      rows: [
        { file, index: 0, ok: false, kind: 'invalid', warnings: [], errors: [`(root): ${reason}`] }
      ],
      exitCode: 2
    }
  }
  const rows = parsed.map((p, index): DecodeRow =>
    p.ok
      ? row(file, index, p.value, options)
      : {
          file,
          index,
          ok: false,
          kind: 'invalid',
          warnings: [],
          errors: [`(root): not JSON: ${p.message}`]
        }
  )
  return { rows, exitCode: rows.every((r) => r.ok) ? 0 : 1 }
}

export const worst = (a: ExitCode, b: ExitCode): ExitCode => (a > b ? a : b)
