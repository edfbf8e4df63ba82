/**
 * The browser-mode bridge protocol: JSON text frames over one loopback WebSocket.
 *
 *   client → host  { type: 'hello', secret }          first frame, within HELLO_TIMEOUT_MS
 *   host → client  { type: 'welcome', protocol: 1 }   the secret matched; requests may follow
 *   client → host  { id, channel, args }              one IPC invoke, decoded by `dispatch`
 *   host → client  { id, envelope }                   its result envelope (never a thrown error)
 *   host → client  { event, payload }                 state:patch, state:status, notify:popup
 *
 * Both ends read and write frames through this module: the host (src/main/web/bridge.ts) and the
 * renderer's shim (src/renderer/src/web-bridge.ts). It is pure, with no Node or DOM imports, so
 * the renderer may import it.
 */
import { type Channel, type Envelope, EVENT_NAMES, type EventName, type Events } from './contract'

export const PROTOCOL_VERSION = 1
export const BRIDGE_PATH = '/bridge'
/** Long enough for a page on a loaded machine, which sends its hello as soon as the socket opens. */
export const HELLO_TIMEOUT_MS = 2_000
/**
 * The bound on one frame (the WebSocket server's `maxPayload`), from the argument bounds of
 * bounded.ts: the biggest request any channel accepts, every field at its limit and every
 * character one JSON escapes, is about 28 KB (a JWT sign-in). Anything bigger than twice that is
 * closed with 1009 before it is parsed.
 */
export const MAX_PAYLOAD_BYTES = 64 * 1024

/** RFC 6455 §7.4.1 close codes the bridge uses. */
export const CLOSE = {
  goingAway: 1001,
  policyViolation: 1008,
  tryAgainLater: 1013
} as const

export type RequestId = number | string

/** A client frame as the host reads it. */
export type ClientFrame =
  | { readonly kind: 'hello'; readonly secret: string }
  | {
      readonly kind: 'request'
      readonly id: RequestId
      readonly channel: unknown
      readonly args: unknown
    }
  | { readonly kind: 'bad'; readonly id: RequestId | null; readonly message: string }

/** A host frame as the host writes it. */
export type HostFrame =
  | { readonly type: 'welcome'; readonly protocol: number }
  | { readonly id: RequestId | null; readonly envelope: Envelope<unknown> }
  | { readonly [E in EventName]: { readonly event: E; readonly payload: Events[E] } }[EventName]

/**
 * A host frame as the renderer reads it. The envelope and the payload are left unchecked here:
 * `createApi` checks the envelope's shape and the result's codec, and the renderer's bridge the
 * payloads, exactly as over Electron IPC.
 */
export type HostMessage =
  | { readonly kind: 'welcome' }
  | { readonly kind: 'reply'; readonly id: RequestId; readonly envelope: unknown }
  | { readonly kind: 'event'; readonly event: EventName; readonly payload: unknown }

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** Ids are echoed back verbatim, so they are kept small and plain. */
export const isRequestId = (v: unknown): v is RequestId =>
  (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) ||
  (typeof v === 'string' && v.length > 0 && v.length <= 64)

const isEventName = (v: unknown): v is EventName => EVENT_NAMES.includes(v as EventName)

function parseObject(text: string): Record<string, unknown> | string {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return 'The frame is not JSON.'
  }
  return isRecord(value) ? value : 'The frame is not an object.'
}

/** Never throws: anything that is not a well-formed frame becomes `bad` with a reason. */
export function parseClientFrame(text: string): ClientFrame {
  const value = parseObject(text)
  if (typeof value === 'string') return { kind: 'bad', id: null, message: value }
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

/**
 * Never throws: `undefined` for anything the renderer must ignore (binary data, not JSON, not an
 * object, an unknown event, a reply without a usable id such as the host's `id: null` answer to
 * a frame it could not read).
 */
export function parseHostFrame(data: unknown): HostMessage | undefined {
  if (typeof data !== 'string') return undefined
  const frame = parseObject(data)
  if (typeof frame === 'string') return undefined
  if (frame['type'] === 'welcome') return { kind: 'welcome' }
  const id = frame['id']
  if (isRequestId(id)) return { kind: 'reply', id, envelope: frame['envelope'] }
  const event = frame['event']
  if (isEventName(event)) return { kind: 'event', event, payload: frame['payload'] }
  return undefined
}

/** The renderer's first frame. */
export const helloFrame = (secret: string): string => JSON.stringify({ type: 'hello', secret })

/** One invoke, as the renderer sends it. */
export const requestFrame = (id: RequestId, channel: Channel, args: readonly unknown[]): string =>
  JSON.stringify({ id, channel, args })

export const errorEnvelope = (code: string, message: string): Envelope<never> => ({
  ok: false,
  error: { code, message }
})
