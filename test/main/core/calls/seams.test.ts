import { describe, expect, it } from 'vitest'
import {
  createCallControl,
  createDeviceDirectory,
  type CallLookup,
  type SipSeam,
  type SipTakeOverRequest
} from '../../../../src/main/core/calls'
import { explain } from '../../../../src/main/core/calls/errors'
import { createRestClient } from '../../../../src/main/core/rest'
import { routedPlatform, type FakePlatform } from '../rest/fake-platform'

/**
 * What a live server cannot produce on demand (a hang, a garbled reply, a thrown lookup) and the
 * SIP seam, through a scripted platform PORT. The SDK itself is exercised by the other files.
 */
const DEVICES = {
  status: 200,
  body: { records: [{ id: 'd-1', name: 'Office web phone', type: 'WebPhone', status: 'Online' }] }
}
const SIP = { callId: 'c-1', toTag: 'to-1', fromTag: 'from-1' }

function service(
  platform: FakePlatform,
  lookup: CallLookup,
  extra: { sip?: SipSeam; timeoutMs?: number } = {}
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

describe('pickUpOverSip (seam for the softphone)', () => {
  const held: CallLookup = () => ({ kind: 'held', ownerName: 'Maria Lopez', sipData: SIP })

  it('is not-available while no web phone is attached, and sends nothing', async () => {
    const platform = routedPlatform({})
    const r = await service(platform, held).pickUpOverSip('s-1', 'p-1')
    expect(!r.ok && r.error.code).toBe('not-available')
    expect(platform.sent).toEqual([])
  })

  it('hands the tags to the attached phone, once per click', async () => {
    const seen: SipTakeOverRequest[] = []
    const sip: SipSeam = {
      takeOver: async (info) => {
        seen.push(info)
        return { callId: 'new-dialog' }
      }
    }
    const calls = service(routedPlatform({}), held)
    calls.attachSip(sip)
    const first = calls.pickUpOverSip('s-1', 'p-1')
    expect(calls.pickUpOverSip('s-1', 'p-1')).toBe(first)
    expect(await first).toEqual({ ok: true, value: { callId: 'new-dialog' } })
    expect(seen).toEqual([{ telephonySessionId: 's-1', partyId: 'p-1', sipData: SIP }])
  })

  it('needs the SIP tags and a takeable call', async () => {
    const sip: SipSeam = { takeOver: () => Promise.reject(new Error('488 Not Acceptable')) }
    const noTags = service(routedPlatform({}), () => ({ kind: 'ringing' }), { sip })
    expect((await noTags.pickUpOverSip('s-1', 'p-1')).ok).toBe(false)
    const parked = service(routedPlatform({}), () => ({ kind: 'parked', sipData: SIP }), { sip })
    const r = await parked.pickUpOverSip('s-1', 'p-1')
    expect(!r.ok && r.error.code).toBe('not-allowed')
    const failing = await service(routedPlatform({}), held, { sip }).pickUpOverSip('s-1', 'p-1')
    expect(!failing.ok && failing.error).toMatchObject({
      code: 'unknown',
      detail: 'Error: 488 Not Acceptable'
    })
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
