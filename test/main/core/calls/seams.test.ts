import { describe, expect, it } from 'vitest'
import {
  createCallControl,
  createDeviceDirectory,
  type CallLookup,
  type PhoneRegistered
} from '../../../../src/main/core/calls'
import { explain } from '../../../../src/main/core/calls/errors'
import { createRestClient } from '../../../../src/main/core/rest'
import { routedPlatform, type FakePlatform } from '../rest/fake-platform'

/**
 * What a live server cannot produce on demand (a hang, a garbled reply, a thrown lookup) and the
 * SIP pickup plan, through a scripted platform PORT. The SDK itself is exercised by the other files.
 */
const DEVICES = {
  status: 200,
  body: { records: [{ id: 'd-1', name: 'Office web phone', type: 'WebPhone', status: 'Online' }] }
}
const SIP = { callId: 'c-1', toTag: 'to-1', fromTag: 'from-1' }

function service(
  platform: FakePlatform,
  lookup: CallLookup,
  extra: { phoneRegistered?: PhoneRegistered; timeoutMs?: number } = {}
): ReturnType<typeof createCallControl> {
  const rest = createRestClient({ platform: () => platform })
  const devices = createDeviceDirectory({ rest })
  return createCallControl({ rest, devices, lookup, ...extra })
}

describe('never throws, always typed', () => {
  it('times out a request that never answers and lets the next click try again', async () => {
    const platform = routedPlatform({ post: () => 'hang' })
    const calls = service(platform, () => ({ kind: 'mine-active' }), { timeoutMs: 50 })
    const r = await calls.hold('s-1', 'p-1')
    expect(!r.ok && r.error.code).toBe('timeout')
    await calls.hold('s-1', 'p-1')
    expect(platform.sent).toHaveLength(2)
  })

  it('reports signed-out when there is no signed-in platform', async () => {
    const calls = createCallControl({
      rest: createRestClient({
        platform: () => {
          throw new Error('not signed in')
        }
      }),
      devices: { choose: () => Promise.reject(new Error('unused')), invalidate: () => undefined },
      lookup: () => ({ kind: 'mine-held' })
    })
    const r = await calls.unhold('s-1', 'p-1')
    expect(!r.ok && r.error).toEqual({
      code: 'signed-out',
      message: 'Sign in to RingCentral again to control calls.',
      detail: 'not signed in'
    })
  })

  it('turns a throwing device source into an unknown error, not a rejection', async () => {
    const calls = createCallControl({
      rest: createRestClient({ platform: () => routedPlatform({}) }),
      devices: { choose: () => Promise.reject(new Error('boom')), invalidate: () => undefined },
      lookup: () => ({ kind: 'parked' })
    })
    const r = await calls.pickUpParked('s-1', 'p-1')
    expect(!r.ok && r.error.code).toBe('unknown')
  })

  it('treats a throwing lookup as "unknown call": refused, nothing sent', async () => {
    const platform = routedPlatform({})
    const calls = service(platform, () => {
      throw new Error('state not ready')
    })
    const r = await calls.pickUpParked('s-1', 'p-1')
    expect(!r.ok && r.error.code).toBe('not-allowed')
    expect(platform.sent).toEqual([])
  })

  it('says the action probably happened when the reply does not decode', async () => {
    const platform = routedPlatform({
      get: () => DEVICES,
      post: () => ({ status: 201, body: { id: 7 } })
    })
    const calls = service(platform, () => ({ kind: 'parked' }))
    const r = await calls.pickUpParked('s-1', 'p-1')
    expect(!r.ok && r.error.code).toBe('unknown')
    expect(!r.ok && r.error.message).toMatch(/^The call was picked up, but/)
    expect(!r.ok && r.error.detail).toMatch(/^status: /)
    expect(platform.sent.at(-1)).toMatchObject({ body: { deviceId: 'd-1' } })
  })

  it('forgets the device list when RingCentral rejects the device', async () => {
    const platform = routedPlatform({
      get: () => DEVICES,
      post: () => ({
        status: 400,
        body: {
          errorCode: 'InvalidParameter',
          message: 'Parameter [deviceId] value is invalid',
          parameterName: 'deviceId'
        }
      })
    })
    const calls = service(platform, () => ({ kind: 'ringing' }))
    const r = await calls.answer('s-1', 'p-1')
    expect(!r.ok && r.error).toMatchObject({
      code: 'no-device',
      message:
        'Your phone “Office web phone” cannot take calls for you. Choose another phone in Settings.'
    })
    await calls.answer('s-1', 'p-1')
    expect(platform.sent.filter((q) => q.method === 'GET')).toHaveLength(2)
  })
})

describe("pickUpOverSip: the plan the renderer's phone sends", () => {
  const held: CallLookup = () => ({
    kind: 'held',
    ownerName: 'Maria Lopez',
    lineNumber: '104',
    sipData: SIP
  })
  const on = { phoneRegistered: () => true }

  it('is not-available while no phone is registered, and sends nothing', async () => {
    const platform = routedPlatform({})
    const r = await service(platform, held).pickUpOverSip('s-1', 'p-1')
    expect(!r.ok && r.error).toMatchObject({ code: 'not-available', message: /not registered/ })
    expect(platform.sent).toEqual([])
  })

  it("held: Replaces from the Call-ID with the tags swapped, to the line's number", async () => {
    const platform = routedPlatform({})
    const r = await service(platform, held, on).pickUpOverSip('s-1', 'p-1')
    expect(r).toEqual({
      ok: true,
      value: {
        telephonySessionId: 's-1',
        partyId: 'p-1',
        kind: 'held',
        via: 'replaces',
        target: '104',
        headers: { Replaces: 'c-1;to-tag=from-1;from-tag=to-1', Require: 'replaces' }
      }
    })
    expect(platform.sent).toEqual([])
  })

  it('ringing: Replaces from the BLF placeholder, early-only', async () => {
    const ringing: CallLookup = () => ({
      kind: 'ringing',
      lineNumber: '104',
      sipData: { toTag: 'blf', fromTag: 'p-1' }
    })
    const r = await service(routedPlatform({}), ringing, on).pickUpOverSip('s-1', 'p-1')
    expect(r.ok && r.value.headers.Replaces).toBe('s-1;to-tag=p-1;from-tag=blf;early-only')
    expect(r.ok && r.value.via).toBe('replaces')
  })

  // RingCentral's own inbound pickup when the session's ids are known; BLF Replaces otherwise.
  const ringingCases: ReadonlyArray<
    readonly [string, { sessionId?: string; serverId?: string }, Record<string, string>]
  > = [
    [
      'both ids: inbound-pickup',
      { sessionId: '402936341008', serverId: '10.62.25.111.TAM' },
      {
        'RC-call-type': 'inbound-pickup; session-id: 402936341008; server-id: 10.62.25.111.TAM'
      }
    ],
    [
      'no serverId: BLF Replaces',
      { sessionId: '402936341008' },
      { Replaces: 's-1;to-tag=p-1;from-tag=blf;early-only', Require: 'replaces' }
    ],
    [
      'no sessionId: BLF Replaces',
      { serverId: '10.62.25.111.TAM' },
      { Replaces: 's-1;to-tag=p-1;from-tag=blf;early-only', Require: 'replaces' }
    ]
  ]
  it.each(ringingCases)('ringing, %s', async (_name, ids, headers) => {
    const ringing: CallLookup = () => ({
      kind: 'ringing',
      lineNumber: '104',
      sipData: { toTag: 'blf', fromTag: 'p-1' },
      ...ids
    })
    const r = await service(routedPlatform({}), ringing, on).pickUpOverSip('s-1', 'p-1')
    expect(r).toEqual({
      ok: true,
      value: {
        telephonySessionId: 's-1',
        partyId: 'p-1',
        kind: 'ringing',
        via: 'RC-call-type' in headers ? 'inbound-pickup' : 'replaces',
        target: '104',
        headers
      }
    })
  })

  it('a held call is always taken with Replaces, whatever ids the session has', async () => {
    const lookup: CallLookup = (sid, pid) => ({
      ...held(sid, pid),
      sessionId: '1',
      serverId: 'x.TAM'
    })
    const r = await service(routedPlatform({}), lookup, on).pickUpOverSip('s-1', 'p-1')
    expect(r.ok && r.value.via).toBe('replaces')
  })

  it("needs a takeable call, a Call-ID for a held one, and the line's number", async () => {
    const parked = service(routedPlatform({}), () => ({ kind: 'parked', sipData: SIP }), on)
    const r = await parked.pickUpOverSip('s-1', 'p-1')
    expect(!r.ok && r.error.code).toBe('not-allowed')
    const noCallId = service(
      routedPlatform({}),
      () => ({ kind: 'held', lineNumber: '104', sipData: { toTag: 'a', fromTag: 'b' } }),
      on
    )
    expect(!(await noCallId.pickUpOverSip('s-1', 'p-1')).ok).toBe(true)
    const noNumber = service(routedPlatform({}), () => ({ kind: 'held', sipData: SIP }), on)
    const n = await noNumber.pickUpOverSip('s-1', 'p-1')
    expect(!n.ok && n.error.code).toBe('not-available')
  })
})

describe('explain', () => {
  const http = (status: number, body: object): Parameters<typeof explain>[0] => ({
    kind: 'http',
    status,
    body,
    retryAfterMs: undefined,
    message: `HTTP ${status}`
  })

  it('reads a bare real-world 409 through the state', () => {
    const incorrect = http(409, { errorCode: 'TAS-102 409', message: 'Incorrect State 409' })
    expect(explain(incorrect, { action: 'pickup' })).toMatchObject({
      code: 'wrong-state',
      message: 'That call is no longer parked; someone may have picked it up.'
    })
    expect(
      explain(incorrect, {
        action: 'answer',
        after: { kind: 'unknown', ownerName: 'Ana\u202e Ruiz' }
      })
    ).toMatchObject({
      code: 'already-answered',
      message: 'The call was already answered by Ana Ruiz.'
    })
  })

  it('maps 401, another extension, 5xx and a long Retry-After', () => {
    expect(explain(http(401, {}), { action: 'hold' }).code).toBe('signed-out')
    expect(explain(http(403, { errorCode: 'CMN-404' }), { action: 'answer' }).code).toBe(
      'not-allowed'
    )
    expect(explain(http(503, {}), { action: 'hold' }).code).toBe('server-error')
    const slow = {
      kind: 'http',
      status: 429,
      body: undefined,
      retryAfterMs: 120_000,
      message: 'Request rate exceeded'
    } as const
    expect(explain(slow, { action: 'hold' }).message).toBe(
      'RingCentral is busy; try again in 2 min.'
    )
  })
})
