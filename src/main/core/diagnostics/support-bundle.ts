/**
 * The support bundle: what IT staff attach to a ticket. JSON Lines: a first `meta` line (app
 * version, counters, reducer stats, whatever the caller adds), then one `event` line per logged
 * event, oldest first, then one `fault` line per error nobody caught (fault-log.ts), oldest first.
 * Every line goes through `redact` (structural + textual), and the app's current secrets can be
 * named so they are removed verbatim wherever they appear.
 *
 * Secrets (tokens, SIP passwords) are removed. Phone numbers, names and SIP identifiers are
 * replaced by pseudonyms (pseudonyms.ts) under a key made for this bundle alone, so one caller can
 * be followed from line to line within a bundle and no further. Nothing here sends anything.
 */
import type { EventLogEntry } from './event-log'
import type { FaultEntry } from './fault-log'
import { createPseudonyms } from './pseudonyms'
import { redact, type RedactOptions } from './redact'

export type BundleMeta = Readonly<Record<string, unknown>>

export const BUNDLE_FORMAT = 'ringside-support-bundle/2'

export function supportBundle(
  entries: readonly EventLogEntry[],
  meta: BundleMeta,
  options: RedactOptions = {},
  faults: readonly FaultEntry[] = []
): string {
  const values: Array<Record<string, unknown>> = [
    {
      type: 'meta',
      format: BUNDLE_FORMAT,
      events: entries.length,
      faults: faults.length,
      ...meta
    }
  ]
  for (const entry of entries) values.push({ type: 'event', ...entry })
  for (const fault of faults) values.push({ type: 'fault', ...fault })
  // Everything is learned first: a number may be named by a later line's structure but appear
  // earlier inside a raw frame, an error message or a fault's stack.
  const pseudonyms = options.pseudonyms ?? createPseudonyms()
  for (const value of values) pseudonyms.learn(value)
  const redactOptions = { ...options, pseudonyms }
  return values.map((v) => JSON.stringify(redact(v, redactOptions))).join('\n') + '\n'
}
