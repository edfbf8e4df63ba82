import type * as t from 'io-ts'
import { isRight } from 'fp-ts/lib/Either.js'
import { PathReporter } from 'io-ts/lib/PathReporter.js'
import { apiErrors } from './errors'

/** Decodes a request body or throws 400 CMN-101 naming the parameter and the io-ts path. */
export function decodeBody<A, O>(
  codec: t.Type<A, O, unknown>,
  value: unknown,
  parameterName: string
): A {
  const result = codec.decode(value)
  if (isRight(result)) return result.right
  throw apiErrors.invalidParameter(parameterName, PathReporter.report(result).join('; '))
}

/** Decodes or returns undefined (for frames where an Error frame, not an exception, is wanted). */
export function decodeOrUndefined<A, O>(
  codec: t.Type<A, O, unknown>,
  value: unknown
): A | undefined {
  const result = codec.decode(value)
  return isRight(result) ? result.right : undefined
}
