/** What the connection badge says, from main's ConnectionView. Pure, so tests read it directly. */
import type { ConnectionView } from '../../../shared/ipc/status'
import { cleanText } from '../../../shared/util/text'
import { countdown, type BadgeText } from './badge-text'

/** What the connection badge says. */
export type ConnectionText = BadgeText

/**
 * @param retryIn seconds until the next attempt, from the store's clock (null: none scheduled).
 * @param checking a live connection that has heard nothing for longer than its silence limit.
 */
export function connectionText(
  c: ConnectionView,
  retryIn: number | null,
  checking = false
): ConnectionText {
  switch (c.status) {
    case 'idle':
      return {
        label: 'Not connected',
        detail: 'Sign in to connect.',
        announce: 'Not connected',
        tone: 'idle'
      }
    case 'connecting': {
      const wait = countdown(retryIn)
      const label = wait
        ? `Connecting ${wait}`
        : c.attempt > 1
          ? `Connecting… (attempt ${c.attempt})`
          : 'Connecting…'
      return {
        label,
        detail: cleanText(c.reason ?? '', 200) || 'Opening the event connection to RingCentral.',
        announce: 'Connecting',
        tone: 'busy'
      }
    }
    case 'live':
      return checking
        ? {
            label: 'Checking…',
            detail:
              'Nothing heard from RingCentral for a while; Ringside is checking the connection.',
            announce: 'Checking the connection',
            tone: 'warn'
          }
        : {
            label: 'Live',
            detail: 'Receiving events from RingCentral.',
            announce: 'Connection live',
            tone: 'ok'
          }
    case 'recovering': {
      const wait = countdown(retryIn)
      return {
        label: wait ? `Reconnecting ${wait}` : `Reconnecting… (attempt ${c.attempt})`,
        detail:
          cleanText(c.reason, 200) || 'The event connection dropped; Ringside is restoring it.',
        announce: 'Connection lost, reconnecting',
        tone: 'warn'
      }
    }
    case 'offline': {
      const label =
        retryIn === null
          ? 'Offline'
          : retryIn > 0
            ? `Offline — retry in ${retryIn} s`
            : 'Offline — retrying…'
      return {
        label,
        detail: cleanText(c.reason, 200) || 'RingCentral cannot be reached.',
        announce: 'Offline',
        tone: 'bad'
      }
    }
    case 'rate-limited': {
      const s = retryIn ?? 0
      return {
        label: s > 0 ? `Rate-limited — retry in ${s} s` : 'Rate-limited — retrying…',
        detail: 'RingCentral asked Ringside to slow down; it reconnects by itself when allowed.',
        announce: 'Rate-limited by RingCentral; Ringside will retry automatically',
        tone: 'warn'
      }
    }
    case 'stopped': {
      const reason = cleanText(c.reason, 120) || 'unknown reason'
      return {
        label: `Stopped: ${reason}`,
        detail: reason,
        announce: `Connection stopped: ${reason}`,
        tone: 'bad'
      }
    }
  }
}

/**
 * Why Ringside is refreshing calls and presence, in the agent's words. Main sends the core's
 * `ResyncReason` code; a code this list does not know yet is shown as it came, cleaned.
 */
const RESYNC_REASONS: ReadonlyMap<string, string> = new Map([
  ['new-wsg-session', 'new connection'],
  ['recovery-failed', 'the connection could not be resumed'],
  ['dead-socket', 'the connection had gone silent'],
  ['resume', 'the computer woke up'],
  ['network-change', 'the network changed'],
  ['gap', 'an update was missed'],
  ['safety-poll', 'routine check'],
  ['fault', 'recovering from an internal error']
])

export function resyncReasonText(reason: string): string {
  return RESYNC_REASONS.get(reason) ?? cleanText(reason, 80)
}
