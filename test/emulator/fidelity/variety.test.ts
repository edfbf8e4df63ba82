/**
 * The emulator's seeded variety (docs/emulator.md "Variety"): the oddities of real RingCentral
 * bodies, one test per kind with that kind forced to 1 and the others to 0, each citing its public
 * source and checked against the vendored schema (test/fixtures/openapi/ringcentral-schemas.json).
 * Real SDK and subscriptions client over real sockets; every body also goes through the app's own
 * decoder (`decodeNotification`), which must read it without an error or a warning.
 */
import { describe, expect, it } from 'vitest'
import type { EmulatorOptions } from '../../../src/emulator'
import { VARIETY_KINDS, type VarietyKind } from '../../../src/emulator/callcentre/variety'
import { startWorld, type World } from '../integration/support'
import { violations } from './schema'

type Json = Record<string, unknown>
const DETAILED = '?detailedTelephonyState=true'
const SIP = '?detailedTelephonyState=true&sipData=true'
const OWN = '/restapi/v1.0/account/~/extension/~/presence'
const LINES = '/restapi/v1.0/account/~/extension/~/presence/line/presence'
const ACCOUNT_SESSIONS = '/restapi/v1.0/account/~/telephony/sessions'

/** Only `kind`, at rate 1. */
const only = (kind: VarietyKind): EmulatorOptions['variety'] =>
  Object.fromEntries(VARIETY_KINDS.map((k) => [k, k === kind ? 1 : 0]))

function ok<T>(out: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!out.ok) throw new Error(out.error.message)
  return out.value
}

/** A queue-style call ringing the agent's first monitored line, answered, then hung up. */
async function answeredCall(world: World): Promise<{ sid: string; line: string }> {
  const e = world.emulator
  const line = e.engine.lines(e.agentExtensionId)[0]!
  const sid = ok(
    e.engine.inboundCall({ caller: { phoneNumber: '+14155550111' }, ring: [line] })
  ).telephonySessionId
  const leg = e.engine.parties(sid).find((p) => p.extensionId === line)!
  ok(e.engine.answer(leg.id))
  return { sid, line }
}

function decodedCleanly(world: World): void {
  const issues = world.received.flatMap((r) =>
    [...r.decoded.errors, ...r.decoded.warnings].map((i) => `${i.path}: ${i.message}`)
  )
  expect(issues).toEqual([])
}

describe('emulator variety', () => {
  // Source: real payloads carry `extensionId`/`accountId` as JSON numbers next to strings
  // (ringcentral-api-docs code-samples/events, https://github.com/ringcentral/ringcentral-api-docs;
  // ringcentral-call-control-js test data, https://github.com/ringcentral/ringcentral-call-control-js).
  // Schema: TelephonySessionsEventBody, which says string: the only violations are those ids.
  it('numeric ids: accountId/extensionId as JSON numbers, decoded to the same strings', async () => {
    const world = await startWorld({ seed: 4, variety: only('numericIds') })
    await world.subscribe([ACCOUNT_SESSIONS, `${LINES}${SIP}`])
    const { sid, line } = await answeredCall(world)
    await world.waitFor(
      () => world.bodies((ev) => ev.includes('/telephony/')).length >= 3,
      'telephony events'
    )
    const raw = world.bodies((ev) => ev.includes('/telephony/'))[0]!
    const party = (raw['parties'] as Json[])[0]!
    expect(typeof raw['accountId']).toBe('number')
    expect(typeof party['accountId']).toBe('number')
    const problems = violations('TelephonySessionsEventBody', raw)
    expect(problems.length).toBeGreaterThan(0)
    expect(
      problems.every((p) => /(accountId|extensionId|sessionId): expected string, got \d+$/.test(p))
    ).toBe(true)
    const decoded = world.received.find((r) => r.raw['body'] === raw)!.decoded
    expect(decoded.ok && decoded.value.body).toMatchObject({
      telephonySessionId: sid,
      accountId: world.emulator.accountId
    })
    await world.waitFor(
      () => world.bodies((ev) => ev.includes('/presence/line/presence')).length > 0,
      'line presence'
    )
    const presence = world.bodies((ev) => ev.includes('/presence/line/presence'))[0]!
    expect(presence['extensionId']).toBe(Number(line))
    decodedCleanly(world)
  })

  // Source: real bodies carry `…+0000` timestamps next to `…Z` (ringcentral-api-docs
  // code-samples/events, https://github.com/ringcentral/ringcentral-api-docs). Schema:
  // TelephonySessionsEventBody, ActiveCallInfo (both `eventTime`/`startTime` strings).
  it('+0000 timestamps: eventTime and startTime, read as the same UTC instant', async () => {
    const world = await startWorld({ seed: 4, variety: only('offsetTimestamps') })
    await world.subscribe([ACCOUNT_SESSIONS, `${LINES}${SIP}`])
    await answeredCall(world)
    await world.waitFor(
      () => world.bodies((ev) => ev.includes('/presence/line/presence')).length >= 2,
      'line presence'
    )
    const tele = world.received.filter((r) => String(r.raw['event']).includes('/telephony/'))
    expect(tele.length).toBeGreaterThan(0)
    for (const r of tele) {
      const raw = r.raw['body'] as Json
      expect(violations('TelephonySessionsEventBody', raw)).toEqual([])
      expect(String(raw['eventTime'])).toMatch(/\.\d{3}\+0000$/)
      const decoded = r.decoded.ok ? (r.decoded.value.body as Json) : {}
      expect(decoded['eventTime']).toBe(String(raw['eventTime']).replace('+0000', 'Z'))
    }
    const calls = world
      .bodies((ev) => ev.includes('/presence/line/presence'))
      .flatMap((b) => (b['activeCalls'] ?? []) as Json[])
    expect(calls.length).toBeGreaterThan(0)
    for (const c of calls) {
      expect(violations('ActiveCallInfo', c)).toEqual([])
      expect(String(c['startTime'])).toMatch(/\+0000$/)
    }
    decodedCleanly(world)
  })

  // Source: `sequence` orders an extension's presence events and the client resyncs across holes
  // (https://developers.ringcentral.com/guide/notifications/event-filters/detailed-extension-presence-with-sip).
  // Schema: DetailedExtensionPresenceWithSIPEventBody.
  it('sequence gaps: presence sequence still grows, but skips numbers', async () => {
    const world = await startWorld({ seed: 4, variety: only('sequenceGaps') })
    await world.subscribe([`${OWN}${SIP}`])
    const e = world.emulator
    for (const userStatus of ['Busy', 'Available', 'Busy'] as const) {
      ok(e.engine.setPresence(e.agentExtensionId, { userStatus }))
    }
    await world.waitFor(() => world.received.length >= 3, 'three presence events')
    const bodies = world.bodies(() => true)
    for (const b of bodies) {
      expect(violations('DetailedExtensionPresenceWithSIPEventBody', b)).toEqual([])
    }
    const seq = bodies.map((b) => b['sequence'] as number)
    const steps = seq.slice(1).map((n, i) => n - seq[i]!)
    expect(steps.length).toBe(2)
    expect(steps.every((d) => d > 1 && d <= 4)).toBe(true)
    decodedCleanly(world)
  })

  // Source: `remoteUri`/`localUri` are often "-" in real detailed presence with SIP
  // (ringcentral-api-docs code-samples/events/detailed-extension-presence-with-sip.json,
  // https://github.com/ringcentral/ringcentral-api-docs). Schema: ActiveCallInfo.
  it('"-" URIs in presence sipData', async () => {
    const world = await startWorld({ seed: 4, variety: only('placeholderUris') })
    await world.subscribe([`${LINES}${SIP}`])
    await answeredCall(world)
    const calls = (): Json[] =>
      world.bodies(() => true).flatMap((b) => (b['activeCalls'] ?? []) as Json[])
    await world.waitFor(() => calls().length >= 2, 'the ringing and the connected entry')
    for (const c of calls()) {
      expect(violations('ActiveCallInfo', c)).toEqual([])
      expect(c['sipData']).toMatchObject({ remoteUri: '-', localUri: '-' })
    }
    decodedCleanly(world)
  })

  // Source: CallStatusInfo.mobilePickupData in the OpenAPI spec, "set when the user answers
  // through the desktop or mobile app" (https://developers.ringcentral.com/api-reference/Call-Control);
  // real JSON spells `srvLvl` (the spec `srvlvl`). Schema: CallStatusInfo, MobilePickupData.
  it('mobilePickupData on an answered agent leg', async () => {
    const world = await startWorld({ seed: 4, variety: only('mobilePickupData') })
    await world.subscribe([ACCOUNT_SESSIONS])
    const { line } = await answeredCall(world)
    await world.waitFor(
      () => world.parties(() => true).some((p) => p.status.code === 'Answered'),
      'the answered leg'
    )
    const answered = world.parties(() => true).find((p) => p.status.code === 'Answered')!
    const status = answered.status as Json
    expect(violations('CallStatusInfo', status)).toEqual([])
    expect(violations('MobilePickupData', status['mobilePickupData'])).toEqual([])
    expect(status['mobilePickupData']).toMatchObject({ ccMailboxes: [line] })
    // Only on the answered agent leg: the ringing legs carry none.
    const others = world.parties(() => true).filter((p) => p.status.code !== 'Answered')
    expect(others.length).toBeGreaterThan(0)
    expect(others.some((p) => 'mobilePickupData' in p.status)).toBe(false)
    decodedCleanly(world)
  })

  // Source: real `totalActiveCalls` counts the ended entries the list reports too (observed in
  // ringcentral-api-docs code-samples/events, https://github.com/ringcentral/ringcentral-api-docs).
  // Schema: DetailedExtensionPresenceWithSIPEventBody.
  it('totalActiveCalls counts the ended entries', async () => {
    const world = await startWorld({ seed: 4, variety: only('countEndedCalls') })
    await world.subscribe([`${LINES}${SIP}`])
    const { sid } = await answeredCall(world)
    ok(world.emulator.engine.endSession(sid, true))
    const ended = (): Json | undefined =>
      world
        .bodies(() => true)
        .find((b) =>
          ((b['activeCalls'] ?? []) as Json[]).some((c) => c['telephonyStatus'] === 'NoCall')
        )
    await world.waitFor(() => ended() !== undefined, 'the NoCall entry')
    const body = ended()!
    expect(violations('DetailedExtensionPresenceWithSIPEventBody', body)).toEqual([])
    expect(body['telephonyStatus']).toBe('NoCall')
    expect(body['totalActiveCalls']).toBe(1)
    decodedCleanly(world)
  })

  // Source: a real outbound call's presence `id` is already the SIP Call-ID while it rings
  // (tylerlong/rc-softphone-call-id-test, https://github.com/tylerlong/rc-softphone-call-id-test).
  // Schema: ActiveCallInfo.
  it('an outbound ringing call whose presence id is the Call-ID', async () => {
    const world = await startWorld({ seed: 4, variety: only('outboundRingingCallId') })
    await world.subscribe([`${LINES}${SIP}`])
    const e = world.emulator
    const [a, b] = e.engine.lines(e.agentExtensionId)
    const sid = ok(e.engine.directCall(a!, b!)).telephonySessionId
    const caller = e.engine.parties(sid).find((p) => p.extensionId === a)!
    const ringing = (direction: string): Json | undefined =>
      world
        .bodies(() => true)
        .flatMap((x) => (x['activeCalls'] ?? []) as Json[])
        .find((c) => c['direction'] === direction && c['telephonyStatus'] === 'Ringing')
    await world.waitFor(
      () => ringing('Outbound') !== undefined && ringing('Inbound') !== undefined,
      'both ringing entries'
    )
    expect(violations('ActiveCallInfo', ringing('Outbound'))).toEqual([])
    expect(ringing('Outbound')).toMatchObject({ id: caller.dialog.callId, telephonySessionId: sid })
    // The inbound leg of the same call still shows the session id while it rings.
    expect(ringing('Inbound')?.['id']).toBe(sid)
    decodedCleanly(world)
  })

  // Source: "when both the detailed and the detailed-with-SIP filter are in one subscription only
  // the detailed-with-SIP notifications are delivered"
  // (https://developers.ringcentral.com/guide/notifications/event-filters/detailed-extension-presence-with-sip).
  // Schema: DetailedExtensionPresenceWithSIPEventBody.
  it('both the detailed and the detailed+SIP filter: only the SIP one is delivered', async () => {
    const world = await startWorld({ seed: 4, variety: 0 })
    await world.subscribe([`${OWN}${DETAILED}`, `${OWN}${SIP}`, `${LINES}${DETAILED}`])
    const e = world.emulator
    ok(e.engine.setPresence(e.agentExtensionId, { userStatus: 'Busy' }))
    await answeredCall(world)
    const events = (): string[] => world.received.map((r) => String(r.raw['event']))
    await world.waitFor(
      () => events().some((ev) => ev.includes('/presence/line/')),
      'line presence'
    )
    await world.waitFor(() => events().some((ev) => ev.endsWith(`/presence${SIP}`)), 'own presence')
    const own = events().filter((ev) => /\/extension\/\d+\/presence\?/.test(ev))
    expect(own.every((ev) => ev.endsWith(SIP))).toBe(true)
    // A path asked for only once keeps its own detail.
    expect(events().some((ev) => ev.endsWith(`/presence/line/presence${DETAILED}`))).toBe(true)
    for (const b of world.bodies((ev) => ev.endsWith(SIP))) {
      expect(violations('DetailedExtensionPresenceWithSIPEventBody', b)).toEqual([])
    }
  })

  // No public source needed: the variety must replay, or a failing test could not be rerun.
  it('the same seed gives the same bodies; rate 0 gives none of the variety', async () => {
    const at = Date.UTC(2026, 10, 21, 9, 30)
    const run = async (variety: EmulatorOptions['variety']): Promise<string[]> => {
      const world = await startWorld({ seed: 9, variety, clock: { now: () => at } })
      await world.subscribe([ACCOUNT_SESSIONS, `${LINES}${SIP}`])
      const { sid } = await answeredCall(world)
      ok(world.emulator.engine.endSession(sid, true))
      await world.waitFor(
        () => world.bodies(() => true).some((b) => JSON.stringify(b).includes('"NoCall"')),
        'the call ended'
      )
      await world.waitFor(
        () => world.parties(() => true).filter((p) => p.status.code === 'Disconnected').length >= 2,
        'the legs ended'
      )
      return world
        .bodies(() => true)
        .map((b) => JSON.stringify(b))
        .sort()
    }
    const odd = /\+0000"|"(extensionId|accountId)":\d|"-"|mobilePickupData/
    const a = await run(0.5)
    const b = await run(0.5)
    expect(a).toEqual(b)
    expect(a.some((x) => odd.test(x))).toBe(true)
    const tidy = await run(0)
    expect(tidy.some((x) => odd.test(x))).toBe(false)
  })
})
