/**
 * Splits a byte stream into lines in constant memory, for the decode CLI. node:readline would do the
 * splitting but keeps a line of any length in memory; a log with no newline at all (or a hostile one)
 * must not be able to grow the process, so a line longer than `maxBytes` is reported by its length
 * and skipped, never held.
 */

/** A line longer than the limit: only its length is kept. */
export interface OverlongLine {
  readonly overlongBytes: number
}

/** One line without its `\n` (a `\r` before it stays; JSON.parse treats it as whitespace). */
export type Line = string | OverlongLine

const NEWLINE = 0x0a

export const isBlank = (line: Line): boolean => typeof line === 'string' && line.trim() === ''

/**
 * The lines of `source`, one batch per chunk read, so a consumer pays for one await per chunk rather
 * than per line. Splitting on the byte 0x0a is safe for UTF-8: it never occurs inside a multi-byte
 * character, so each complete line decodes on its own.
 */
export async function* lineBatches(
  source: AsyncIterable<Buffer | string>,
  maxBytes: number
): AsyncGenerator<Line[]> {
  // The start of the current line, carried across chunks.
  let pending: Buffer[] = []
  let pendingBytes = 0
  // Set while skipping the rest of an overlong line: its bytes are counted, not kept.
  let overlong = false

  const finish = (chunk: Buffer, start: number, end: number): Line => {
    const total = pendingBytes + (end - start)
    const line: Line =
      overlong || total > maxBytes
        ? { overlongBytes: total }
        : pending.length === 0
          ? chunk.toString('utf8', start, end)
          : Buffer.concat([...pending, chunk.subarray(start, end)]).toString('utf8')
    pending = []
    pendingBytes = 0
    overlong = false
    return line
  }

  for await (const raw of source) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw
    const batch: Line[] = []
    let start = 0
    for (let nl = chunk.indexOf(NEWLINE); nl >= 0; nl = chunk.indexOf(NEWLINE, start)) {
      batch.push(finish(chunk, start, nl))
      start = nl + 1
    }
    const rest = chunk.length - start
    if (rest > 0) {
      pendingBytes += rest
      if (overlong || pendingBytes > maxBytes) {
        overlong = true
        pending = []
      } else {
        // A copy, so the carried bytes do not pin the whole chunk they came from.
        pending.push(Buffer.from(chunk.subarray(start)))
      }
    }
    if (batch.length > 0) yield batch
  }
  if (pendingBytes > 0 || overlong) yield [finish(Buffer.alloc(0), 0, 0)]
}
