import { describe, expect, it } from 'vitest'
import { phoneText } from '../../../src/renderer/src/lib/phone-text'

describe('the phone badge words', () => {
  it('says each registration state with its tone', () => {
    expect(phoneText({ status: 'registered', since: 1 }, null)).toMatchObject({
      label: 'Phone registered',
      tone: 'ok'
    })
    expect(phoneText({ status: 'registering', attempt: 2 }, null)).toMatchObject({
      label: 'Phone registering…',
      announce: 'Phone registering',
      tone: 'busy'
    })
    expect(phoneText({ status: 'stopped' }, null)).toMatchObject({ label: 'Phone off' })
  })

  it('puts the countdown before the reason, and announces no number', () => {
    const t = phoneText({ status: 'failed', reason: 'proxy refused', retryAt: 5_000 }, 4)
    expect(t.label).toBe('Phone not registered, retrying in 4 s: proxy refused')
    expect(t.detail).toBe(t.label)
    expect(t.announce).toBe('Phone not registered: proxy refused')
    expect(t.tone).toBe('bad')
    const none = phoneText({ status: 'failed', reason: 'no SIP info', retryAt: null }, null)
    expect(none.label).toBe('Phone not registered: no SIP info')
  })
})
