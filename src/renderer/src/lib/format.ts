/** Small, pure formatters shared by views. */
import type { CallState, LineStatus } from '../../../shared/state/view-types'

/** `0:12`, `1:05`, `1:02:03` from milliseconds; negative values (clock skew) read as 0:00. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const ss = String(s).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`
}

/** Whole seconds left until `at` (epoch ms), never negative. */
export function secondsUntil(at: number, now: number): number {
  return Math.max(0, Math.ceil((at - now) / 1000))
}

export interface StatusInfo {
  readonly label: string
  /** A shape that differs per status, so colour is never the only signal. */
  readonly glyph: string
}

export const LINE_STATUS: Readonly<Record<LineStatus, StatusInfo>> = {
  available: { label: 'Available', glyph: '●' },
  busy: { label: 'Busy', glyph: '■' },
  ringing: { label: 'Ringing', glyph: '◉' },
  'on-hold': { label: 'On hold', glyph: '❚❚' },
  parked: { label: 'Parked', glyph: 'P' },
  offline: { label: 'Offline', glyph: '○' },
  dnd: { label: 'Do not disturb', glyph: '⊖' },
  hidden: { label: 'Presence hidden', glyph: '⊘' },
  unknown: { label: 'Parked calls unknown', glyph: '?' }
}

/** Board order of the status counts: what needs attention first. */
export const LINE_STATUS_ORDER: readonly LineStatus[] = [
  'ringing',
  'on-hold',
  'parked',
  'busy',
  'available',
  'dnd',
  'offline',
  'unknown',
  'hidden'
]

export const CALL_STATE_LABEL: Readonly<Record<CallState, string>> = {
  ringing: 'ringing',
  connected: 'on call',
  held: 'on hold',
  parked: 'parked',
  other: 'in call'
}

/** Epoch ms of an ISO time, or null when absent or unreadable. */
export function parseTime(iso: string | null): number | null {
  if (iso === null) return null
  const t = Date.parse(iso)
  return Number.isNaN(t) ? null : t
}

/** `14:03:07` local time of an ISO timestamp, or the text itself when unreadable. */
export function clockTime(iso: string): string {
  const t = parseTime(iso)
  return t === null ? iso : new Date(t).toLocaleTimeString([], { hour12: false })
}
