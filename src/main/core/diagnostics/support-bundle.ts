/**
 * The support bundle: what IT staff attach to a ticket. JSON Lines: a first `meta` line (app
 * version, counters, reducer stats, whatever the caller adds), then one `event` line per logged
 * event, oldest first, then one `fault` line per error nobody caught (fault-log.ts), oldest first.
 * Every line goes through `redact` (structural + textual), and the app's current secrets can be
 * named so they are removed verbatim wherever they appear.
 */
import type { EventLogEntry } from './event-log'
import type { FaultEntry } from './fault-log'
import { redact, type RedactOptions } from './redact'

export type BundleMeta = Readonly<Record<string, unknown>>

export const BUNDLE_FORMAT = 'ringside-support-bundle/1'

export function supportBundle(
  entries: readonly EventLogEntry[],
  meta: BundleMeta,
  options: RedactOptions = {},
  faults: readonly FaultEntry[] = []
): string {
  const line = (value: Record<string, unknown>): string => JSON.stringify(redact(value, options))
  const head = {
    type: 'meta',
    format: BUNDLE_FORMAT,
    events: entries.length,
    faults: faults.length
  }
  const lines = [line({ ...head, ...meta })]
  for (const entry of entries) lines.push(line({ type: 'event', ...entry }))
  for (const fault of faults) lines.push(line({ type: 'fault', ...fault }))
  return lines.join('\n') + '\n'
}
