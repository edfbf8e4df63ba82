import type { IncomingMessage } from 'node:http'
import { apiError, apiErrors } from '../errors'

const MAX_BODY_BYTES = 1024 * 1024

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk))
    size += buf.length
    if (size > MAX_BODY_BYTES) {
      throw apiError(413, 'CMN-101', { errorCode: 'CMN-101', message: 'Request body is too large' })
    }
    chunks.push(buf)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/**
 * Parses by Content-Type. The SDK sends `Content-Type: application/json` with an EMPTY body on GETs
 * and body-less POSTs (docs/platform.md#request-headers, docs/platform.md#call-control-endpoints),
 * so an empty body is simply `undefined`.
 */
export function parseBody(contentType: string | undefined, raw: string): unknown {
  if (raw.trim() === '') return undefined
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase()
  if (type === 'application/x-www-form-urlencoded') {
    return Object.fromEntries(new URLSearchParams(raw))
  }
  if (type === 'application/json' || type === '' || type.endsWith('+json')) {
    try {
      return JSON.parse(raw) as unknown
    } catch {
      throw apiErrors.malformedJson()
    }
  }
  return raw
}
