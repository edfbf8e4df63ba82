/**
 * SIP messages as the emulator reads and writes them over WebSocket (RFC 7118: one message per
 * frame, so the frame delimits the body and `Content-Length` is advisory). The reader is strict
 * about structure (start line, `Name: value` lines, CRLF) and never throws: bad input comes back as
 * a reason. The writer keeps header names exactly as given, one per line, because the web phone
 * reads replies with exact casing and splits header lines on `": "` (docs/platform.md#sip-web-phone).
 */

export type Header = readonly [name: string, value: string]

export interface SipRequest {
  readonly kind: 'request'
  readonly method: string
  readonly uri: string
  readonly headers: ReadonlyArray<Header>
  readonly body: string
}

export interface SipResponse {
  readonly kind: 'response'
  readonly status: number
  readonly reason: string
  readonly headers: ReadonlyArray<Header>
  readonly body: string
}

export type SipMessage = SipRequest | SipResponse

export type Parsed =
  | { readonly ok: true; readonly message: SipMessage }
  | { readonly ok: false; readonly reason: string }

/** Longest frame read; a larger one is refused without being parsed. */
export const MAX_MESSAGE_BYTES = 64 * 1024
const MAX_HEADERS = 80
const REQUEST_LINE = /^([A-Z]{2,16}) (sips?:\S+) SIP\/2\.0$/
const STATUS_LINE = /^SIP\/2\.0 ([1-6]\d\d) (.*)$/
const HEADER_NAME = /^[A-Za-z0-9!%'*+.^_`|~-]+$/

export function parseMessage(text: string): Parsed {
  if (text.length > MAX_MESSAGE_BYTES) return { ok: false, reason: 'message too large' }
  const split = text.indexOf('\r\n\r\n')
  if (split < 0) return { ok: false, reason: 'no blank line after the headers' }
  const [start, ...lines] = text.slice(0, split).split('\r\n')
  const body = text.slice(split + 4)
  if (lines.length > MAX_HEADERS) return { ok: false, reason: 'too many headers' }
  const headers: Header[] = []
  for (const line of lines) {
    const colon = line.indexOf(':')
    const name = colon < 0 ? '' : line.slice(0, colon).trim()
    if (!HEADER_NAME.test(name))
      return { ok: false, reason: `bad header line: ${line.slice(0, 40)}` }
    headers.push([name, line.slice(colon + 1).trim()])
  }
  const request = REQUEST_LINE.exec(start ?? '')
  if (request !== null) {
    return {
      ok: true,
      message: { kind: 'request', method: request[1]!, uri: request[2]!, headers, body }
    }
  }
  const status = STATUS_LINE.exec(start ?? '')
  if (status !== null) {
    const code = Number(status[1])
    return {
      ok: true,
      message: { kind: 'response', status: code, reason: status[2]!, headers, body }
    }
  }
  return { ok: false, reason: `bad start line: ${(start ?? '').slice(0, 40)}` }
}

/** The first header of that name (case-insensitive), or undefined. */
export function header(m: SipMessage, name: string): string | undefined {
  const lower = name.toLowerCase()
  return m.headers.find(([n]) => n.toLowerCase() === lower)?.[1]
}

/** Every header of that name, in order. */
export function headersNamed(m: SipMessage, name: string): string[] {
  const lower = name.toLowerCase()
  return m.headers.filter(([n]) => n.toLowerCase() === lower).map(([, v]) => v)
}

export function serialise(m: SipMessage): string {
  const start =
    m.kind === 'request' ? `${m.method} ${m.uri} SIP/2.0` : `SIP/2.0 ${m.status} ${m.reason}`
  const body = m.body
  const lines = m.headers.filter(([n]) => n.toLowerCase() !== 'content-length')
  lines.push(['Content-Length', String(Buffer.byteLength(body, 'utf8'))])
  return [start, ...lines.map(([n, v]) => `${n}: ${v}`), '', body].join('\r\n')
}

export const REASONS: Readonly<Record<number, string>> = {
  100: 'Trying',
  180: 'Ringing',
  183: 'Session Progress',
  200: 'OK',
  202: 'Accepted',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  407: 'Proxy Authentication Required',
  420: 'Bad Extension',
  480: 'Temporarily Unavailable',
  481: 'Call/Transaction Does Not Exist',
  486: 'Busy Here',
  487: 'Request Terminated',
  488: 'Not Acceptable Here',
  500: 'Server Internal Error',
  603: 'Decline'
}

/**
 * A response to `req`: Via, From, To, Call-Id and CSeq echoed with the request's own spelling (the
 * web phone matches replies by `CSeq`), `toTag` added to `To` when it has none.
 */
export function responseTo(
  req: SipRequest,
  status: number,
  options: { reason?: string; headers?: ReadonlyArray<Header>; body?: string; toTag?: string } = {}
): SipResponse {
  const echoed: Header[] = []
  for (const name of ['Via', 'From', 'To', 'Call-Id', 'CSeq']) {
    const found = req.headers.find(([n]) => n.toLowerCase() === name.toLowerCase())
    if (found === undefined) continue
    const withTag =
      name === 'To' && options.toTag !== undefined && tagOf(found[1]) === undefined
        ? `${found[1]};tag=${options.toTag}`
        : found[1]
    echoed.push([found[0], withTag])
  }
  return {
    kind: 'response',
    status,
    reason: options.reason ?? REASONS[status] ?? 'Unknown',
    headers: [...echoed, ...(options.headers ?? [])],
    body: options.body ?? ''
  }
}

/** The `tag` parameter of a From/To value (after the `>` of a name-addr). */
export function tagOf(value: string): string | undefined {
  const params = value.includes('>') ? value.slice(value.lastIndexOf('>') + 1) : value
  return /;\s*tag=([^;\s]+)/i.exec(params)?.[1]
}

/** The URI inside `<…>`, or the whole value without parameters. */
export function uriOf(value: string): string {
  const angle = /<([^>]+)>/.exec(value)
  return angle !== null ? angle[1]! : value.split(';')[0]!.trim()
}

/** `sip:user@host` → `user`. */
export function userOf(uri: string): string | undefined {
  return /^sips?:([^@;>]+)@/.exec(uri)?.[1]
}

/** The `CSeq` number and method. */
export function cseqOf(m: SipMessage): { seq: number; method: string } | undefined {
  const match = /^(\d{1,10})\s+([A-Z]+)$/.exec(header(m, 'CSeq') ?? '')
  return match === null ? undefined : { seq: Number(match[1]), method: match[2]! }
}
