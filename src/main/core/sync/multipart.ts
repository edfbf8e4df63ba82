/**
 * A bounded reader of `multipart/mixed` answers (RFC 2046 §5.1), as batch reads return them
 * (docs/platform.md#bulk-presence). It only splits: every part's body is handed back as text for
 * the caller's codec. The bounds hold whatever the server sends: a body over `maxBytes`, more than
 * `maxParts` parts, a missing or malformed boundary or a part without its header block is an error
 * that says so, never an exception or an unbounded loop.
 */
export interface MultipartLimits {
  readonly maxBytes: number
  readonly maxParts: number
}

export interface MultipartPart {
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

export type MultipartResult =
  | { readonly ok: true; readonly parts: readonly MultipartPart[] }
  | { readonly ok: false; readonly error: string }

/** RFC 2046: 1 to 70 characters of a restricted set, optionally quoted in the header. */
const BOUNDARY =
  /;\s*boundary=(?:"([0-9A-Za-z'()+_,\-./:=? ]{1,70})"|([0-9A-Za-z'()+_,\-./:=?]{1,70}))/i

export function boundaryOf(contentType: string): string | undefined {
  if (!/^\s*multipart\/mixed\s*(;|$)/i.test(contentType)) return undefined
  const m = BOUNDARY.exec(contentType)
  return m === null ? undefined : (m[1] ?? m[2])
}

function headersOf(block: string): Record<string, string> | undefined {
  const out: Record<string, string> = {}
  for (const line of block.split(/\r?\n/)) {
    if (line === '') continue
    const colon = line.indexOf(':')
    if (colon <= 0) return undefined
    out[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
  }
  return out
}

/** One part between two delimiters: headers, a blank line, the body (its last line break is the delimiter's). */
function partOf(raw: string): MultipartPart | undefined {
  const text = raw.replace(/^[ \t]*\r?\n/, '')
  const blank = /\r?\n\r?\n/.exec(text)
  const headerBlock =
    blank === null ? (text.trim() === '' ? '' : undefined) : text.slice(0, blank.index)
  if (headerBlock === undefined) return undefined
  const headers = headersOf(headerBlock)
  if (headers === undefined) return undefined
  const body = blank === null ? '' : text.slice(blank.index + blank[0].length)
  return { headers, body: body.replace(/\r?\n$/, '') }
}

export function readMultipart(
  contentType: string,
  text: string,
  limits: MultipartLimits
): MultipartResult {
  const boundary = boundaryOf(contentType)
  if (boundary === undefined)
    return { ok: false, error: `not multipart/mixed with a boundary: ${contentType.slice(0, 100)}` }
  if (text.length > limits.maxBytes) {
    return { ok: false, error: `a multipart answer over ${limits.maxBytes} bytes` }
  }
  const delimiter = `--${boundary}`
  const pieces = text.split(delimiter)
  // pieces[0] is the preamble; the close delimiter leaves a piece starting with `--`.
  const closed = pieces.findIndex((p, i) => i > 0 && p.startsWith('--'))
  if (closed === -1) return { ok: false, error: 'a multipart answer without its closing delimiter' }
  const raw = pieces.slice(1, closed)
  if (raw.length > limits.maxParts) {
    return { ok: false, error: `a multipart answer with more than ${limits.maxParts} parts` }
  }
  const parts: MultipartPart[] = []
  for (const [i, r] of raw.entries()) {
    const part = partOf(r)
    if (part === undefined) return { ok: false, error: `multipart part ${i} has no header block` }
    parts.push(part)
  }
  return { ok: true, parts }
}
