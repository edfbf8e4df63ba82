import { describe, expect, it } from 'vitest'
import { type PopupContext, ringingPopup } from '../../../src/main/host/popups'
import { DEFAULT_SETTINGS, type NotificationRules } from '../../../src/shared/ipc/settings'
import { expectPlain } from '../../support/plain-text'
import { ringing } from '../fakes/core'

const RULES = DEFAULT_SETTINGS.notifications
const ctx = (
  rules: Partial<NotificationRules> = {},
  ownDnd: string | null = null
): PopupContext => ({
  rules: { ...RULES, ...rules },
  ownDnd
})

// The cleaner's own tests moved with it to test/shared/util/text.test.ts.
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
