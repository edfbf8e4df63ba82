/**
 * Bulk presence: `GET …/extension/{id1},{id2},…/presence` (docs/platform.md#bulk-presence). The
 * specification's readUserPresenceStatus supports the batch syntax with at most 30 extensions; more
 * is 400 `InvalidMultipartRequest` "Extension Presence Info multipart request is limited to 30
 * extensions" (https://developers.ringcentral.com/api-reference/Presence/readUserPresenceStatus).
 * The answer is `207 Multi-Status`, `multipart/mixed` (RFC 2046): the first part is the batch
 * summary `{response: [{href, status, responseDescription}]}`, then one part per extension in the
 * order asked, each its own body: the presence, or the error a single read would answer (404 for an
 * unknown extension, 403 for a user who hides their presence)
 * (https://developers.ringcentral.com/guide/basics/batch-requests).
 */
import type { ApiRequest, ApiResponse, HttpError } from '../platform'
import { apiError, apiErrors } from '../platform'
import { presenceHidden, maySeePresence } from './presence-privacy'
import { accountUri, type RestContext } from './shapes'

export const BULK_PRESENCE_MAX = 30

const DESCRIPTIONS: Readonly<Record<number, string>> = {
  200: 'OK',
  403: 'Forbidden',
  404: 'Not Found'
}

interface Part {
  readonly href: string
  readonly status: number
  readonly body: unknown
}

/** The ids of a batch path segment, or undefined when it names one extension only. */
export function batchIds(segment: string): string[] | undefined {
  if (!segment.includes(',')) return undefined
  return segment.split(',').map((s) => s.trim())
}

function tooMany(): HttpError {
  return apiError(400, 'InvalidMultipartRequest', {
    errorCode: 'InvalidMultipartRequest',
    message: `Extension Presence Info multipart request is limited to ${BULK_PRESENCE_MAX} extensions`
  })
}

/** Every id must be a non-empty extension reference; an empty one (`1,,2`) is a bad request. */
function checkIds(ids: readonly string[]): void {
  if (ids.length > BULK_PRESENCE_MAX) throw tooMany()
  if (ids.some((id) => id === '')) {
    throw apiErrors.invalidParameter('extensionId', 'an empty id in the list')
  }
}

/**
 * The bulk answer. `one(id)` is what a single read answers for a known, visible extension; the
 * errors are the single read's too, so a batch and one-by-one reads tell the same story.
 */
export function bulkPresence(
  ctx: RestContext,
  req: ApiRequest,
  ids: readonly string[],
  one: (extensionId: string) => unknown
): ApiResponse {
  checkIds(ids)
  const parts: Part[] = ids.map((raw) => {
    const id = raw === '~' ? req.auth.extensionId : raw
    const href = `${accountUri(ctx)}/extension/${id}/presence`
    const ext = ctx.engine.cast.findExtension(id)
    if (ext === undefined) {
      return { href, status: 404, body: apiErrors.notFound('extensionId', id).body }
    }
    if (!maySeePresence(ctx, req.auth.extensionId, ext.id)) {
      return { href, status: 403, body: presenceHidden(ext.id).body }
    }
    return { href, status: 200, body: one(ext.id) }
  })
  return multipart(ctx, parts)
}

/** Counts batches, so each answer has its own boundary without reading the wall clock. */
let batches = 0

function multipart(ctx: RestContext, parts: readonly Part[]): ApiResponse {
  batches += 1
  const boundary = `Boundary_${batches}_${parts.length}_${ctx.engine.cast.accountId}`
  const summary = {
    response: parts.map((p) => ({
      href: p.href,
      status: p.status,
      responseDescription: DESCRIPTIONS[p.status] ?? 'Error'
    }))
  }
  const section = (body: unknown): string =>
    `--${boundary}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(body, null, 2)}\r\n`
  const text = [summary, ...parts.map((p) => p.body)].map(section).join('') + `--${boundary}--\r\n`
  return {
    status: 207,
    body: text,
    contentType: `multipart/mixed; boundary=${boundary}`
  }
}
