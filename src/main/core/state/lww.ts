/**
 * Per-field last-writer-wins merge by sequence (see types.ts for why per field). Returns the same
 * record when nothing changed, so callers can detect no-ops by identity.
 */
import type { FieldSeqs, Lww } from './types'

/**
 * Writes each listed key that `body` carries when `seq` is newer than the sequence that last wrote
 * it. A `seq` of null (a body without sequence) writes unconditionally and stamps the field with
 * `floor`, the highest sequence known, so that only a genuinely newer event can overwrite it.
 */
export function mergeFields<F extends object>(
  rec: Lww<F>,
  body: Readonly<Partial<F>>,
  keys: readonly (keyof F)[],
  seq: number | null,
  floor: number | null
): Lww<F> {
  let fields: Partial<F> | undefined
  let seqs: Partial<Record<keyof F, number>> | undefined
  for (const k of keys) {
    const v = body[k]
    if (v === undefined) continue
    const last = rec.seqs[k]
    if (seq !== null) {
      if (last !== undefined && seq <= last) continue
    } else if (rec.fields[k] === v) continue
    fields ??= { ...rec.fields }
    seqs ??= { ...rec.seqs }
    fields[k] = v
    const stamp = seq ?? floor
    if (stamp === null) delete seqs[k]
    else seqs[k] = Math.max(stamp, last ?? stamp)
  }
  return fields === undefined ? rec : { ...rec, fields, seqs: seqs as FieldSeqs<F> }
}

/** A record holding exactly `body`'s listed fields, all stamped with `seq` (readbacks). */
export function lwwFrom<F extends object>(
  body: Readonly<Partial<F>>,
  keys: readonly (keyof F)[],
  seq: number | null
): Lww<F> {
  const fields: Partial<F> = {}
  const seqs: Partial<Record<keyof F, number>> = {}
  for (const k of keys) {
    const v = body[k]
    if (v === undefined) continue
    fields[k] = v
    if (seq !== null) seqs[k] = seq
  }
  return { fields, seqs }
}

export const maxOf = (a: number | null, b: number | null): number | null =>
  a === null ? b : b === null ? a : Math.max(a, b)

/** ISO instants normalised to `…Z` by the codecs compare correctly as strings. */
export const minTime = (a: string, b: string): string => (b < a ? b : a)
export const maxTime = (a: string, b: string): string => (b > a ? b : a)
