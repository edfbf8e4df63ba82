import type { WsPrincipal } from '../oauth/tokens'
import type { Connection } from './connection'
import type { Handshake } from './handshake'
import type { WsgSession } from './session'

/**
 * The WSG advertises `maxConnectionsPerSession` (docs/platform.md#connection-limits): sockets of
 * one OAuth session beyond it are refused. A recovery that takes its WSG session's socket over
 * does not add one.
 */
export function overConnectionLimit(
  connections: Iterable<Connection>,
  principal: WsPrincipal,
  h: Handshake,
  max: number
): boolean {
  const takenOver = h.kind === 'recovered' ? h.session.connection : undefined
  let open = 0
  for (const c of connections) {
    const s = c.session
    if (c === takenOver || s === undefined) continue
    if (s.principal.oauthSessionId === principal.oauthSessionId) open += 1
  }
  return open >= max
}

/** Subscriptions count per user and app (docs/platform.md#subscription-limits). */
export function owns(s: WsgSession, p: Pick<WsPrincipal, 'extensionId' | 'clientId'>): boolean {
  return s.principal.extensionId === p.extensionId && s.principal.clientId === p.clientId
}
