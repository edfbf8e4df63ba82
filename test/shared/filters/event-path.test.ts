import { describe, expect, expectTypeOf, it } from 'vitest'
import {
  parseEventPath,
  type EventPath,
  type EventPathResult,
  type EventResource,
  type FilterKind
} from '../../../src/shared/filters'

function path(event: string): EventPath {
  const r = parseEventPath(event)
  if (!r.ok) throw new Error(`expected ${event} to classify: ${r.error.message}`)
  return r.path
}

describe('parseEventPath: event document examples', () => {
  it('detailed presence with SIP', () => {
    expect(
      path(
        '/restapi/v1.0/account/37439510/extension/297277020/presence?detailedTelephonyState=true&sipData=true'
      )
    ).toStrictEqual({
      resource: 'extension-presence',
      accountId: '37439510',
      extensionId: '297277020',
      detail: 'detailed-sip'
    })
  })

  it('account presence arrives under the per-extension path', () => {
    // Textually own-extension presence; the caller compares extensionId with ownerId.
    expect(path('/restapi/v1.0/account/~/extension/6610372004/presence')).toStrictEqual({
      resource: 'extension-presence',
      accountId: '~',
      extensionId: '6610372004',
      detail: 'plain'
    })
  })

  it('the real ServerNotification frame', () => {
    expect(
      path(
        '/restapi/v1.0/account/908199004/extension/908199004/presence?detailedTelephonyState=true&sipData=true'
      )
    ).toMatchObject({ resource: 'extension-presence', detail: 'detailed-sip' })
  })
})

describe('parseEventPath: telephony sessions', () => {
  it('account-level subscriptions deliver per-extension paths', () => {
    expect(path('/restapi/v1.0/account/101/extension/202/telephony/sessions')).toStrictEqual({
      resource: 'telephony-sessions',
      accountId: '101',
      extensionId: '202',
      params: {}
    })
    expect(
      path(
        '/restapi/v1.0/account/101/extension/202/telephony/sessions?statusCode=Answered&sipData=true'
      )
    ).toStrictEqual({
      resource: 'telephony-sessions',
      accountId: '101',
      extensionId: '202',
      params: { sipData: true, statusCode: 'Answered' }
    })
  })

  it('account-level path (no party extension) has no extensionId key', () => {
    const p = path('/restapi/v1.0/account/101/telephony/sessions?phoneNumber=%2B16505550100')
    expect(p).toStrictEqual({
      resource: 'telephony-sessions',
      accountId: '101',
      params: { phoneNumber: '+16505550100' }
    })
    expect('extensionId' in p).toBe(false)
  })
})

describe('parseEventPath: other resources', () => {
  it.each<[string, EventPath]>([
    [
      '/restapi/v1.0/account/1/extension/2/presence/line/presence?detailedTelephonyState=true',
      { resource: 'line-presence', accountId: '1', extensionId: '2', detail: 'detailed' }
    ],
    [
      '/restapi/v1.0/account/1/extension/2/favorite/presence',
      { resource: 'favorite-presence', accountId: '1', extensionId: '2', detail: 'plain' }
    ],
    [
      '/restapi/v1.0/account/1/extension/2/presence/line',
      { resource: 'line-list', accountId: '1', extensionId: '2' }
    ],
    [
      '/restapi/v1.0/account/1/extension/2/favorite',
      { resource: 'favorites', accountId: '1', extensionId: '2' }
    ],
    ['/restapi/v1.0/account/1/presence', { resource: 'account-presence', accountId: '1' }]
  ])('%s', (event, expected) => {
    expect(path(event)).toStrictEqual(expected)
  })
})

describe('parseEventPath: errors', () => {
  it.each([
    '/restapi/v1.0/account/1/extension/2/presence/dnd',
    '/restapi/v1.0/account/1/extension/2/message-store',
    '/restapi/v1.0/subscription/abc',
    '/restapi/v1.0/account/1/extension',
    'not a path',
    ''
  ])('unknown: %j', (event) => {
    expect(parseEventPath(event)).toStrictEqual({
      ok: false,
      error: { message: `unknown event path '${event}'`, event }
    })
  })

  it('a known path with a bad part names it', () => {
    const r = parseEventPath('/restapi/v1.0/account/1/telephony/sessions?statusCode=Ringing')
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.message).toMatch(/^statusCode: 'Ringing' is not one of Setup/)
    const id = parseEventPath('/restapi/v1.0/account/x1/extension/2/presence')
    expect(!id.ok && id.error.message).toBe(
      "accountId: 'x1' must be '~' or a numeric id in event '/restapi/v1.0/account/x1/extension/2/presence'"
    )
  })

  it('never throws on non-string input', () => {
    expect(parseEventPath(42 as unknown as string).ok).toBe(false)
  })
})

describe('types', () => {
  it('resources mirror filter kinds; telephony extensionId is optional', () => {
    expectTypeOf<EventResource>().toEqualTypeOf<FilterKind>()
    expectTypeOf(parseEventPath).returns.toEqualTypeOf<EventPathResult>()
    expectTypeOf<
      Extract<EventPath, { resource: 'telephony-sessions' }>['extensionId']
    >().toEqualTypeOf<string | undefined>()
    expectTypeOf<
      Extract<EventPath, { resource: 'extension-presence' }>['extensionId']
    >().toEqualTypeOf<string>()
  })
})
