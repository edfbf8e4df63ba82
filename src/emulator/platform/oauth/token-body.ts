import { apiError, type HttpError } from '../errors'
import type { PublicRequest } from '../http/types'

/**
 * The token and revoke endpoints take `application/x-www-form-urlencoded` only: the specification
 * declares no other request body for `POST /restapi/oauth/token` and lists 415 among its answers
 * (https://developers.ringcentral.com/api-reference/OAuth-2-0/getToken,
 * docs/platform.md#token-body). A JSON body, which a hand-written client easily sends, is refused
 * rather than read. An empty body has no type to judge and falls through to the grant checks.
 * Kept in its own function so the token handler's other rules can change around it.
 */
export function refuseNonFormBody(req: PublicRequest): void {
  if (req.rawBody.trim() === '') return
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()
  if (type === 'application/x-www-form-urlencoded') return
  throw unsupportedMediaType(type)
}

export function unsupportedMediaType(type: string): HttpError {
  return apiError(415, 'UnsupportedMediaType', {
    errorCode: 'CMN-415',
    message: `Unsupported Media Type [${type === '' ? 'none' : type}]: use application/x-www-form-urlencoded`,
    parameterName: 'Content-Type'
  })
}
