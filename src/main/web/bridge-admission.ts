/**
 * Who may hold a bridge socket: the clients that presented the launch secret, and, apart from
 * them, a small budget of sockets that have not presented it yet. Any local process can open
 * sockets with the page's Origin (only browsers are bound to send the true one), so sockets
 * without the secret must never be able to keep the page out:
 *
 * - they never count against the clients' cap: the page is refused at the upgrade only when
 *   `maxClients` clients have presented the secret;
 * - at most `maxPending` of them are open at once, and when one more arrives the OLDEST is closed
 *   to admit it: a socket that is still silent after `maxPending` newer ones arrived was never
 *   the page, which sends its hello as soon as the socket opens;
 * - each has `helloTimeoutMs` to present the secret.
 *
 * Sockets the bridge closes for want of a secret are cut at once rather than left to finish the
 * closing handshake (ws would wait 30 s for a peer that never answers), so a flood of them holds
 * no file descriptors. The evicted get 1013 (try again later), which the page's client retries
 * on; a wrong secret or no hello gets 1008, on which it stops.
 */
import type { WebSocket } from 'ws'
import { CLOSE } from '../../shared/ipc/bridge-protocol'

export interface AdmissionLimits {
  readonly maxClients: number
  readonly maxPending: number
  readonly helloTimeoutMs: number
}

export interface Admission {
  /** Whether an upgrade may go ahead: fewer than `maxClients` clients presented the secret. */
  hasRoom(): boolean
  /** A new socket without the secret: its deadline starts, and the oldest such socket may go. */
  admit(ws: WebSocket): void
  /** Still waiting for its secret (not evicted, timed out or refused). */
  isPending(ws: WebSocket): boolean
  /** The secret matched: it becomes a client. False (and closed) when the clients are full. */
  authenticate(ws: WebSocket): boolean
  /** The secret did not match, or the first frame was not a hello: closed with 1008. */
  refuse(ws: WebSocket, reason: string): void
  /** The socket closed: it holds no place any more. */
  release(ws: WebSocket): void
  readonly clients: ReadonlySet<WebSocket>
  pending(): number
  /** Stops every deadline (the bridge is closing). */
  dispose(): void
}

/** Sends the close frame, then cuts the socket without waiting for the peer's answer. */
export function dismiss(ws: WebSocket, code: number, reason: string): void {
  ws.close(code, reason)
  ws.terminate()
}

export function createAdmission(limits: AdmissionLimits, log: (line: string) => void): Admission {
  const clients = new Set<WebSocket>()
  // Insertion order is arrival order, so the first key is always the oldest.
  const pending = new Map<WebSocket, ReturnType<typeof setTimeout>>()
  let evicted = 0

  const drop = (ws: WebSocket): boolean => {
    const timer = pending.get(ws)
    if (timer === undefined) return false
    clearTimeout(timer)
    pending.delete(ws)
    return true
  }

  const evictOldest = (): void => {
    const oldest = pending.keys().next().value
    if (oldest === undefined || !drop(oldest)) return
    // Logged at powers of two: a flood says so without writing a line per socket.
    if ((++evicted & (evicted - 1)) === 0) {
      log(`[web] ${evicted} bridge socket(s) without the secret closed to make room`)
    }
    dismiss(oldest, CLOSE.tryAgainLater, 'too many sockets without the secret')
  }

  return {
    hasRoom: () => clients.size < limits.maxClients,
    admit(ws) {
      while (pending.size > 0 && pending.size >= limits.maxPending) evictOldest()
      const timer = setTimeout(() => {
        if (drop(ws)) dismiss(ws, CLOSE.policyViolation, 'no hello')
      }, limits.helloTimeoutMs)
      pending.set(ws, timer)
    },
    isPending: (ws) => pending.has(ws),
    authenticate(ws) {
      if (!drop(ws)) return false
      if (clients.size >= limits.maxClients) {
        dismiss(ws, CLOSE.tryAgainLater, 'too many clients')
        return false
      }
      clients.add(ws)
      return true
    },
    refuse(ws, reason) {
      drop(ws)
      dismiss(ws, CLOSE.policyViolation, reason)
    },
    release(ws) {
      drop(ws)
      clients.delete(ws)
    },
    clients,
    pending: () => pending.size,
    dispose() {
      for (const timer of pending.values()) clearTimeout(timer)
      pending.clear()
    }
  }
}
