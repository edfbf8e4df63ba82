/**
 * One way to match what a person types in a filter box against names and extension numbers:
 * without regard to case or accents, so "jose" finds José, "pena" Peña, "bjorn" Björn and
 * "siobhan" Siobhán. Letters are decomposed (NFD) and their combining marks dropped; the few
 * Latin letters that do not decompose (ø, ł, đ, ı, ß, æ, œ, þ) are spelled as people type them on
 * a plain keyboard. Pure (no DOM), so every list uses this same copy.
 */

const MARKS = /\p{M}+/gu
const SPELLED: Readonly<Record<string, string>> = {
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  ı: 'i',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  þ: 'th'
}
const UNSPLIT = new RegExp(`[${Object.keys(SPELLED).join('')}]`, 'g')

/** The text as a search compares it: lower case, no accents, runs of spaces folded. */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(MARKS, '')
    .toLowerCase()
    .replace(UNSPLIT, (c) => SPELLED[c] ?? c)
    .replace(/\s+/g, ' ')
    .trim()
}

/**
 * True when what the person typed occurs in `haystack` (already a `searchKey`) as typed, but for
 * case and accents: "jose pe" finds José Peña, "Agent 12" finds Agent 12 and not Agent 2 (ext 12).
 */
export function matchesSearch(haystack: string, query: string): boolean {
  return haystack.includes(searchKey(query))
}
