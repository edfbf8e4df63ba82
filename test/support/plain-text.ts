/**
 * What text from the phone network must look like once cleaned for display (cleanText,
 * src/shared/util/text.ts), asserted in one place for the cleaner's own tests and for the pop-ups
 * that show it.
 */
import { expect } from 'vitest'

/** Markup that looks like the start of a tag, a comment or a declaration. */
export const TAG = /<[/!?]?[a-z]/i
/** Half of a surrogate pair without its other half. */
export const LONE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/
/** Anything invisible or direction-changing, except the joiners and tags of an emoji it keeps. */
const INVISIBLE = /(?![\u200d\u{e0020}-\u{e007f}])[\p{Cc}\p{Cf}]/u

/** At most `max` UTF-16 units, nothing invisible, no markup, no lone surrogate, no stray space. */
export function expectPlain(text: string, max = 120): void {
  expect(text.length).toBeLessThanOrEqual(max)
  expect(text).not.toMatch(INVISIBLE)
  expect(text).not.toMatch(TAG)
  expect(text).not.toMatch(LONE)
  expect(text).not.toMatch(/\s{2}|^\s|\s$/)
}
