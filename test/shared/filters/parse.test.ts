import { describe, expect, expectTypeOf, it } from 'vitest'
import {
  buildFilter,
  parseFilter,
  STATUS_CODES,
  validateFilter,
  type Filter,
  type FilterKind,
  type FilterResult,
  type FilterStatusCode,
  type TelephonySessionsParams
} from '../../../src/shared/filters'

const P = '/restapi/v1.0'

function ok(s: string): Filter {
  const r = parseFilter(s)
  if (!r.ok) throw new Error(`expected ${s} to parse: ${r.error.message}`)
  return r.filter
}

function message(s: string): string {
  const r = parseFilter(s)
  if (r.ok) throw new Error(`expected ${s} to fail, got ${JSON.stringify(r.filter)}`)
  expect(r.error.filter).toBe(s)
  return r.error.message
}

describe('parseFilter: presence detail', () => {
  const own = `${P}/account/~/extension/~/presence`
  it.each([
    ['', 'plain'],
    ['?detailedTelephonyState=true', 'detailed'],
    ['?detailedTelephonyState=true&sipData=true', 'detailed-sip'],
    ['?sipData=true&detailedTelephonyState=true', 'detailed-sip'],
    // docs/platform.md#presence-filters: "If you specify that sipData=true then
    // presence?detailedTelephonyState=true also".
    ['?sipData=true', 'detailed-sip'],
    ['?detailedTelephonyState=false', 'plain'],
    ['?detailedTelephonyState=true&sipData=false', 'detailed']
  ])('%s → %s', (query, detail) => {
    expect(ok(own + query)).toStrictEqual({
      kind: 'extension-presence',
      accountId: '~',
      extensionId: '~',
      detail
    })
  })

  it('sipData=true alone is normalised: building writes both parameters', () => {
    expect(buildFilter(ok(`${own}?sipData=true`))).toBe(
      `${own}?detailedTelephonyState=true&sipData=true`
    )
  })

  it('rejects contradictions, duplicates, non-booleans and unknown parameters', () => {
    expect(message(`${own}?detailedTelephonyState=false&sipData=true`)).toBe(
      'sipData=true implies detailedTelephonyState=true; drop detailedTelephonyState=false'
    )
    expect(message(`${own}?sipData=true&sipData=true`)).toBe('sipData given twice')
    expect(message(`${own}?detailedTelephonyState=TRUE`)).toBe(
      "detailedTelephonyState: 'TRUE' is not a boolean (expected true or false)"
    )
    expect(message(`${own}?detailedTelephonyState`)).toBe(
      'detailedTelephonyState: missing value (expected detailedTelephonyState=…)'
    )
    expect(message(`${P}/account/~/extension/~/favorite/presence?foo=1`)).toBe(
      "unknown query parameter 'foo' for favorite-presence"
    )
    expect(message(`${own}?`)).toBe("empty query string after '?'")
    expect(message(`${own}?detailedTelephonyState=true&`)).toBe("empty query parameter (stray '&')")
  })
})

describe('parseFilter: paths and ids', () => {
  it('accepts the prefix optionally, and both ~ and numeric ids', () => {
    expect(ok('/account/~/presence')).toStrictEqual({ kind: 'account-presence', accountId: '~' })
    expect(ok(`${P}/account/123/extension/456/presence/line`)).toStrictEqual({
      kind: 'line-list',
      accountId: '123',
      extensionId: '456'
    })
    expect(ok('/account/~/extension/~/favorite')).toStrictEqual({
      kind: 'favorites',
      accountId: '~',
      extensionId: '~'
    })
  })

  it('names a bad id', () => {
    expect(message(`${P}/account/abc/presence`)).toBe(
      "accountId: 'abc' must be '~' or a numeric id"
    )
    expect(message(`${P}/account/~/extension//presence`)).toBe(
      "extensionId: '' must be '~' or a numeric id"
    )
    expect(message(`${P}/account/~/extension/1,2,3/presence`)).toBe(
      "extensionId: '1,2,3' must be '~' or a numeric id"
    )
  })

  it.each([
    '',
    '/',
    `${P}/subscription`,
    `${P}/account/~`,
    `${P}/account/~/extension/~`,
    `${P}/account/~/extension/~/presence/`,
    `${P}/account/~/extension/~/presence/dnd`,
    `${P}/account/~/extension/~/message-store`,
    `${P}/account/~/extension`,
    `${P}/account/~/Presence`,
    '/restapi/v2.0/account/~/presence',
    'restapi/v1.0/account/~/presence'
  ])('unknown path %j', (s) => {
    expect(message(s)).toBe(`unknown filter path '${s.split('?')[0] ?? ''}'`)
  })

  it('account presence, line list and favorites take no query', () => {
    expect(message(`${P}/account/~/presence?detailedTelephonyState=true`)).toBe(
      "account-presence takes no query parameters (got 'detailedTelephonyState')"
    )
    expect(message(`${P}/account/~/extension/~/presence/line?x=1`)).toBe(
      "line-list takes no query parameters (got 'x')"
    )
  })

  it('never throws on non-string input from untyped callers', () => {
    expect(parseFilter(undefined as unknown as string).ok).toBe(false)
  })
})

describe('parseFilter: telephony sessions', () => {
  const acc = `${P}/account/~/telephony/sessions`
  const ext = `${P}/account/~/extension/~/telephony/sessions`

  it('account and per-extension forms', () => {
    expect(ok(acc)).toStrictEqual({ kind: 'telephony-sessions', accountId: '~', params: {} })
    expect(ok(ext)).toStrictEqual({
      kind: 'telephony-sessions',
      accountId: '~',
      extensionId: '~',
      params: {}
    })
  })

  it('all parameters in any order; canonical order on build', () => {
    const f = ok(
      `${acc}?withRecordings=false&statusCode=Answered&sipData=true&phoneNumber=%2B16505550100&missedCall=true&direction=Inbound`
    )
    expect(f).toStrictEqual({
      kind: 'telephony-sessions',
      accountId: '~',
      params: {
        direction: 'Inbound',
        missedCall: true,
        phoneNumber: '+16505550100',
        sipData: true,
        statusCode: 'Answered',
        withRecordings: false
      }
    })
    expect(buildFilter(f)).toBe(
      `${acc}?direction=Inbound&missedCall=true&phoneNumber=%2B16505550100&sipData=true&statusCode=Answered&withRecordings=false`
    )
  })

  it('phoneNumber: %2B, %2b and a raw + are all read; + is always written as %2B', () => {
    for (const v of ['%2B16505550100', '%2b16505550100', '+16505550100']) {
      const f = ok(`${ext}?phoneNumber=${v}`)
      expect(f.kind === 'telephony-sessions' && f.params.phoneNumber).toBe('+16505550100')
      expect(buildFilter(f)).toBe(`${ext}?phoneNumber=%2B16505550100`)
    }
  })

  it.each(STATUS_CODES)('statusCode=%s', (code) => {
    expect(ok(`${acc}?statusCode=${code}`)).toStrictEqual({
      kind: 'telephony-sessions',
      accountId: '~',
      params: { statusCode: code }
    })
  })

  it('names the bad part', () => {
    expect(message(`${acc}?statusCode=Ringing`)).toBe(
      "statusCode: 'Ringing' is not one of Setup, Proceeding, Answered, Disconnected, Gone, Parked, Hold, VoiceMail, FaxReceive, VoiceMailScreening"
    )
    expect(message(`${acc}?statusCode=Setup&statusCode=Answered`)).toBe(
      'statusCode given twice: use one filter per status'
    )
    expect(message(`${acc}?statusCode=Setup,Answered`)).toMatch(
      /^statusCode: 'Setup,Answered' is not one of .* \(one status per filter: build one filter per status\)$/
    )
    // Tds is a body status code in the newer spec (docs/platform.md#status-codes-and-reasons), not
    // a documented filter value.
    expect(message(`${acc}?statusCode=Tds`)).toMatch(/^statusCode: 'Tds' is not one of/)
    expect(message(`${acc}?phoneNumber=16505550100`)).toMatch(
      /^phoneNumber: must be E\.164 with a leading \+/
    )
    expect(message(`${acc}?phoneNumber=%2B1234567`)).toMatch(/^phoneNumber: must be E\.164/)
    expect(message(`${acc}?phoneNumber=%2B1234567890123456`)).toMatch(/^phoneNumber: must be/)
    expect(message(`${acc}?phoneNumber=%2B1650-555-0100`)).toMatch(/^phoneNumber: must be/)
    expect(message(`${acc}?foo=bar`)).toBe("unknown query parameter 'foo' for telephony-sessions")
    expect(message(`${acc}?direction=inbound`)).toBe(
      "direction: 'inbound' is not one of Inbound, Outbound"
    )
    expect(message(`${acc}?missedCall=1`)).toBe(
      "missedCall: '1' is not a boolean (expected true or false)"
    )
    expect(message(`${acc}?direction=Inbound&direction=Inbound`)).toBe('direction given twice')
    // The SDK's objectToUrlParams writes undefined as `key=` (docs/platform.md#request-headers):
    // not a value here.
    expect(message(`${acc}?direction=`)).toBe("direction: '' is not one of Inbound, Outbound")
  })
})

describe('validateFilter', () => {
  it('accepts valid filters unchanged', () => {
    const f: Filter = {
      kind: 'line-presence',
      accountId: '1',
      extensionId: '~',
      detail: 'detailed'
    }
    expect(validateFilter(f)).toStrictEqual({ ok: true, filter: f })
  })

  it.each<[unknown, string]>([
    [{ kind: 'account-presence', accountId: 'me' }, "accountId: 'me' must be '~' or a numeric id"],
    [
      { kind: 'favorites', accountId: '~', extensionId: '1/2' },
      "extensionId: '1/2' must be '~' or a numeric id"
    ],
    [{ kind: 'favorites', accountId: '~' }, 'extensionId: required for favorites'],
    [
      { kind: 'extension-presence', accountId: '~', extensionId: '~', detail: 'full' },
      "detail: 'full' is not one of plain, detailed, detailed-sip"
    ],
    [
      { kind: 'telephony-sessions', accountId: '~', params: { phoneNumber: '16505550100' } },
      "phoneNumber: must be E.164 with a leading + and 8–15 digits, got '16505550100'"
    ],
    [
      { kind: 'telephony-sessions', accountId: '~', params: { statusCode: ['Setup'] } },
      'statusCode: one status per filter: build one filter per status'
    ],
    [
      { kind: 'telephony-sessions', accountId: '~', params: { sipData: 'true' } },
      "sipData: 'true' is not a boolean (expected true or false)"
    ],
    [
      { kind: 'telephony-sessions', accountId: '~', params: { foo: 1 } },
      "unknown query parameter 'foo' for telephony-sessions"
    ],
    [{ kind: 'mystery', accountId: '~' }, "unknown filter kind 'mystery'"]
  ])('%j → %s', (f, expected) => {
    const r = validateFilter(f as Filter)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.message).toBe(expected)
  })
})

describe('types', () => {
  it('kinds, results and single-valued statusCode', () => {
    expectTypeOf<FilterKind>().toEqualTypeOf<
      | 'extension-presence'
      | 'line-presence'
      | 'favorite-presence'
      | 'account-presence'
      | 'telephony-sessions'
      | 'line-list'
      | 'favorites'
    >()
    expectTypeOf(parseFilter).returns.toEqualTypeOf<FilterResult>()
    expectTypeOf(buildFilter).parameter(0).toEqualTypeOf<Filter>()
    // One status per filter (docs/platform.md#telephony-session-filters): not an array.
    expectTypeOf<TelephonySessionsParams['statusCode']>().toEqualTypeOf<
      FilterStatusCode | undefined
    >()
    expectTypeOf<Extract<Filter, { kind: 'account-presence' }>>().not.toHaveProperty('detail')
  })
})
