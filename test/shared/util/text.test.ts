import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { cleanText } from '../../../src/shared/util/text'
import { expectPlain, LONE, TAG } from '../../support/plain-text'

// Everything the cleaner removes: controls and format characters (zero-width, bidi, BOM, soft
// hyphen…), except inside the emoji sequences it keeps whole; markup (TAG); lone surrogate halves
// (LONE).
const KEPT_EMOJI =
  /\p{Extended_Pictographic}(?:\u{FE0F}|\p{Emoji_Modifier})?(?:\u200d\p{Extended_Pictographic}(?:\u{FE0F}|\p{Emoji_Modifier})?)+|\u{1F3F4}[\u{E0030}-\u{E0039}\u{E0061}-\u{E007A}]{1,6}\u{E007F}/gu
const STRIPPED = /[\p{Cc}\p{Cf}]/u

function expectClean(text: string, max: number): void {
  expect(text.length).toBeLessThanOrEqual(max)
  expect([...text].length).toBeLessThanOrEqual(max)
  expect(text.replace(KEPT_EMOJI, '')).not.toMatch(STRIPPED)
  expect(text).not.toMatch(TAG)
  expect(text).not.toMatch(LONE)
  expect(text).not.toMatch(/\s{2}|^\s|\s$|[\t\n\r]/)
}

describe('cleanText: each class of hostile character', () => {
  it.each([
    ['C0 controls', 'a\u0000b\u0007c\u001bd\u007fe', 'abcde'],
    ['C1 controls', 'a\u0080b\u009fc', 'abc'],
    ['NEL is a line break', 'a\u0085b', 'a b'],
    ['zero-width space, non-joiner, joiner', 'a\u200bb\u200cc\u200dd', 'abcd'],
    ['word joiner and BOM', '\ufeffzero\u2060width\ufeff', 'zerowidth'],
    ['bidi embeddings and overrides', '\u202aa\u202bb\u202cc\u202dd\u202ee', 'abcde'],
    ['bidi isolates', '\u2066a\u2067b\u2068c\u2069', 'abc'],
    ['LRM, RLM and the Arabic letter mark', 'a\u200eb\u200fc\u061cd', 'abcd'],
    ['a reversed file name', '\u202eevil.exe\u202c', 'evil.exe'],
    ['soft hyphen', 'in\u00advisible', 'invisible'],
    ['a lone high surrogate', 'a\ud83db', 'ab'],
    ['a lone low surrogate', 'a\ude00b', 'ab']
  ])('%s', (_name, input, expected) => {
    expect(cleanText(input, 80)).toBe(expected)
  })

  it.each([
    ['an emoji ZWJ sequence', '👩‍💻 Grace', '👩‍💻 Grace'],
    ['a family with skin tones', '👩🏽‍👩🏿‍👧', '👩🏽‍👩🏿‍👧'],
    ['a flag with a presentation selector', '🏳️‍🌈', '🏳️‍🌈'],
    [
      'a flag tag sequence',
      '🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}',
      '🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}'
    ],
    ['tag characters hidden in text', 'Bob\u{E0069}\u{E0067}\u{E006E}', 'Bob'],
    ['a joiner between letters', 'Bo\u200db', 'Bob'],
    ['a joiner after an emoji but before a letter', '😀\u200dx', '😀x']
  ])('keeps %s whole only where it joins emoji', (_name, input, expected) => {
    expect(cleanText(input, 80)).toBe(expected)
  })
})

describe('cleanText: markup and whitespace', () => {
  it.each([
    ['<img src=x onerror=alert(1)>Bob', 'Bob'],
    ['<<b>img src=x onerror=alert(1)>Eve', 'img src=x onerror=alert(1)Eve'],
    ['<!-- x --><script>alert(1)</script>Ann', 'alert(1)Ann'],
    ['<b>Bold</b> <i>and</i> plain', 'Bold and plain'],
    ['an unclosed <img src=x onerror=alert(1)', 'an unclosed'],
    ['<\u200bimg src=x>hidden', 'hidden'],
    ['Smith <3 & co', 'Smith <3 & co'],
    ['a < b > c', 'a < b > c'],
    ['javascript:alert(1)', 'javascript:alert(1)'],
    ['line\nbreak\ttab\r\nend', 'line break tab end'],
    ['  many   \u00a0 spaces\u2028here  ', 'many spaces here']
  ])('%j becomes %j', (input, expected) => {
    expect(cleanText(input, 80)).toBe(expected)
  })

  it.each([
    ['nothing', ''],
    ['only markup', '<b></b><img src=x>'],
    ['only invisible characters', '\u202e\u200b\ufeff\u0000'],
    ['only whitespace', ' \n\t '],
    ['a lone surrogate', '\ud83d']
  ])('%s becomes the empty string', (_name, input) => {
    expect(cleanText(input, 80)).toBe('')
  })

  it('keeps markup as text when asked, for a decode error naming its io-ts type', () => {
    const message = 'expected Array<LineRef>, got\u202e nothing'
    expect(cleanText(message, 80)).toBe('expected Array, got nothing')
    expect(cleanText(message, 80, { keepMarkup: true })).toBe(
      'expected Array<LineRef>, got nothing'
    )
  })

  it('treats null and undefined as no text', () => {
    expect(cleanText(null, 80)).toBe('')
    expect(cleanText(undefined, 80)).toBe('')
  })
})

describe('cleanText: the cut', () => {
  it('leaves text within the limit alone', () => {
    expect(cleanText('x'.repeat(40), 40)).toBe('x'.repeat(40))
  })

  it('cuts to the limit with an ellipsis', () => {
    expect(cleanText('abcdefghij', 5)).toBe('abcd…')
    expect(cleanText('x'.repeat(10_000), 120)).toBe(`${'x'.repeat(119)}…`)
  })

  it('does not leave a space before the ellipsis', () => {
    expect(cleanText('abc defgh', 5)).toBe('abc…')
  })

  it.each([
    // The cut falls between the two halves of the emoji: the emoji goes, not half of it.
    ['abc😀def', 5, 'abc…'],
    ['abcd😀ef', 5, 'abcd…'],
    ['😀😀😀😀', 4, '😀…'],
    ['😀😀😀😀', 5, '😀😀…'],
    ['a𝒳𝒳𝒳', 4, 'a𝒳…'],
    ['a𝒳𝒳𝒳', 3, 'a…']
  ])('never splits a surrogate pair: %j cut to %i is %j', (input, max, expected) => {
    expect(cleanText(input, max)).toBe(expected)
  })

  it('never splits an emoji sequence or a letter and its accent', () => {
    expect(cleanText('ab👩‍💻cdefghijklmnop', 6)).toBe('ab…')
    expect(cleanText('abcde\u0301fgh', 6)).toBe('abcd…')
  })

  it('cuts a single over-long grapheme between its code points rather than dropping it', () => {
    const zalgo = `Z${'\u0336'.repeat(300)}`
    const out = cleanText(zalgo, 10)
    expect(out).toBe(`Z${'\u0336'.repeat(8)}…`)
  })

  it('leaves no dangling joiner when that cut ends inside an emoji sequence', () => {
    expect(cleanText('👩‍💻', 4)).toBe('👩…')
  })

  it('cuts a 10 MB name like a short one', () => {
    const out = cleanText(`${'<b>'.repeat(10)}${'y'.repeat(10_000_000)}`, 60)
    expect(out).toBe(`${'y'.repeat(59)}…`)
  })

  it('returns the ellipsis alone at a limit of 1, and nothing below', () => {
    expect(cleanText('abc', 1)).toBe('…')
    expect(cleanText('abc', 0)).toBe('')
  })
})

describe('cleanText: any input', () => {
  it('leaves only plain, short text: no lone surrogate, no stripped class, within the limit', () => {
    const hostile = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 400 }),
      fc.string({ unit: 'grapheme', maxLength: 300 }),
      fc
        .array(
          fc.constantFrom(
            '<img src=x onerror=alert(1)>',
            '\u202e',
            '\u2066',
            '\u200b',
            '\u200d',
            '\ufeff',
            '\u0000',
            '\u009b',
            '\ud83d',
            '\ude00',
            '😀',
            '👩‍💻',
            '\u{E0067}',
            '<',
            'b>',
            ' ',
            '\n',
            'é',
            '\u0301'
          ),
          { maxLength: 200 }
        )
        .map((parts) => parts.join(''))
    )
    fc.assert(
      fc.property(hostile, fc.integer({ min: 1, max: 200 }), (s, max) => {
        expectClean(cleanText(s, max), max)
      }),
      { numRuns: 2_000 }
    )
  })

  it('is idempotent', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.integer({ min: 1, max: 100 }),
        (s, max) => {
          const once = cleanText(s, max)
          expect(cleanText(once, max)).toBe(once)
        }
      ),
      { numRuns: 1_000 }
    )
  })
})

// Moved from test/main/host/popups.test.ts with the pop-ups' own cleaner (limit 120).
describe('cleanText at the pop-up limit', () => {
  it.each([
    ['<img src=x onerror=alert(1)>Bob', 'Bob'],
    ['<<b>img src=x onerror=alert(1)>Eve', 'img src=x onerror=alert(1)Eve'],
    ['<!-- x --><script>alert(1)</script>Ann', 'alert(1)Ann'],
    ['Smith <3 & co', 'Smith <3 & co'],
    ['javascript:alert(1)', 'javascript:alert(1)'],
    ['\u202eevil.exe\u202c', 'evil.exe'],
    ['a\u0000b\u0007c\u009fd', 'abcd'],
    ['line\nbreak\ttab', 'line break tab'],
    ['zero\u200bwidth\ufeff', 'zerowidth'],
    ['👩‍💻 Grace ☎️', '👩‍💻 Grace ☎️']
  ])('%j becomes %j', (input, expected) => {
    expect(cleanText(input, 120)).toBe(expected)
  })

  it('cuts 10k characters to 120 with an ellipsis', () => {
    const out = cleanText('x'.repeat(10_000), 120)
    expect(out).toHaveLength(120)
    expect(out.endsWith('…')).toBe(true)
  })

  it('never splits an emoji when it cuts', () => {
    const out = cleanText('👨‍👩‍👧'.repeat(100), 120)
    expect(out.length).toBeLessThanOrEqual(120)
    expect(out.replace('…', '').replace(/👨‍👩‍👧/gu, '')).toBe('')
  })

  it('leaves only plain, short text for any input', () => {
    const hostile = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 400 }),
      fc.string({ unit: 'grapheme', maxLength: 300 }),
      fc
        .array(
          fc.constantFrom('<img src=x onerror=alert(1)>', '\u202e', '\u0000', '😀', '<', 'b>', ' '),
          { maxLength: 200 }
        )
        .map((parts) => parts.join(''))
    )
    fc.assert(
      fc.property(hostile, fc.integer({ min: 2, max: 200 }), (s, max) => {
        expectPlain(cleanText(s, max), max)
      }),
      { numRuns: 2_000 }
    )
  })
})
