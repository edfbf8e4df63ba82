import type { NotificationDraft } from '../faults'
import type { Connection } from './connection'
import type { Delivery } from './delivery'
import { parseClientFrame } from './frames'
import { handleSubscriptionRequest, type ClientReply, type RequestDeps } from './requests'
import type { SubscriptionRecord, WsgSession } from './session'
import { apiErrors } from '../errors'
import type { GatewayDeps, WsgSettings } from './types'

export interface DispatchDeps extends GatewayDeps {
  readonly delivery: Delivery
  readonly settings: () => WsgSettings
  readonly atSubscriptionLimit: RequestDeps['atSubscriptionLimit']
}

/**
 * One client text frame: Heartbeat → echo; ClientRequest → subscription REST-over-WS
 * (docs/platform.md#subscribing-over-the-socket); anything else → an Error frame. Never throws and
 * never closes the socket.
 */
export function dispatchText(deps: DispatchDeps, conn: Connection, text: string): void {
  const frame = parseClientFrame(text)
  if (frame.kind === 'heartbeat') {
    // Docs heart-beats.md: the reply is the same frame type with the same messageId.
    conn.sendFrame({ type: 'Heartbeat', messageId: frame.messageId })
    return
  }
  if (frame.kind === 'invalid') {
    conn.sendError('malformedFrame', frame.messageId, frame.detail)
    return
  }
  const session = conn.session
  if (session === undefined) {
    conn.sendError('malformedFrame', frame.messageId, 'no WSG session on this socket')
    return
  }
  const { method, path, messageId } = frame
  const { maxActiveRequests, requestLatencyMs } = deps.settings()
  // The gateway advertises `maxActiveRequests` (docs/platform.md#connection-limits): a request
  // beyond it is answered at once, and nothing of it is applied.
  if (conn.activeRequests >= maxActiveRequests) {
    const e = apiErrors.activeRequestsLimit()
    reply(deps, conn, messageId, { status: e.status, body: e.body }, e.headers)
    return
  }
  const outcome = handleSubscriptionRequest(deps, session, method, path, frame.body)
  switch (outcome.kind) {
    case 'unknown-path':
      conn.sendError('unknownPath', messageId, path)
      return
    case 'bad-method':
      conn.sendError('unsupportedMethod', messageId, `${method} ${path}`)
      return
    case 'reply': {
      const answer = (): void => {
        if (outcome.created !== undefined) earlyNotification(deps, conn, session, outcome.created)
        reply(deps, conn, messageId, outcome.reply)
      }
      if (requestLatencyMs <= 0) return answer()
      conn.activeRequests += 1
      conn.schedule(requestLatencyMs, () => {
        conn.activeRequests -= 1
        answer()
      })
    }
  }
}

/** A 204 is the single-element `[meta]` frame (DELETE, docs/platform.md#subscribing-over-the-socket). */
function reply(
  deps: DispatchDeps,
  conn: Connection,
  messageId: string,
  answer: ClientReply,
  extra: Readonly<Record<string, string>> = {}
): void {
  const headers = { 'Content-Type': 'application/json', RCRequestId: deps.ids.uuid(), ...extra }
  conn.sendFrame({ type: 'ClientRequest', messageId, status: answer.status, headers }, answer.body)
}

/**
 * `earlyNotification` fault: a notification for the new subscription BEFORE the POST reply.
 * @rc-ex/ws's listener then reads `this.subscriptionInfo.id` while `subscriptionInfo` is still
 * undefined and throws a TypeError from a socket event (node_modules/@rc-ex/ws/…/subscription.js).
 */
function earlyNotification(
  deps: DispatchDeps,
  conn: Connection,
  session: WsgSession,
  sub: SubscriptionRecord
): void {
  const armed = deps.faults.takeEarlyNotification()
  if (armed === undefined) return
  const draft: NotificationDraft =
    armed === true
      ? {
          event: sub.eventFilters[0] ?? '',
          body: {
            extensionId: session.principal.extensionId,
            telephonyStatus: 'NoCall',
            sequence: 1
          }
        }
      : armed
  deps.delivery.sendNow(conn, session, deps.delivery.stamp(session, sub, draft))
}
