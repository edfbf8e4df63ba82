import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { cleanText, type PopupContext, ringingPopup } from '../../../src/main/host/popups'
import { DEFAULT_SETTINGS, type NotificationRules } from '../../../src/shared/ipc/settings'
import { ringing } from '../fakes/core'

const RULES = DEFAULT_SETTINGS.notifications
const ctx = (
  rules: Partial<NotificationRules> = {},
  ownDnd: string | null = null
): PopupContext => ({
  rules: { ...RULES, ...rules },
  ownDnd
})

// Anything invisible or direction-changing that must not survive, and markup that looks like a tag.
const INVISIBLE = /(?![\u200d\u{e0020}-\u{e007f}])[\p{Cc}\p{Cf}]/u
const TAG = /<[/!?]?[a-z]/i
const LONE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

function expectPlain(text: string, max = 120): void {
  expect(text.length).toBeLessThanOrEqual(max)
  expect(text).not.toMatch(INVISIBLE)
  expect(text).not.toMatch(TAG)
  expect(text).not.toMatch(LONE)
  expect(text).not.toMatch(/\s{2}|^\s|\s$/)
}

describe('cleanText', () => {
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
    expect(cleanText(input)).toBe(expected)
  })

  it('cuts 10k characters to 120 with an ellipsis', () => {
    const out = cleanText('x'.repeat(10_000))
    expect(out).toHaveLength(120)
    expect(out.endsWith('…')).toBe(true)
  })

  it('never splits an emoji when it cuts', () => {
    const out = cleanText('👨‍👩‍👧'.repeat(100))
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

describe('ringingPopup', () => {
  it.each([
    '<img src=x onerror=alert(1)>',
    '\u202eSpoofed',
    'x'.repeat(10_000),
    'nul\u0000and\u0001controls\u001b[31m',
    '😀🎉👩‍👩‍👧‍👦'.repeat(40)
  ])('shows the caller %j as plain text of at most 120 characters', (name) => {
    const popup = ringingPopup(
      ringing({ caller: { name, number: name }, lineName: name, queueName: name }),
      ctx()
    )
    expect(popup).toBeDefined()
    expectPlain(popup?.title ?? '')
    expectPlain(popup?.body ?? '')
  })

  it('says who is calling on which line, and through which queue', () => {
    const popup = ringingPopup(ringing({ queueCall: true, queueName: 'Support' }), ctx())
    expect(popup).toEqual({
      title: 'Front desk is ringing',
      body: 'Ada Lovelace (+14155550100) via Support',
      tag: 's-1'
    })
  })

  it('falls back to the number, then to "Unknown caller", when the name is only markup', () => {
    const markup = ringing({ caller: { name: '<b></b>', number: '+1 415' } })
    expect(ringingPopup(markup, ctx())?.body).toBe('+1 415')
    const nothing = ringing({ caller: { name: '\u202e', number: null } })
    expect(ringingPopup(nothing, ctx())?.body).toBe('Unknown caller')
  })

  it('tags the pop-up with the telephony session, or the item when there is none', () => {
    expect(ringingPopup(ringing(), ctx())?.tag).toBe('s-1')
    expect(ringingPopup(ringing({ telephonySessionId: null }), ctx())?.tag).toBe('201:x')
  })

  it('stays quiet when pop-ups are off', () => {
    expect(ringingPopup(ringing(), ctx({ enabled: false }))).toBeUndefined()
  })

  it('shows only queue calls when asked to', () => {
    expect(
      ringingPopup(ringing({ queueCall: false }), ctx({ queueCallsOnly: true }))
    ).toBeUndefined()
    expect(ringingPopup(ringing({ queueCall: true }), ctx({ queueCallsOnly: true }))).toBeDefined()
  })

  it('shows only the selected lines when asked to', () => {
    const rules = { lines: 'selected' as const, selectedLines: ['202'] }
    expect(ringingPopup(ringing({ extensionId: '201' }), ctx(rules))).toBeUndefined()
    expect(ringingPopup(ringing({ extensionId: '202' }), ctx(rules))).toBeDefined()
  })

  it('is quiet while the agent is on Do Not Disturb, unless told otherwise', () => {
    expect(ringingPopup(ringing(), ctx({}, 'DoNotAcceptAnyCalls'))).toBeUndefined()
    expect(
      ringingPopup(ringing(), ctx({ quietWhenDnd: false }, 'DoNotAcceptAnyCalls'))
    ).toBeDefined()
    expect(ringingPopup(ringing(), ctx({}, 'TakeAllCalls'))).toBeDefined()
  })
})
