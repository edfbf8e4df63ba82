/**
 * The one cleaner for hostile text: anything that comes from the phone network or the server
 * (caller names, queue and device names, reasons, error messages) before a person sees it, in the
 * board, a toast, a tray balloon, a native notification or a log line.
 *
 * Vue interpolation already renders text as text, but not every sink does: some Linux notification
 * servers render a subset of HTML, and a log is read in a terminal. So the text is made harmless
 * to LOOK at as well:
 *
 * - controls (C0, C1) and format characters are removed: bidi embeddings, overrides, isolates and
 *   marks (a U+202E in a caller name must not reverse the rest of the row), zero-width spaces and
 *   joiners, word joiner, BOM, soft hyphen. The only format characters kept are the zero-width
 *   joiners inside an emoji ZWJ sequence (👩‍💻) and the tag characters of a flag tag sequence
 *   (🏴󠁧󠁢󠁳󠁣󠁴󠁿): removing those would change the emoji, not reveal a hidden character;
 * - anything that reads as a tag or comment (`<img …>`, `</b>`, `<!--`) is removed;
 * - line breaks become spaces and runs of whitespace fold to one;
 * - long text is cut with an ellipsis, at a character boundary (never inside a surrogate pair,
 *   and where it can be, never inside an emoji or between a letter and its accents).
 *
 * Pure (no Node, no DOM), so every runtime uses this same copy.
 */

// Line breaks and tabs become spaces, so "A\nB" stays two words.
const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]/g

// One emoji, with its presentation selector or skin tone.
const PICTOGRAPH = '\\p{Extended_Pictographic}(?:\\u{FE0F}|\\p{Emoji_Modifier})?'
/**
 * Group 1 is what to keep: an emoji ZWJ sequence, or a flag tag sequence (black flag, tag letters
 * or digits, cancel tag). Otherwise the match is one control or format character, to drop. One
 * left-to-right pass, so a joiner is kept only where it joins two emoji.
 */
const INVISIBLE = new RegExp(
  `(${PICTOGRAPH}(?:\\u200d${PICTOGRAPH})+` +
    `|\\u{1F3F4}[\\u{E0030}-\\u{E0039}\\u{E0061}-\\u{E007A}]{1,6}\\u{E007F})` +
    `|[\\p{Cc}\\p{Cf}]`,
  'gu'
)

// Something that reads as an HTML/XML tag or comment: `<img …>`, `</b>`, `<!-- …`.
const TAG = /<[/!?]?[a-z][^>]*(?:>|$)|<!--.*?(?:-->|$)/gis

// Halves of surrogate pairs left alone (by a sender that cut a string, or by the cut below).
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

/** Enough for any real name or message; bounds the work on a 10 MB "name". */
const MAX_INPUT = 4096

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' })

function stripMarkup(s: string): string {
  const once = s.replace(TAG, '')
  // `<<b>img …>` becomes a tag again once `<b>` is gone: then drop every angle bracket instead of
  // looping, so hostile nesting costs one more pass, not one per level.
  TAG.lastIndex = 0
  return TAG.test(once) ? once.replace(/[<>]/g, '') : once
}

/**
 * Below U+0300 (where the combining marks start) every character is its own grapheme once the
 * controls are gone, so a cut between two of them needs no segmenter, which costs ~10 µs a call:
 * a board of a thousand tiles cuts thousands of names.
 */
const simpleBoundary = (s: string, at: number): boolean =>
  s.charCodeAt(at - 1) < 0x300 && s.charCodeAt(at) < 0x300

const dropInvisible = (s: string): string =>
  s.replace(INVISIBLE, (_match, keep: string | undefined) => keep ?? '')

/**
 * The longest prefix of `s` of at most `budget` UTF-16 units that ends on a grapheme boundary.
 * A single grapheme longer than the budget (a letter under hundreds of combining marks) is cut
 * between its code points instead, so the text does not vanish into a lone ellipsis; that cut
 * can end an emoji sequence early, leaving a joiner that joins nothing, so it is cleaned again.
 */
function prefix(s: string, budget: number): string {
  const cut = simpleBoundary(s, budget)
    ? budget
    : // Only the grapheme that straddles the cut matters; `containing` finds it without walking
      // every segment.
      (graphemes.segment(s).containing(budget)?.index ?? budget)
  if (cut > 0) return s.slice(0, cut)
  let out = ''
  for (const codePoint of s) {
    if (out.length + codePoint.length > budget) break
    out += codePoint
  }
  return dropInvisible(out)
}

export interface CleanTextOptions {
  /**
   * Keep anything that reads as markup, as text. Only for sinks that never interpret markup (Vue
   * interpolation) showing program-made text whose angle brackets carry meaning: a decode error
   * names its io-ts type, `expected Array<LineRef>`, and stripping would say `expected Array`.
   * Controls, bidi and zero-width characters still go, and the cut is still safe.
   */
  readonly keepMarkup?: boolean
}

/**
 * `s` as plain, single-line text of at most `max` UTF-16 units (so also at most `max` code
 * points), with an ellipsis where it was cut. `null`, `undefined` and text that was nothing but
 * markup or invisible characters become `''`, so callers can fall back with `||`.
 */
export function cleanText(
  s: string | null | undefined,
  max: number,
  options: CleanTextOptions = {}
): string {
  if (s === null || s === undefined || s === '' || max < 1) return ''
  const visible = dropInvisible(
    s
      .slice(0, Math.max(MAX_INPUT, max * 4))
      .replace(LONE_SURROGATE, '')
      .replace(BREAKS, ' ')
  )
  const plain = (options.keepMarkup === true ? visible : stripMarkup(visible))
    .replace(/\s+/g, ' ')
    .trim()
  if (plain.length <= max) return plain
  return `${prefix(plain, max - 1).trimEnd()}…`
}
