import { isLeft, isRight } from 'fp-ts/lib/Either'
import { describe, expect, it } from 'vitest'
import { isRcId, RcId } from '../../../src/shared/util/ids'

describe('isRcId and RcId', () => {
  it.each([
    ['an extension id', '297277020'],
    ['a long extension id', '6610372004'],
    ['a telephony session id', 's-9cdb248614c94aa7ba68135f6c07b808'],
    ['a party id', 'p-9cdb248614c94aa7ba68135f6c07b808-1'],
    ['a device id', '802398804016'],
    ['a SIP Call-ID token', '1nf2mhj51dp3asb3l0r5'],
    ['an opaque token with unreserved punctuation', 'a.b_c~d-e'],
    ['a token with a colon', 'cs:172622609264474468'],
    ['one character', '7'],
    ['128 characters', 'a'.repeat(128)],
    ['a dot inside', 'a.b'],
    ['three dots', '...']
  ])('accepts %s (%j)', (_what, id) => {
    expect(isRcId(id)).toBe(true)
    expect(isRight(RcId.decode(id))).toBe(true)
  })

  it.each([
    ['a park orbit', '*801'],
    ['a star code', '*'],
    ['a hash', 's-1#x'],
    ['a dialled number with a hash', '101#'],
    ['the empty string', ''],
    ['129 characters', 'a'.repeat(129)],
    ['a dot segment', '.'],
    ['a parent segment', '..'],
    ["RingCentral's 'current' alias", '~'],
    ['a path', '../../extension/~'],
    ['a slash', 's-1/p-1'],
    ['a backslash', 's-1\\p-1'],
    ['a query', 's-1?x=1'],
    ['a percent escape', '%2e%2e'],
    ['a space', 's 1'],
    ['a NUL', 's-1\u0000'],
    ['a quote', "s-1'"],
    ['markup', '<b>1</b>'],
    ['a plus (E.164 numbers are not ids)', '+14155550100'],
    ['a non-ASCII letter', 'é1'],
    ['a bidi override', '\u202e1']
  ])('refuses %s (%j)', (_what, id) => {
    expect(isRcId(id)).toBe(false)
    expect(isLeft(RcId.decode(id))).toBe(true)
  })

  it.each([[42], [null], [undefined], [['1']], [{ id: '1' }]])('refuses a non-string %j', (v) => {
    expect(isRcId(v)).toBe(false)
    expect(isLeft(RcId.decode(v))).toBe(true)
  })

  it('decodes to the same string and encodes it unchanged', () => {
    const id = 'p-9cdb248614c94aa7ba68135f6c07b808-1'
    const decoded = RcId.decode(id)
    expect(isRight(decoded) && decoded.right).toBe(id)
    expect(RcId.encode(id)).toBe(id)
  })

  it('leaves the shapes RingCentral issues unchanged by path escaping', () => {
    for (const id of ['297277020', 's-abc', 'p-abc-2', 'a.b_c~d-e']) {
      expect(encodeURIComponent(id)).toBe(id)
    }
  })
})
