import { describe, expect, it } from 'vitest'
import {
  normaliseFilters,
  parseFilter,
  type Filter,
  type PresenceDetail
} from '../../../src/shared/filters'

const own = (detail: PresenceDetail, extensionId = '~'): Filter => ({
  kind: 'extension-presence',
  accountId: '~',
  extensionId,
  detail
})
const line = (detail: PresenceDetail): Filter => ({
  kind: 'line-presence',
  accountId: '~',
  extensionId: '~',
  detail
})
const sessions: Filter = { kind: 'telephony-sessions', accountId: '~', params: {} }

describe('normaliseFilters (the presence filter rules)', () => {
  it('the SIP one wins when detailed and detailed-sip are both asked for the same path', () => {
    expect(normaliseFilters([own('detailed'), own('detailed-sip')])).toStrictEqual([
      own('detailed-sip')
    ])
    expect(normaliseFilters([own('detailed-sip'), own('detailed')])).toStrictEqual([
      own('detailed-sip')
    ])
  })

  it('detailed beats plain; the survivor keeps the first position (stable order)', () => {
    expect(
      normaliseFilters([own('plain'), sessions, line('plain'), own('detailed')])
    ).toStrictEqual([own('detailed'), sessions, line('plain')])
  })

  it('sipData implies detailed: a parsed ?sipData=true is already detailed-sip', () => {
    const r = parseFilter('/restapi/v1.0/account/~/extension/~/presence?sipData=true')
    expect(r.ok).toBe(true)
    if (r.ok)
      expect(normaliseFilters([own('detailed'), r.filter])).toStrictEqual([own('detailed-sip')])
  })

  it('different kinds or ids are different paths', () => {
    const list = [own('plain'), line('detailed'), own('plain', '123')]
    expect(normaliseFilters(list)).toStrictEqual(list)
  })

  it('exact duplicates are removed, keeping the first', () => {
    const answered: Filter = {
      kind: 'telephony-sessions',
      accountId: '~',
      params: { statusCode: 'Answered' }
    }
    const answeredCopy: Filter = {
      kind: 'telephony-sessions',
      accountId: '~',
      params: { statusCode: 'Answered' }
    }
    const list: Filter[] = [
      sessions,
      answered,
      { kind: 'favorites', accountId: '~', extensionId: '~' },
      answeredCopy,
      { kind: 'favorites', accountId: '~', extensionId: '~' },
      { kind: 'telephony-sessions', accountId: '~', params: {} }
    ]
    const out = normaliseFilters(list)
    expect(out).toStrictEqual([sessions, answered, list[2]])
    expect(out[1]).toBe(answered)
  })

  it('does not merge telephony filters that differ (each is another subset)', () => {
    const list: Filter[] = [
      sessions,
      { kind: 'telephony-sessions', accountId: '~', params: { sipData: true } },
      { kind: 'telephony-sessions', accountId: '~', extensionId: '~', params: {} },
      { kind: 'telephony-sessions', accountId: '~', params: { statusCode: 'Setup' } },
      { kind: 'telephony-sessions', accountId: '~', params: { statusCode: 'Answered' } }
    ]
    expect(normaliseFilters(list)).toStrictEqual(list)
  })

  it('does not modify its input', () => {
    const list = [own('plain'), own('detailed-sip')]
    const copy = structuredClone(list)
    normaliseFilters(list)
    expect(list).toStrictEqual(copy)
  })
})
