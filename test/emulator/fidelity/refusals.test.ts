/**
 * Fidelity rows for what the platform refuses and what it accepts: one test per row, each citing
 * its public source, each error body checked against the vendored `ApiErrorResponseModel`
 * (test/fixtures/openapi/ringcentral-schemas.json). The real SDK over real sockets
 * (test/emulator/integration/support.ts), raw HTTP and a raw `ws` client where the SDK would hide
 * the request.
 */
import { SDK } from '@ringcentral/sdk'
import { describe, expect, it } from 'vitest'
import type { Emulator } from '../../../src/emulator'
import { startWorld, type World } from '../integration/support'
import { Harness, makeSdk, REDIRECT_URI } from '../platform/helpers'
import { RawClient } from '../platform/raw'
import { MemoryStorage } from '../../support/memory-storage'
import { violations } from './schema'

type Json = Record<string, unknown>

function ok<T>(out: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!out.ok) throw new Error(out.error.message)
  return out.value
}

/** The error body is the spec's model plus the legacy top-level copies (errors.ts). */
function expectError(json: unknown, errorCode: string): Json {
  expect(violations('ApiErrorResponseModel', json)).toEqual([])
  const body = json as { errors: Json[]; errorCode: unknown; message: unknown }
  expect(body.errors[0]!['errorCode']).toBe(errorCode)
  expect(typeof body.errorCode).toBe('string')
  expect(body.message).toBe(body.errors[0]!['message'])
  return body.errors[0]!
}

async function signedIn(e: Emulator, extensionId: string): Promise<SDK> {
  const sdk = new SDK({
    server: e.url,
    clientId: e.clientId,
    clientSecret: e.clientSecret,
    localStorage: new MemoryStorage()
  })
  await sdk.platform().login({ jwt: e.mintJwt(extensionId) })
  return sdk
}

async function as(
  sdk: SDK,
  method: 'post' | 'delete',
  path: string,
  body?: unknown
): Promise<{ status: number; json: unknown }> {
  try {
    const res =
      method === 'post' ? await sdk.platform().post(path, body) : await sdk.platform().delete(path)
    const text = await res.text()
    return { status: res.status, json: text === '' ? undefined : (JSON.parse(text) as unknown) }
  } catch (e) {
    const response = (e as { response?: Response }).response
    if (response === undefined) throw e
    return { status: response.status, json: (await response.json()) as unknown }
  }
}

async function wsToken(world: World): Promise<{ uri: string; ws_access_token: string }> {
  const token = (await world.sdk.platform().auth().data()).access_token ?? ''
  const res = await fetch(`${world.emulator.url}/restapi/oauth/wstoken`, {
    method: 'POST',
    headers: { Authorization: `bearer ${token}` }
  })
  return (await res.json()) as { uri: string; ws_access_token: string }
}

/** A colleague's answered call: the demo agent is not on it. */
function colleaguesCall(e: Emulator): { sid: string; party: string; colleague: string } {
  const colleague = e.engine.lines(e.agentExtensionId)[0]!
  const sid = ok(
    e.engine.inboundCall({ caller: { phoneNumber: '+14155550131' }, ring: [colleague] })
  ).telephonySessionId
  const party = e.engine.parties(sid).find((p) => p.extensionId === colleague)!.id
  ok(e.engine.answer(party))
  return { sid, party, colleague }
}

const PARTIES = '/restapi/v1.0/account/~/telephony/sessions'

describe('the emulator refuses what the platform refuses', () => {
  // Source: getToken in the specification takes application/x-www-form-urlencoded only and lists
  // 415 (https://developers.ringcentral.com/api-reference/OAuth-2-0/getToken).
  it('a JSON body on /restapi/oauth/token is 415; the same grant as a form is served', async () => {
    const world = await startWorld({ seed: 3 })
    const e = world.emulator
    const basic = `Basic ${Buffer.from(`${e.clientId}:${e.clientSecret}`).toString('base64')}`
    const grant = { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: e.jwt }
    const json = await fetch(`${e.url}/restapi/oauth/token`, {
      method: 'POST',
      headers: { Authorization: basic, 'Content-Type': 'application/json' },
      body: JSON.stringify(grant)
    })
    expect(json.status).toBe(415)
    expect(expectError(await json.json(), 'CMN-415')['message']).toContain('application/json')
    const form = await fetch(`${e.url}/restapi/oauth/token`, {
      method: 'POST',
      headers: { Authorization: basic, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(grant).toString()
    })
    expect(form.status).toBe(200)
  })

  // Source: the WebSocket guide calls the ws token single use
  // (https://developers.ringcentral.com/guide/notifications/websockets/subscribing). The WSG's
  // refusal of a bad token is an Error frame and a close (docs/platform.md#wsg-errors).
  it('a ws token opens one socket: a second connect with it is refused', async () => {
    const world = await startWorld({ seed: 3 })
    const ws = await wsToken(world)
    const url = `${ws.uri}?access_token=${ws.ws_access_token}`
    const first = await RawClient.open(url)
    try {
      await first.next((m) => m['type'] === 'ConnectionDetails', 'ConnectionDetails')
      const second = await RawClient.open(url)
      expect(await second.closed).toBe(4401)
      const error = second.frames.find((f) => f[0]['type'] === 'Error')
      expect(error?.[1]).toMatchObject({ errorCode: 'WSG-401' })
    } finally {
      first.close()
    }
  })

  // Source: the Call Control guide, a user controls their own calls
  // (https://developers.ringcentral.com/guide/voice/call-control); 403 CMN-404 "other extension"
  // (https://developers.ringcentral.com/guide/basics/errors). A supervisor has the right.
  it("hold, unhold, park, transfer and DELETE on another user's party: 403, a supervisor may", async () => {
    const world = await startWorld({ seed: 3 })
    const e = world.emulator
    const { sid, party } = colleaguesCall(e)
    const path = `${PARTIES}/${sid}/parties/${party}`
    const attempts: Array<[string, 'post' | 'delete', string, unknown?]> = [
      ['hold', 'post', `${path}/hold`],
      ['unhold', 'post', `${path}/unhold`],
      ['park', 'post', `${path}/park`],
      [
        'transfer',
        'post',
        `${path}/transfer`,
        { extensionNumber: e.cast.supervisor.extensionNumber }
      ],
      ['DELETE', 'delete', path]
    ]
    for (const [name, method, url, body] of attempts) {
      const r = await as(world.sdk, method, url, body)
      expect([name, r.status]).toEqual([name, 403])
      expectError(r.json, 'CMN-404')
    }
    expect(e.engine.party(party)?.status.code).toBe('Answered')
    const supervisor = await signedIn(e, e.cast.supervisor.id)
    try {
      const held = await as(supervisor, 'post', `${path}/hold`)
      expect(held.status).toBe(200)
      expect(e.engine.party(party)?.status.code).toBe('Hold')
    } finally {
      await supervisor
        .platform()
        .logout()
        .catch(() => undefined)
    }
  })

  // Source: callParkParty, "only their own incoming calls"
  // (https://developers.ringcentral.com/api-reference/Call-Control/callParkParty).
  it('parking an outbound call is refused, the call stays where it was', async () => {
    const world = await startWorld({ seed: 3 })
    const e = world.emulator
    const colleague = e.engine.lines(e.agentExtensionId)[0]!
    const sid = ok(e.engine.directCall(e.agentExtensionId, colleague)).telephonySessionId
    const mine = e.engine.parties(sid).find((p) => p.extensionId === e.agentExtensionId)!
    const theirs = e.engine.parties(sid).find((p) => p.extensionId === colleague)!
    ok(e.engine.answer(theirs.id))
    expect(mine.direction).toBe('Outbound')
    const r = await world.rest('post', `${PARTIES}/${sid}/parties/${mine.id}/park`)
    expect(r.status).toBe(409)
    expectError(r.json, 'TAS-102')
    expect(e.engine.party(mine.id)?.status.code).toBe('Answered')
  })

  // Source: listExtensions' parameters (https://developers.ringcentral.com/api-reference/Extensions/listExtensions):
  // `type` and `status` enums, `page`/`perPage` positive integers, perPage at most 1000; the
  // InvalidParameter body names the parameter (https://github.com/ringcentral/ringcentral-api-docs/issues/14).
  it('invalid extension-list parameters are 400 naming the parameter', async () => {
    const world = await startWorld({ seed: 3 })
    for (const [query, name] of [
      ['type=Nonsense', 'type'],
      ['page=abc', 'page'],
      ['perPage=5000', 'perPage'],
      ['status=Sleeping', 'status']
    ] as const) {
      const r = await world.rest('get', `/restapi/v1.0/account/~/extension?${query}`)
      expect([query, r.status]).toEqual([query, 400])
      expect(expectError(r.json, 'CMN-101')['parameterName']).toBe(name)
      expect((r.json as Json)['parameterName']).toBe(name)
    }
    const fine = await world.rest('get', '/restapi/v1.0/account/~/extension?type=User&perPage=1000')
    expect(fine.status).toBe(200)
  })

  // Source: readUserPresenceStatus: only the user themself sees their actual presence when the
  // publication is off (https://developers.ringcentral.com/api-reference/Presence/readUserPresenceStatus).
  it('presence of a user who does not allow it is refused to others, served to the user', async () => {
    const world = await startWorld({ seed: 3 })
    const e = world.emulator
    const colleague = e.engine.lines(e.agentExtensionId)[0]!
    ok(e.engine.setPresence(colleague, { allowSeeMyPresence: false }))
    const path = `/restapi/v1.0/account/~/extension/${colleague}/presence`
    const r = await world.rest('get', path)
    expect(r.status).toBe(403)
    expect(expectError(r.json, 'CMN-408')['parameterValue']).toBe(colleague)
    const self = await signedIn(e, colleague)
    try {
      const own = await self.platform().get(path)
      expect(((await own.json()) as Json)['allowSeeMyPresence']).toBe(false)
    } finally {
      await self
        .platform()
        .logout()
        .catch(() => undefined)
    }
  })

  // Source: PresenceInfoRequest in the specification (@rc-ex/core definitions,
  // https://github.com/ringcentral/ringcentral-extensible) has callerIdVisibility but not
  // dndStatusPersonal: the first is applied and echoed, the second is not applied.
  it('PUT presence applies callerIdVisibility and leaves dndStatusPersonal as it was', async () => {
    const world = await startWorld({ seed: 3 })
    const path = '/restapi/v1.0/account/~/extension/~/presence'
    const before = (await world.rest('get', path)).json as Json
    const put = await world.rest('put', path, {
      callerIdVisibility: 'None',
      dndStatusPersonal: 'DoNotAcceptAnyCalls'
    })
    expect(put.status).toBe(200)
    expect(violations('PresenceInfoResponse', put.json)).toEqual([])
    expect(put.json).toMatchObject({ callerIdVisibility: 'None' })
    expect((put.json as Json)['dndStatusPersonal']).toBe(before['dndStatusPersonal'])
    expect((await world.rest('get', path)).json).toMatchObject({ callerIdVisibility: 'None' })
    const bad = await world.rest('put', path, { callerIdVisibility: 'Everyone' })
    expect(bad.status).toBe(400)
    expectError(bad.json, 'CMN-101')
  })
})

describe('the emulator accepts what the platform accepts', () => {
  // Source: listAccountPresence's App Permission is ReadPresence
  // (https://developers.ringcentral.com/api-reference/Presence/readAccountPresence).
  it('account presence needs ReadPresence, not ReadAccounts', async () => {
    const world = await startWorld({ seed: 3 })
    const e = world.emulator
    e.control.updateClient(e.clientId, { scopes: ['ReadPresence', 'WebSocket'] })
    const sdk = await signedIn(e, e.agentExtensionId)
    try {
      const res = await sdk.platform().get('/restapi/v1.0/account/~/presence')
      expect(res.status).toBe(200)
    } finally {
      await sdk
        .platform()
        .logout()
        .catch(() => undefined)
    }
  })

  // Source: the specification names the wstoken permission `WebSocket`
  // (https://developers.ringcentral.com/api-reference/Subscriptions/createWsToken); the guide
  // `WebSocketsSubscription` (https://developers.ringcentral.com/guide/notifications/websockets/subscribing).
  it('the WebSocket permission under either name opens a socket; neither is 403 SUB-528', async () => {
    const world = await startWorld({ seed: 3 })
    const e = world.emulator
    // Three sign-ins and three ws tokens: more than the Auth group's 5 a minute.
    e.control.setRateLimits({ limits: { auth: 100 } })
    for (const [scopes, status] of [
      [['WebSocket'], 200],
      [['WebSocketsSubscription'], 200],
      [['ReadPresence'], 403]
    ] as const) {
      e.control.updateClient(e.clientId, { scopes: [...scopes] })
      const sdk = await signedIn(e, e.agentExtensionId)
      try {
        const token = (await sdk.platform().auth().data()).access_token ?? ''
        const res = await fetch(`${e.url}/restapi/oauth/wstoken`, {
          method: 'POST',
          headers: { Authorization: `bearer ${token}` }
        })
        expect([scopes, res.status]).toEqual([scopes, status])
        if (status === 403) expectError(await res.json(), 'SUB-528')
      } finally {
        await sdk
          .platform()
          .logout()
          .catch(() => undefined)
      }
    }
  })
})

describe('PKCE as the platform requires it', () => {
  const h = new Harness()

  // Source: the authorization-code guide: PKCE for public clients, a client secret otherwise
  // (https://developers.ringcentral.com/guide/authentication/auth-code-pkce-flow).
  it('a confidential client may omit PKCE; a public client may not', async () => {
    try {
      const platform = await h.start({ autoApprove: true })
      const codeFor = async (sdk: SDK): Promise<string> => {
        const res = await fetch(sdk.platform().loginUrl({ state: 's' }), { redirect: 'manual' })
        expect(res.status).toBe(302)
        const q = new URL(res.headers.get('location') ?? '').search
        return sdk.platform().parseLoginRedirect(q)['code'] ?? ''
      }
      const confidential = makeSdk(platform)
      const code = await codeFor(confidential)
      const res = await confidential.platform().login({ code, redirect_uri: REDIRECT_URI })
      expect(res.status).toBe(200)
      // The public client by hand: the SDK retries a 401 once and would meet a spent code.
      const publicCode = await codeFor(makeSdk(platform, { clientSecret: '' }))
      const refused = await fetch(`${platform.url}/restapi/oauth/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code: publicCode,
          redirect_uri: REDIRECT_URI,
          client_id: platform.clientId
        }).toString()
      })
      expect(refused.status).toBe(401)
      expect(await refused.json()).toMatchObject({
        error: 'invalid_client',
        errors: [{ errorCode: 'OAU-123' }]
      })
    } finally {
      await h.dispose()
    }
  })
})

describe('the account event filters the platform has', () => {
  // Source: the event filters guide lists /presence/dnd ({extensionId, dndStatus}) and the
  // extension events (https://developers.ringcentral.com/guide/notifications/event-filters);
  // bodies: the api-docs sample and the spec's ExtensionListEventBody/ExtensionInfoEventBody.
  it('delivers /presence/dnd on a DND change and /extension events on an extension change', async () => {
    const world = await startWorld({ seed: 3 })
    const e = world.emulator
    const colleague = e.engine.lines(e.agentExtensionId)[0]!
    await world.subscribe([
      `/restapi/v1.0/account/~/extension/${colleague}/presence/dnd`,
      '/restapi/v1.0/account/~/extension',
      `/restapi/v1.0/account/~/extension/${colleague}`
    ])
    ok(e.engine.setPresence(colleague, { userStatus: 'Busy' }))
    ok(e.engine.setPresence(colleague, { dndStatus: 'DoNotAcceptAnyCalls' }))
    await world.waitFor(() => world.received.length >= 1, 'the DND event')
    const dnd = world.bodies((ev) => ev.endsWith('/presence/dnd'))
    expect(dnd).toHaveLength(1)
    expect(violations('DndStatusEventBody', dnd[0])).toEqual([])
    expect(dnd[0]).toEqual({ extensionId: colleague, dndStatus: 'DoNotAcceptAnyCalls' })
    const r = await world.control('POST', `/__emulator/extensions/${colleague}/changed`, {})
    expect(r.json).toEqual({ delivered: 2 })
    await world.waitFor(() => world.received.length >= 3, 'the extension events')
    const list = world.bodies((ev) => ev.endsWith('/extension'))
    expect(violations('ExtensionListEventBody', list[0])).toEqual([])
    expect(list[0]).toMatchObject({ extensionId: colleague, eventType: 'Update' })
    const info = world.bodies((ev) => ev.endsWith(`/extension/${colleague}`))
    expect(violations('ExtensionInfoEventBody', info[0])).toEqual([])
    expect(info[0]).toMatchObject({ extensionId: colleague, hints: ['ExtensionInfo'] })
  })
})
