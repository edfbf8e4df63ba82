import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DEFAULT_BACKOFF } from '../../../../src/main/core/connection/backoff'
import { classifyConnectError } from '../../../../src/main/core/connection/errors'
import { backoffDelay } from '../../../../src/shared/util/backoff'

/** A seeded Lehmer generator, so a "fleet" of draws is the same on every run. */
function seeded(seed: number): () => number {
  let state = seed
  return () => ((state = (state * 16807) % 2147483647) - 1) / 2147483646
}

describe('the reconnect schedule (full jitter, base 8 s, cap 30 s, floor 1 s)', () => {
  const delay = (attempt: number, random: () => number): number =>
    backoffDelay(attempt, random, DEFAULT_BACKOFF)

  it('stays within [floor, c] with c = min(cap, base·2^n), for any attempt and random value', () => {
    fc.assert(
      fc.property(
        fc.nat(100),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (n, r) => {
          const d = delay(n, () => r)
          const ceiling = Math.min(DEFAULT_BACKOFF.capMs, DEFAULT_BACKOFF.baseMs * 2 ** n)
          expect(d).toBeGreaterThanOrEqual(1_000)
          expect(d).toBeLessThanOrEqual(ceiling)
        }
      )
    )
  })

  it('spreads a fleet: no one-second bucket holds more than 30% of 1,000 first retries', () => {
    // A fixed schedule (what @rc-ex/ws does) puts every agent in the same bucket after an outage.
    const random = seeded(7)
    const buckets = new Map<number, number>()
    for (let i = 0; i < 1000; i++) {
      const b = Math.floor(delay(0, random) / 1000)
      buckets.set(b, (buckets.get(b) ?? 0) + 1)
    }
    expect(Math.max(...buckets.values())).toBeLessThanOrEqual(300)
  })

  it('never makes a tight loop: never sooner than 1 s, even when every draw is 0', () => {
    for (const attempt of [0, 1, 5, 30, 1_000]) expect(delay(attempt, () => 0)).toBe(1_000)
    let elapsed = 0
    let attempts = 0
    while (elapsed < 600_000) elapsed += delay(attempts++, () => 0)
    expect(attempts).toBeLessThanOrEqual(600)
  })

  // The 30 s cap (an agent cannot wait two minutes for the next try) sets the load: at the cap,
  // one attempt per 15 s on average, about 42 in ten minutes; the unluckiest client of a thousand
  // makes 55. Each reuses the cached ws token, so it costs a socket, not an Auth-group request.
  it('at most 60 attempts in a 10-minute outage, for every client of a seeded fleet', () => {
    for (const luck of [0.5, 0.999]) {
      let elapsed = 0
      let attempts = 0
      while (elapsed < 600_000) elapsed += delay(attempts++, () => luck)
      expect(attempts).toBeLessThanOrEqual(45)
    }
    const random = seeded(11)
    let total = 0
    for (let client = 0; client < 1000; client++) {
      let elapsed = 0
      let attempts = 0
      while (elapsed < 600_000) elapsed += delay(attempts++, random)
      expect(attempts).toBeLessThanOrEqual(60)
      total += attempts
    }
    expect(total / 1000).toBeLessThanOrEqual(45)
  })

  it('caps the wait at 30 s', () => {
    expect(delay(50, () => 0.999)).toBeLessThanOrEqual(30_000)
    expect(delay(50, () => 0.999)).toBeGreaterThan(29_000)
    for (let attempt = 0; attempt < 100; attempt++)
      expect(delay(attempt, () => 0.999999)).toBeLessThanOrEqual(30_000)
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
  it("retries a WSG Error frame and says it in the gateway's words, not as raw JSON", () => {
    // @rc-ex/ws ConnectionException: the message is the JSON of the frame, wsgError its body.
    const wsgError = { errorCode: 'WSG-429', message: 'Connections limit per session exceeded' }
    const e = Object.assign(new Error(JSON.stringify(wsgError, null, 2)), { wsgError })
    expect(classifyConnectError(e)).toEqual({
      kind: 'retry',
      message:
        'RingCentral refused the connection: Connections limit per session exceeded (WSG-429)'
    })
  })
  it('stops when the agent is signed out', () => {
    expect(classifyConnectError({ response: { status: 401 } }).kind).toBe('fatal')
    expect(classifyConnectError(new Error('Refresh token has expired')).kind).toBe('fatal')
  })
})
