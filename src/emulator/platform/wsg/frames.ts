import * as t from 'io-ts'
import { decodeOrUndefined } from '../decode'

/**
 * WSG frame format (docs/platform.md#frames): every text frame is a JSON array `[meta]` or
 * `[meta, body]`.
 */

export interface Wsc {
  readonly token: string
  readonly sequence: number
}

export type FrameType =
  'ClientRequest' | 'ServerNotification' | 'Error' | 'ConnectionDetails' | 'Heartbeat'

export interface FrameMeta {
  readonly type: FrameType
  readonly messageId: string
  readonly status?: number
  readonly headers?: Readonly<Record<string, string>>
  readonly wsc?: Wsc
}

export function encodeFrame(meta: FrameMeta, body?: unknown): string {
  return JSON.stringify(body === undefined ? [meta] : [meta, body])
}

/** Body of the first frame (docs/platform.md#connectiondetails). */
export interface ConnectionDetailsBody {
  readonly creationTime: string
  readonly maxConnectionsPerSession: number
  readonly recoveryBufferSize: number
  readonly recoveryTimeout: number
  readonly idleTimeout: number
  readonly absoluteTimeout: number
  readonly maxActiveRequests: number
  readonly recoveryState?: 'Successful' | 'Failed'
  readonly recoveryErrorCode?: 'WSG-1003' | 'WSG-1005'
}

/**
 * Close codes. 4400 for a missing `access_token` is real (docs/platform.md#connecting); the rest
 * are ours.
 */
export const CLOSE = {
  missingToken: 4400,
  badRequest: 4400,
  unauthorized: 4401,
  /** Over `maxConnectionsPerSession`: an emulator code on the scheme of 4400/4401. */
  tooManyConnections: 4429,
  /** Orderly server close after an idle/absolute timeout Error frame. */
  timeout: 1000,
  shutdown: 1001
} as const

/**
 * WSG error codes: the real ones (docs/platform.md#wsg-errors) plus emulator codes on the same
 * scheme.
 */
export const WSG_ERRORS = {
  malformedWsc: {
    code: 'WSG-400',
    message: 'Malformed WebSocket session context token',
    status: 400
  },
  malformedFrame: { code: 'WSG-400', message: 'Malformed message', status: 400 },
  unauthorized: { code: 'WSG-401', message: 'Invalid or expired access token', status: 401 },
  unknownPath: { code: 'WSG-404', message: 'Resource not found', status: 404 },
  unsupportedMethod: { code: 'WSG-405', message: 'Method not allowed', status: 405 },
  tooManyConnections: {
    code: 'WSG-429',
    message: 'Connections limit per session exceeded',
    status: 429
  },
  idleTimeout: { code: 'WSG-902', message: 'Idle timeout expired', status: 408 },
  absoluteTimeout: { code: 'WSG-903', message: 'Absolute timeout expired', status: 408 }
} as const

export type WsgErrorKind = keyof typeof WSG_ERRORS

export type ClientFrame =
  | { readonly kind: 'heartbeat'; readonly messageId: string }
  | {
      readonly kind: 'request'
      readonly messageId: string
      readonly method: string
      readonly path: string
      readonly body: unknown
    }
  | { readonly kind: 'invalid'; readonly messageId: string | undefined; readonly detail: string }

const Meta = t.intersection([
  t.type({ type: t.string }),
  t.partial({ messageId: t.string, method: t.string, path: t.string })
])

/** Never throws: anything unexpected becomes `invalid` and is answered with an Error frame. */
export function parseClientFrame(text: string): ClientFrame {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return { kind: 'invalid', messageId: undefined, detail: 'frame is not JSON' }
  }
  if (!Array.isArray(parsed) || parsed.length < 1 || parsed.length > 2) {
    return { kind: 'invalid', messageId: undefined, detail: 'frame must be [meta] or [meta, body]' }
  }
  const meta = decodeOrUndefined(Meta, parsed[0])
  if (meta === undefined)
    return { kind: 'invalid', messageId: undefined, detail: 'meta.type is missing' }
  const { messageId } = meta
  if (messageId === undefined)
    return { kind: 'invalid', messageId, detail: 'meta.messageId is missing' }
  if (meta.type === 'Heartbeat') return { kind: 'heartbeat', messageId }
  if (meta.type !== 'ClientRequest') {
    return { kind: 'invalid', messageId, detail: `unsupported frame type [${meta.type}]` }
  }
  if (meta.method === undefined || meta.path === undefined) {
    return { kind: 'invalid', messageId, detail: 'ClientRequest needs method and path' }
  }
  return {
    kind: 'request',
    messageId,
    method: meta.method.toUpperCase(),
    path: meta.path,
    body: parsed[1]
  }
}

/** RingCentral's `creationTime` style in ConnectionDetails: `2021-07-02T11:40:28.805+0000`. */
export function wsgTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000')
}
