/**
 * Makes the library's WebSocket listeners unable to crash the process.
 *
 * `@rc-ex/ws` (under `@ringcentral/subscriptions` 5.x) parses frames inside `message` listeners with
 * no try/catch, and its subscription listener reads `this.subscriptionInfo.id` before the subscription
 * response has arrived. A notification that beats that response, which a busy account causes, throws
 * a TypeError from an event listener: in Node that is an uncaught exception and the app dies
 * (node_modules/@rc-ex/ws/dist/esm/subscription.js; openclaw-ringcentral#76). A garbage frame does the
 * same through `JSON.parse` (docs/platform.md#bad-frames).
 *
 * The guard wraps every listener attached to the socket so a throw is caught and reported instead.
 * It is installed from the `newWebSocketObject` event, which the library emits synchronously after
 * `new WS()` and before it attaches any listener, so nothing escapes it.
 */

/** The part of a `ws` WebSocket the guard and the supervisor touch. */
export interface GuardedSocket {
  readonly readyState: number
  addEventListener(type: string, listener: SocketListener, options?: unknown): void
  removeEventListener(type: string, listener: SocketListener): void
  send(data: string): unknown
  close(): void
  terminate?(): void
}
export type SocketListener = (event: { readonly data?: unknown }) => void

export const SOCKET_CONNECTING = 0
export const SOCKET_OPEN = 1
export const SOCKET_CLOSING = 2

export interface GuardHooks {
  /** A library listener threw. `frame` is the raw text of the message being handled, if any. */
  onListenerError(error: unknown, frame: string | undefined): void
}

const frameText = (event: { readonly data?: unknown }): string | undefined =>
  typeof event.data === 'string'
    ? event.data
    : event.data === undefined
      ? undefined
      : String(event.data)

/** Wraps every listener added from now on; removal with the original function still works. */
export function guardSocket(ws: GuardedSocket, hooks: GuardHooks): void {
  const add = ws.addEventListener.bind(ws)
  const remove = ws.removeEventListener.bind(ws)
  // The library removes listeners by the function it added (waitForWebSocketMessage), so keep the map.
  const wrapped = new WeakMap<SocketListener, SocketListener>()
  ws.addEventListener = (type, listener, options): void => {
    const safe: SocketListener = (event) => {
      try {
        listener(event)
      } catch (error) {
        hooks.onListenerError(error, frameText(event))
      }
    }
    wrapped.set(listener, safe)
    add(type, safe, options)
  }
  ws.removeEventListener = (type, listener): void => {
    remove(type, wrapped.get(listener) ?? listener)
  }
}

export interface WsgFrame {
  readonly type: string | undefined
  readonly body: unknown
}

/** Reads `[meta, body]` without throwing; anything else is `undefined` (reported by the caller). */
export function parseFrame(text: string): WsgFrame | undefined {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return undefined
  }
  if (!Array.isArray(value) || typeof value[0] !== 'object' || value[0] === null) return undefined
  const type: unknown = (value[0] as { type?: unknown }).type
  return { type: typeof type === 'string' ? type : undefined, body: value[1] }
}
