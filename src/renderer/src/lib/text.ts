/**
 * A person (caller, agent, parker) as the board shows them. The text itself is cleaned by the
 * shared `cleanText`: caller names and numbers come from the phone network and are hostile input.
 */
import { cleanText } from '../../../shared/util/text'

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
