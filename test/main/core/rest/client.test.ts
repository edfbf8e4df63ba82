import { describe, expect, it } from 'vitest'
import { arrayOf, Id, Str, struct } from '../../../../src/shared/events'
import {
  createRestClient,
  DEFAULT_RETRY_AFTER_MS,
  DEFAULT_TIMEOUT_MS,
  type RestClientOptions
} from '../../../../src/main/core/rest'
import { createManualClock, type ManualClock } from '../auth/support/manual-clock'
import { fakePlatform, type FakePlatform, type Reply } from './fake-platform'

/**
 * The one REST policy, through a scripted platform and a clock that only moves when told: the
 * timeout, the 429 waits and their limit, each failure class and decoding with paths.
 */
const PATH = '/restapi/v1.0/account/~/extension/~'
const OK = { status: 200, body: { id: 1 } } as const
const RATE_LIMITED = {
  status: 429,
  body: { errorCode: 'CMN-301', message: 'Request rate exceeded' },
  message: 'Request rate exceeded'
} as const

interface Rig {
  readonly platform: FakePlatform
  readonly clock: ManualClock
  readonly waits: number[]
  readonly rest: ReturnType<typeof createRestClient>
}

function rig(replies: Reply[], options: Partial<RestClientOptions> = {}): Rig {
  const platform = fakePlatform(...replies)
  const clock = createManualClock()
  const waits: number[] = []
  const rest = createRestClient({
    platform: () => platform,
    clock,
    onRateLimited: (ms) => waits.push(ms),
    ...options
  })
  return { platform, clock, waits, rest }
}

/** Lets every promise chain that can move without the clock move. */
const settle = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve))
}

describe('timeout', () => {
  it('fires after timeoutMs, aborts the request and reports a timeout', async () => {
    const r = rig(['hang'], { timeoutMs: 5_000 })
    let settled = false
    const out = r.rest.get(PATH).finally(() => (settled = true))
    await settle()
    r.clock.advance(4_999)
    await settle()
    expect(settled).toBe(false)
    expect(r.platform.sent[0]?.signal?.aborted).toBe(false)

    r.clock.advance(1)
    expect(await out).toEqual({ ok: false, failure: { kind: 'timeout', timeoutMs: 5_000 } })
    expect(r.platform.sent[0]?.signal?.aborted).toBe(true)
    expect(r.platform.sent[0]?.signal?.reason).toMatchObject({ name: 'TimeoutError' })
  })

  it('defaults to DEFAULT_TIMEOUT_MS, a request may set its own, and an answer clears the timer', async () => {
    const r = rig(['hang', 'hang', OK])
    const byDefault = r.rest.get(PATH)
    const short = r.rest.get(PATH, { timeoutMs: 100 })
    await settle()
    r.clock.advance(100)
    expect(await short).toMatchObject({ failure: { kind: 'timeout', timeoutMs: 100 } })
    r.clock.advance(DEFAULT_TIMEOUT_MS - 100)
    expect(await byDefault).toMatchObject({ failure: { kind: 'timeout' } })

    expect(await r.rest.get(PATH)).toEqual({ ok: true, status: 200, value: { id: 1 } })
    expect(r.clock.pending()).toBe(0)
  })
})

describe('429', () => {
  /** Runs one GET whose first answer is `first`, then 200; returns the wait that was reported. */
  async function waitedFor(first: Reply): Promise<number> {
    const r = rig([first, OK])
    const out = r.rest.get(PATH)
    await settle()
    expect(r.waits).toHaveLength(1)
    const ms = r.waits[0]!
    r.clock.advance(ms - 1)
    await settle()
    expect(r.platform.sent).toHaveLength(1)
    r.clock.advance(1)
    expect(await out).toEqual({ ok: true, status: 200, value: { id: 1 } })
    expect(r.platform.sent).toHaveLength(2)
    return ms
  }

  it("waits the SDK's retryAfter (ms) before trying again", async () => {
    expect(
      await waitedFor({ ...RATE_LIMITED, retryAfter: 2_500, headers: { 'Retry-After': '9' } })
    ).toBe(2_500)
  })

  it('falls back to the Retry-After header (seconds)', async () => {
    expect(await waitedFor({ ...RATE_LIMITED, headers: { 'Retry-After': '7' } })).toBe(7_000)
  })

  it('falls back to the default when neither says how long', async () => {
    expect(await waitedFor({ ...RATE_LIMITED, headers: { 'Retry-After': 'soon' } })).toBe(
      DEFAULT_RETRY_AFTER_MS
    )
    expect(DEFAULT_RETRY_AFTER_MS).toBe(60_000)
  })

  it('waits at most maxRateLimitWaits times, then returns the 429 with its wait', async () => {
    const limited = { ...RATE_LIMITED, retryAfter: 1_000 }
    const r = rig([limited, limited, limited, OK], { maxRateLimitWaits: 2 })
    const out = r.rest.get(PATH)
    for (let i = 0; i < 2; i++) {
      await settle()
      r.clock.advance(1_000)
    }
    expect(await out).toEqual({
      ok: false,
      failure: {
        kind: 'http',
        status: 429,
        body: { errorCode: 'CMN-301', message: 'Request rate exceeded' },
        retryAfterMs: 1_000,
        message: 'Request rate exceeded'
      }
    })
    expect(r.waits).toEqual([1_000, 1_000])
    expect(r.platform.sent).toHaveLength(3)
  })

  it('waits three times by default', async () => {
    const limited = { ...RATE_LIMITED, retryAfter: 10 }
    const r = rig([limited, limited, limited, limited, OK])
    const out = r.rest.get(PATH)
    for (let i = 0; i < 3; i++) {
      await settle()
      r.clock.advance(10)
    }
    expect(await out).toMatchObject({ ok: false, failure: { status: 429 } })
    expect(r.platform.sent).toHaveLength(4)
  })

  it('with 0 waits for this request, answers the 429 at once and reports no wait', async () => {
    const r = rig([{ ...RATE_LIMITED, retryAfter: 5_000 }, OK])
    const out = await r.rest.post(`${PATH}/x`, { a: 1 }, { maxRateLimitWaits: 0 })
    expect(out).toMatchObject({ ok: false, failure: { kind: 'http', retryAfterMs: 5_000 } })
    expect(r.waits).toEqual([])
    expect(r.platform.sent).toHaveLength(1)
  })

  it('gives every attempt its own timeout', async () => {
    const r = rig([{ ...RATE_LIMITED, retryAfter: 30_000 }, 'hang'], { timeoutMs: 10_000 })
    const out = r.rest.get(PATH)
    await settle()
    // The wait is longer than the timeout: it must not count against the next attempt.
    r.clock.advance(30_000)
    await settle()
    expect(r.platform.sent).toHaveLength(2)
    r.clock.advance(9_999)
    await settle()
    expect(r.platform.sent[1]?.signal?.aborted).toBe(false)
    r.clock.advance(1)
    expect(await out).toMatchObject({ failure: { kind: 'timeout', timeoutMs: 10_000 } })
  })
})

describe('failures', () => {
  it('http: the status, the decoded RingCentral error body and the SDK text', async () => {
    const body = {
      errorCode: 'InsufficientPermissions',
      message: 'In order to call this API endpoint, application needs to have [ReadAccounts]',
      errors: [{ errorCode: 'CMN-401', permissionName: 'ReadAccounts' }]
    }
    const r = rig([{ status: 403, body, message: body.message }])
    expect(await r.rest.get(PATH)).toEqual({
      ok: false,
      failure: { kind: 'http', status: 403, body, retryAfterMs: undefined, message: body.message }
    })
  })

  it('http: a body that is not RingCentral JSON is left out, not fatal', async () => {
    const r = rig([{ status: 502, body: 'Bad Gateway' }, { status: 503 }])
    expect(await r.rest.get(PATH)).toMatchObject({
      failure: { kind: 'http', status: 502, body: undefined, message: 'HTTP 502' }
    })
    expect(await r.rest.get(PATH)).toMatchObject({
      failure: { kind: 'http', status: 503, body: undefined }
    })
  })

  it('signed-out: no platform, or the SDK has no usable token', async () => {
    const none = createRestClient({
      platform: () => {
        throw new Error('not signed in')
      },
      clock: createManualClock()
    })
    expect(await none.get(PATH)).toEqual({
      ok: false,
      failure: { kind: 'signed-out', message: 'not signed in' }
    })
    const r = rig([{ reject: new Error('Refresh token is missing') }])
    expect(await r.rest.get(PATH)).toEqual({
      ok: false,
      failure: { kind: 'signed-out', message: 'Refresh token is missing' }
    })
  })

  it('network: no response at all', async () => {
    const r = rig([{ reject: new TypeError('fetch failed') }, { reject: 'socket hang up' }])
    expect(await r.rest.get(PATH)).toEqual({
      ok: false,
      failure: { kind: 'network', message: 'fetch failed' }
    })
    expect(await r.rest.get(PATH)).toMatchObject({
      failure: { kind: 'network', message: 'socket hang up' }
    })
  })

  it('timeout: an abort the transport reports itself', async () => {
    const aborted = Object.assign(new Error('The operation was aborted'), { name: 'AbortError' })
    const r = rig([{ reject: aborted }])
    expect(await r.rest.get(PATH)).toMatchObject({ failure: { kind: 'timeout' } })
  })
})

describe('decoding', () => {
  const Lines = struct('LineList', {
    records: arrayOf(struct('LineRecord', { id: Id }, { name: Str }))
  })

  it('returns the decoded value', async () => {
    const r = rig([{ status: 200, body: { records: [{ id: 5, name: 'Front desk' }] } }])
    expect(await r.rest.get(PATH, { codec: Lines })).toEqual({
      ok: true,
      status: 200,
      value: { records: [{ id: '5', name: 'Front desk' }] }
    })
  })

  it('reports an answer the codec rejects as invalid, with the path of each problem', async () => {
    const r = rig([{ status: 200, body: { records: [{ id: 5 }, { id: null, name: 7 }] } }])
    expect(await r.rest.get(PATH, { codec: Lines })).toEqual({
      ok: false,
      failure: {
        kind: 'invalid',
        status: 200,
        issues: [
          { path: 'records[1].id', message: expect.stringMatching(/got null$/) as unknown },
          { path: 'records[1].name', message: 'expected string, got 7' }
        ]
      }
    })
  })

  it('a 204 is undefined without a codec, and invalid for a codec that wants a body', async () => {
    const r = rig([{ status: 204 }, { status: 204 }])
    expect(await r.rest.delete(PATH)).toEqual({ ok: true, status: 204, value: undefined })
    expect(await r.rest.get(PATH, { codec: Lines })).toMatchObject({
      ok: false,
      failure: { kind: 'invalid', status: 204, issues: [{ path: '(root)' }] }
    })
  })
})

describe('methods', () => {
  it('sends GET, POST, PUT, PATCH and DELETE with their bodies and a signal', async () => {
    const r = rig([OK, OK, OK, OK, OK])
    await r.rest.get('/a')
    await r.rest.post('/b', { b: 1 })
    await r.rest.put('/c', { c: 1 })
    await r.rest.patch('/d', { d: 1 })
    await r.rest.delete('/e')
    expect(r.platform.sent.map(({ method, path, body }) => ({ method, path, body }))).toEqual([
      { method: 'GET', path: '/a', body: undefined },
      { method: 'POST', path: '/b', body: { b: 1 } },
      { method: 'PUT', path: '/c', body: { c: 1 } },
      { method: 'PATCH', path: '/d', body: { d: 1 } },
      { method: 'DELETE', path: '/e', body: undefined }
    ])
    expect(r.platform.sent.every((s) => s.signal instanceof AbortSignal)).toBe(true)
  })

  it('request() takes the method as data', async () => {
    const r = rig([OK])
    expect(await r.rest.request('PUT', '/f', { f: 1 })).toMatchObject({ ok: true })
    expect(r.platform.sent[0]).toMatchObject({ method: 'PUT', path: '/f', body: { f: 1 } })
  })
})
