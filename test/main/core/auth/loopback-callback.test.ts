import type { IncomingMessage } from 'node:http'
import { describe, expect, it } from 'vitest'
import { AuthError } from '../../../../src/main/core/auth/errors'
import { judgeCallback } from '../../../../src/main/core/auth/loopback-callback'
import { PAGES } from '../../../../src/main/core/auth/loopback-pages'

const HOST = '127.0.0.1:5555'
const STATE = 'expected-state-value'
const expected = { host: HOST, path: '/oauth/callback', state: STATE, maxUrlBytes: 200 }

/** Only the fields the judge reads; the rest of IncomingMessage does not matter here. */
function request(url: string, extra: { host?: string; method?: string } = {}): IncomingMessage {
  const req = { url, method: extra.method ?? 'GET', headers: { host: extra.host ?? HOST } }
  return req as unknown as IncomingMessage
}

const callback = (query: string): string => `/oauth/callback?${query}`

describe('judgeCallback', () => {
  it.each([
    [
      'another Host (DNS rebinding)',
      request(callback(`state=${STATE}&code=c`), { host: 'evil.example:5555' }),
      400,
      PAGES.invalid
    ],
    [
      'a target over the byte limit',
      request(callback(`state=${STATE}&code=${'x'.repeat(300)}`)),
      414,
      PAGES.tooLong
    ],
    ['another path', request(`/other?state=${STATE}&code=c`), 404, PAGES.notFound],
    [
      'a POST',
      request(callback(`state=${STATE}&code=c`), { method: 'POST' }),
      405,
      PAGES.methodNotAllowed
    ],
    ['no state', request(callback('code=c')), 400, PAGES.invalid],
    ['a wrong state', request(callback('state=wrong&code=c')), 400, PAGES.invalid],
    ['two states', request(callback(`state=${STATE}&state=${STATE}&code=c`)), 400, PAGES.invalid],
    ['an unparsable target', request('http://['), 400, PAGES.invalid]
  ])('ignores %s without settling the attempt', (_, req, status, page) => {
    const verdict = judgeCallback(req, expected)
    expect(verdict).toMatchObject({ status, page })
    expect(verdict.outcome).toBeUndefined()
  })

  it('answers 405 with Allow: GET', () => {
    const verdict = judgeCallback(request(callback(`state=${STATE}`), { method: 'PUT' }), expected)
    expect(verdict.headers).toEqual({ Allow: 'GET' })
  })

  it.each([
    ['access_denied', 'error=access_denied', 200, PAGES.cancelled, 'cancelled'],
    ['another error', 'error=server_error', 200, PAGES.failed, 'protocol'],
    ['no code', '', 400, PAGES.failed, 'protocol'],
    ['an empty code', 'code=', 400, PAGES.failed, 'protocol'],
    ['two codes', 'code=a&code=b', 400, PAGES.failed, 'protocol'],
    ['a code over 2048 chars', `code=${'c'.repeat(2049)}`, 400, PAGES.failed, 'protocol']
  ])('settles an authentic callback with %s as a failure', (_, query, status, page, code) => {
    const verdict = judgeCallback(request(callback(`state=${STATE}&${query}`)), {
      ...expected,
      maxUrlBytes: 8 * 1024
    })
    expect(verdict).toMatchObject({ status, page })
    expect(verdict.outcome).toBeInstanceOf(AuthError)
    expect(verdict.outcome).toMatchObject({ code })
  })

  it('settles an authentic callback with its one code', () => {
    const verdict = judgeCallback(request(callback(`state=${STATE}&code=AUTHCODE`)), expected)
    expect(verdict).toEqual({ status: 200, page: PAGES.success, outcome: { code: 'AUTHCODE' } })
  })
})
