/**
 * How an answer's body is read: JSON, except a `multipart/mixed` batch answer
 * (docs/platform.md#bulk-presence), which is kept as its text and content type for the bounded
 * reader in sync/multipart.ts. Reading it as JSON would fail and lose the answer.
 */
import { readJson, type ResponseLike } from './failure'

/** A multipart answer, not yet split (`instanceof` tells it from any JSON value). */
export class MultipartText {
  constructor(
    readonly contentType: string,
    readonly text: string
  ) {}
}

interface TextResponse extends ResponseLike {
  text?(): Promise<string>
}

export async function readBody(response: ResponseLike): Promise<unknown> {
  const type = response.headers.get('content-type') ?? ''
  const r: TextResponse = response
  if (/^multipart\//i.test(type.trim()) && typeof r.text === 'function') {
    return new MultipartText(type, await r.text())
  }
  return readJson(response)
}
