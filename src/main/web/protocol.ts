/**
 * The browser-mode bridge protocol: JSON text frames over one loopback WebSocket.
 *
 *   client → host  { type: 'hello', secret }          first frame, within HELLO_TIMEOUT_MS
 *   host → client  { type: 'welcome', protocol: 1 }   the secret matched; requests may follow
 *   client → host  { id, channel, args }              one IPC invoke, decoded by `dispatch`
 *   host → client  { id, envelope }                   its result envelope (never a thrown error)
 *   host → client  { event, payload }                 state:patch, state:status, notify:popup
 *
 * The renderer's copy of these shapes lives in src/renderer/src/web-bridge.ts (the renderer may not
 * import Node-side modules); test/main/web/web-bridge.test.ts runs that shim against this host.
 */
import type { Envelope, EventName, Events } from '../../shared/ipc/contract'

export const PROTOCOL_VERSION = 1
export const BRIDGE_PATH = '/bridge'
export const HELLO_TIMEOUT_MS = 5_000
/** Generous for any real request (the largest argument is a settings patch or a line list). */
export const MAX_PAYLOAD_BYTES = 1024 * 1024

/** RFC 6455 §7.4.1 close codes the bridge uses. */
export const CLOSE = {
  goingAway: 1001,
  policyViolation: 1008,
  tryAgainLater: 1013
} as const

export type RequestId = number | string

export type ClientFrame =
  | { readonly kind: 'hello'; readonly secret: string }
  | {
      readonly kind: 'request'
      readonly id: RequestId
      readonly channel: unknown
      readonly args: unknown
    }
  | { readonly kind: 'bad'; readonly id: RequestId | null; readonly message: string }

export type HostFrame =
  | { readonly type: 'welcome'; readonly protocol: number }
  | { readonly id: RequestId | null; readonly envelope: Envelope<unknown> }
  | { readonly [E in EventName]: { readonly event: E; readonly payload: Events[E] } }[EventName]

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** Ids are echoed back verbatim, so they are kept small and plain. */
export const isRequestId = (v: unknown): v is RequestId =>
  (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) ||
  (typeof v === 'string' && v.length > 0 && v.length <= 64)

/** Never throws: anything that is not a well-formed frame becomes `bad` with a reason. */
export function parseClientFrame(text: string): ClientFrame {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { kind: 'bad', id: null, message: 'The frame is not JSON.' }
  }
  if (!isRecord(value)) return { kind: 'bad', id: null, message: 'The frame is not an object.' }
  if (value['type'] === 'hello') {
    const secret = value['secret']
    return typeof secret === 'string'
      ? { kind: 'hello', secret }
      : { kind: 'bad', id: null, message: 'The hello has no secret.' }
  }
  const id = value['id']
  if (!isRequestId(id)) return { kind: 'bad', id: null, message: 'The request has no valid id.' }
  // Channel and args are checked by `dispatch`, exactly as over Electron IPC.
  return { kind: 'request', id, channel: value['channel'], args: value['args'] }
}

export const errorEnvelope = (code: string, message: string): Envelope<never> => ({
  ok: false,
  error: { code, message }
})
