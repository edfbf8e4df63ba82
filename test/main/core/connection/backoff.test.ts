import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { backoffDelay, DEFAULT_BACKOFF } from '../../../../src/main/core/connection/backoff'
import { classifyConnectError } from '../../../../src/main/core/connection/errors'

describe('backoffDelay', () => {
  it('stays within [c/2, c] with c = min(cap, base·2^n), for any attempt and random value', () => {
    fc.assert(
      fc.property(
        fc.nat(100),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (n, r) => {
          const d = backoffDelay(n, () => r)
          const ceiling = Math.min(DEFAULT_BACKOFF.capMs, DEFAULT_BACKOFF.baseMs * 2 ** n)
          expect(d).toBeGreaterThanOrEqual(ceiling / 2)
          expect(d).toBeLessThanOrEqual(ceiling)
        }
      )
    )
  })

  it('spreads a fleet: no one-second bucket holds more than 30% of 1,000 first retries', () => {
    // A fixed schedule (what @rc-ex/ws does) puts every agent in the same bucket after an outage.
    let seed = 7
    const random = (): number => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646
    const buckets = new Map<number, number>()
    for (let i = 0; i < 1000; i++) {
      const b = Math.floor(backoffDelay(0, random) / 1000)
      buckets.set(b, (buckets.get(b) ?? 0) + 1)
    }
    expect(Math.max(...buckets.values())).toBeLessThanOrEqual(300)
  })

  it('never makes a tight loop: at most 40 attempts in a 10-minute outage, even when unlucky', () => {
    for (const luck of [0, 0.5, 0.999]) {
      let elapsed = 0
      let attempts = 0
      while (elapsed < 600_000) elapsed += backoffDelay(attempts++, () => luck)
      expect(attempts).toBeLessThanOrEqual(40)
    }
  })

  it('caps the wait at two minutes', () => {
    expect(backoffDelay(50, () => 0.999)).toBeLessThanOrEqual(120_000)
  })
})

describe('classifyConnectError', () => {
  it('waits as told on 429', () => {
    expect(classifyConnectError({ retryAfter: 7000, response: { status: 429 } })).toMatchObject({
      kind: 'rate-limited',
      retryAfterMs: 7000
    })
  })
  it('names a missing permission and does not retry', () => {
    const body = {
      errorCode: 'InsufficientPermissions',
      message:
        'In order to call this API endpoint, application needs to have [WebSocketsSubscription] permission',
      errors: [{ errorCode: 'CMN-401', message: '…', permissionName: 'WebSocketsSubscription' }]
    }
    expect(classifyConnectError({ response: { status: 403, data: body } })).toEqual({
      kind: 'fatal',
      message:
        'RingCentral refused the live connection: the app is missing the WebSocketsSubscription permission'
    })
  })
  it('retries network failures and 5xx', () => {
    expect(classifyConnectError(new Error('connect ECONNREFUSED 127.0.0.1:1')).kind).toBe('retry')
    expect(classifyConnectError({ response: { status: 503 } }).kind).toBe('retry')
  })
  it('stops when the session is gone', () => {
    expect(classifyConnectError({ response: { status: 401 } }).kind).toBe('fatal')
    expect(classifyConnectError(new Error('Refresh token has expired')).kind).toBe('fatal')
  })
})
