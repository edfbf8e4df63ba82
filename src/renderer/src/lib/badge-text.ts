/**
 * What a status badge in the header says (the connection's, the phone's): one shape, one set of
 * tones and one way of saying a countdown, so the badges read and look alike. Pure.
 */
export type Tone = 'ok' | 'busy' | 'warn' | 'bad' | 'idle'

export interface BadgeText {
  /** Short, visible in the header (may include a countdown). */
  readonly label: string
  /** Longer explanation (tooltip and diagnostics). */
  readonly detail: string
  /** Without numbers that change every second: what a live region announces. */
  readonly announce: string
  readonly tone: Tone
}

/** "in 12 s" while a countdown runs, null when there is none or it has run out. */
export const countdown = (retryIn: number | null): string | null =>
  retryIn !== null && retryIn > 0 ? `in ${retryIn} s` : null
