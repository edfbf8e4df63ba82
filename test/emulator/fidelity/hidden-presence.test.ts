/**
 * Fidelity rows for a user who hides their presence (`allowSeeMyPresence: false`) and for bulk
 * presence, each citing its public source, each body checked against the vendored schemas
 * (test/fixtures/openapi/ringcentral-schemas.json). The real SDK and the real subscriptions client
 * over real sockets.
 */
import { Subscriptions } from '@ringcentral/subscriptions'
import { describe, expect, it, onTestFinished } from 'vitest'
import type { Emulator } from '../../../src/emulator'
import { startWorld, type World } from '../integration/support'
import { violations } from './schema'

type Json = Record<string, unknown>
const DETAILED = '?detailedTelephonyState=true&sipData=true'

function ok<T>(out: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!out.ok) throw new Error(out.error.message)
  return out.value
}

interface Registered {
  readonly subscriptionInfo: Json
  refresh(): Promise<void>
  revoke(): Promise<void>
  readonly wse: { disable(): void; ws?: { terminate(): void } }
}

/** One subscription with the real client; every notification body is kept, with its event. */
async function subscribe(
  world: World,
  filters: string[]
): Promise<{ registered: Registered; events: Array<{ event: string; body: Json }> }> {
  const events: Array<{ event: string; body: Json }> = []
  const sub = new Subscriptions({ sdk: world.sdk }).createSubscription()
  sub.on(sub.events.notification, (evt: unknown) => {
    const n = evt as { event: string; body: Json }
    events.push({ event: n.event, body: n.body })
  })
  const registered = (await sub.setEventFilters(filters).register()) as unknown as Registered
  onTestFinished(async () => {
    await Promise.race([
      registered.revoke().catch(() => undefined),
      new Promise((r) => setTimeout(r, 1500))
    ])
    registered.wse.disable()
    registered.wse.ws?.terminate()
  })
  return { registered, events }
}

function presenceFilter(e: Emulator, extensionId: string): string {
  return `/restapi/v1.0/account/${e.cast.accountId}/extension/${extensionId}/presence${DETAILED}`
}

/** A call ringing the colleague, and the telephony event that proves deliveries went out. */
async function ringColleague(
  world: World,
  colleague: string,
  events: ReadonlyArray<{ event: string; body: Json }>
): Promise<void> {
  const sid = ok(
    world.emulator.engine.inboundCall({
      caller: { phoneNumber: '+14155550177' },
      ring: [colleague]
    })
  ).telephonySessionId
  await world.waitFor(
    () => events.some((n) => n.body['telephonySessionId'] === sid),
    'the telephony event of the colleague call'
  )
}

const aboutColleague = (colleague: string) => (n: { event: string; body: Json }) =>
  n.event.includes('/presence') && String(n.body['extensionId']) === colleague

/**
 * A colleague on the agent's lines who hides their presence, and one subscription with a filter
 * for their presence, the line presence and the account's sessions.
 */
async function subscribedToHidden(): Promise<{
  world: World
  colleague: string
  hidden: string
  registered: Registered
  events: Array<{ event: string; body: Json }>
}> {
  const world = await startWorld({ seed: 3 })
  const e = world.emulator
  const colleague = e.engine.lines(e.agentExtensionId)[0]!
  ok(e.engine.setPresence(colleague, { allowSeeMyPresence: false }))
  const hidden = presenceFilter(e, colleague)
  const { registered, events } = await subscribe(world, [
    hidden,
    '/restapi/v1.0/account/~/extension/~/presence/line/presence?detailedTelephonyState=true&sipData=true',
    '/restapi/v1.0/account/~/telephony/sessions'
  ])
  return { world, colleague, hidden, registered, events }
}

describe('hidden presence in subscriptions', () => {
  // Source: SubscriptionInfo in the specification has `disabledFilters [{filter, reason,
  // message}]` (@rc-ex/core definitions DisabledFilterInfo, https://github.com/ringcentral/ringcentral-extensible);
  // readUserPresenceStatus: others do not see a user whose status publication is off
  // (https://developers.ringcentral.com/api-reference/Presence/readUserPresenceStatus).
  // Schema: SubscriptionInfo.
  it("drops a hidden user's presence filter into disabledFilters and delivers nothing for them", async () => {
    const { world, colleague, hidden, registered, events } = await subscribedToHidden()
    const info = registered.subscriptionInfo
    expect(violations('SubscriptionInfo', info)).toEqual([])
    expect(info['status']).toBe('Active')
    expect(info['eventFilters']).not.toContain(hidden)
    expect(info['disabledFilters']).toEqual([
      {
        filter: hidden,
        reason: 'InsufficientPermissions',
        message: `Extension [${colleague}] does not allow to see its presence`
      }
    ])
    await ringColleague(world, colleague, events)
    // Neither the per-extension filter nor the line presence carries the hidden user.
    expect(events.filter(aboutColleague(colleague))).toEqual([])
  })

  // Source: as above; the filter list is built when the subscription is created or renewed
  // (UpdateSubscriptionRequest, PUT /restapi/v1.0/subscription/{id}), so a dropped filter comes
  // back with a renewal, not on its own (docs/platform.md#hidden-presence).
  it('after the user allows it: line presence resumes at once, the dropped filter on renewal', async () => {
    const { world, colleague, hidden, registered, events } = await subscribedToHidden()
    const flip = await world.control('PUT', `/__emulator/calls/presence/${colleague}`, {
      allowSeeMyPresence: true
    })
    expect(flip).toEqual({
      status: 200,
      json: { extensionId: colleague, allowSeeMyPresence: true }
    })
    await world.waitFor(
      () => events.some((n) => aboutColleague(colleague)(n) && n.event.includes('/line/presence')),
      'line presence of the colleague again'
    )
    await ringColleague(world, colleague, events)
    expect(events.filter((n) => n.event === hidden)).toEqual([])
    await registered.refresh()
    expect(violations('SubscriptionInfo', registered.subscriptionInfo)).toEqual([])
    expect(registered.subscriptionInfo['eventFilters']).toContain(hidden)
    expect(registered.subscriptionInfo).not.toHaveProperty('disabledFilters')
    await ringColleague(world, colleague, events)
    await world.waitFor(() => events.some((n) => n.event === hidden), 'the renewed filter')
  })
})

/** A batch read through the SDK, split with the SDK's own multipart reader. */
async function batch(world: World, ids: readonly string[]): Promise<Response[]> {
  const res = await world.sdk
    .platform()
    .get(`/restapi/v1.0/account/~/extension/${ids.join(',')}/presence${DETAILED}`)
  expect(res.status).toBe(207)
  expect(res.headers.get('content-type')).toMatch(/^multipart\/mixed; boundary=/)
  return world.sdk.client().multipart(res)
}

describe('bulk presence', () => {
  // Source: readUserPresenceStatus supports the batch syntax for at most 30 extensions, more is
  // 400 InvalidMultipartRequest (https://developers.ringcentral.com/api-reference/Presence/readUserPresenceStatus);
  // the 207 multipart/mixed answer with its summary part first
  // (https://developers.ringcentral.com/guide/basics/batch-requests). Schemas:
  // PresenceInfoResponse for each part, ApiErrorResponseModel for the error parts.
  it('answers 207 multipart: a summary, then a part per id, an error part for hidden and unknown', async () => {
    const world = await startWorld({ seed: 3 })
    const e = world.emulator
    const [visible, hiddenId] = e.engine.lines(e.agentExtensionId)
    ok(e.engine.setPresence(hiddenId!, { allowSeeMyPresence: false }))
    const ids = [e.agentExtensionId, visible!, hiddenId!, '99999999']
    const parts = await batch(world, ids)
    expect(parts.map((p) => p.status)).toEqual([200, 200, 403, 404])
    const bodies = (await Promise.all(parts.map((p) => p.json()))) as Json[]
    for (const b of bodies.slice(0, 2)) {
      expect(violations('PresenceInfoResponse', b)).toEqual([])
      expect(b).not.toHaveProperty('sequence')
    }
    expect(bodies.map((b) => String((b['extension'] as Json | undefined)?.['id']))).toEqual([
      e.agentExtensionId,
      visible,
      'undefined',
      'undefined'
    ])
    expect(violations('ApiErrorResponseModel', bodies[2])).toEqual([])
    expect((bodies[2]!['errors'] as Json[])[0]!['errorCode']).toBe('CMN-408')
    expect(violations('ApiErrorResponseModel', bodies[3])).toEqual([])
    expect((bodies[3]!['errors'] as Json[])[0]!['errorCode']).toBe('CMN-102')
  })

  it('refuses more than 30 extensions with 400 InvalidMultipartRequest', async () => {
    const world = await startWorld({ seed: 3 })
    const e = world.emulator
    const ids = Array.from({ length: 31 }, () => e.agentExtensionId)
    const r = await world.rest('get', `/restapi/v1.0/account/~/extension/${ids.join(',')}/presence`)
    expect(r.status).toBe(400)
    expect(violations('ApiErrorResponseModel', r.json)).toEqual([])
    expect(((r.json as Json)['errors'] as Json[])[0]).toMatchObject({
      errorCode: 'InvalidMultipartRequest',
      message: 'Extension Presence Info multipart request is limited to 30 extensions'
    })
    const thirty = await batch(world, ids.slice(0, 30))
    expect(thirty).toHaveLength(30)
  })
})
