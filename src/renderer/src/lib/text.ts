/**
 * Text that comes from the phone network or the server (caller names, queue names, reasons) is
 * hostile input. Vue interpolation already renders it as text, never markup; this module makes it
 * also harmless to LOOK at: control characters and bidi overrides are removed (a U+202E in a caller
 * name must not reverse the rest of the row) and very long values are cut, which also keeps layout
 * cheap on a board of a thousand tiles.
 */

// C0/C1 controls, LRM/RLM, embeddings/overrides (U+202A–U+202E) and isolates (U+2066–U+2069).
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

/** Cleans `s` for display and truncates it to `max` characters (an ellipsis marks the cut). */
export function cleanText(s: string | null | undefined, max = 80): string {
  if (s === null || s === undefined || s === '') return ''
  // Cut before cleaning as well, so a 10 MB name costs no more than a short one.
  const head = s.length > max * 4 ? s.slice(0, max * 4) : s
  const cleaned = head.replace(UNSAFE, '').replace(/\s+/g, ' ').trim()
  if (cleaned.length <= max) return cleaned
  // Do not split a surrogate pair (emoji) in half.
  const cut = Array.from(cleaned)
    .slice(0, max - 1)
    .join('')
  return `${cut}…`
}

/** A person as one label: "Name", "Number", or a fallback. */
export function personLabel(
  p: { readonly name: string | null; readonly number: string | null },
  fallback = 'Unknown caller',
  max = 60
): string {
  return cleanText(p.name, max) || cleanText(p.number, 32) || fallback
}

/** The number to show beside a name, or '' when it would repeat the label. */
export function personNumber(p: {
  readonly name: string | null
  readonly number: string | null
}): string {
  const name = cleanText(p.name, 60)
  return name ? cleanText(p.number, 32) : ''
}
