import { describe, expect, it } from 'vitest'
import type { Delivery } from '../../../src/emulator/callcentre/wire'
import { problems, rig, seedFilters, watch, type Rig } from './support'

const CALLER = { name: 'Dana Whitfield', phoneNumber: '+14155550123' }

function ok<T>(out: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!out.ok) throw new Error(out.error.message)
  return out.value
}

/** A little story on the demo agent's monitored lines: ring, answer, hold, park, pickup, miss. */
function story(r: Rig): void {
  const lines = r.engine.userLines(r.cast.demoAgent.id)
  const sid = ok(
    r.engine.inboundCall({ caller: CALLER, ring: [lines[0]!, lines[1]!] })
  ).telephonySessionId
  const leg = r.engine.parties(sid)[2]!.id
  r.clock.advance(2000)
  ok(r.engine.answer(leg))
  ok(r.engine.hold(leg))
  ok(r.engine.unhold(leg))
  ok(r.engine.park(leg))
  r.clock.advance(5000)
  ok(r.engine.pickup(leg, r.cast.demoAgent.id))
  const missed = ok(r.engine.inboundCall({ caller: CALLER, ring: [lines[2]!] })).telephonySessionId
  ok(r.engine.miss(missed))
  ok(r.engine.setLines(r.cast.demoAgent.id, lines.slice(0, 3)))
  ok(r.engine.setFavorites(r.cast.demoAgent.id, [lines[3]!]))
}

const bodyOf = (d: Delivery): Record<string, unknown> => d.body as Record<string, unknown>
const partiesOf = (d: Delivery): Array<Record<string, unknown>> =>
  bodyOf(d)['parties'] as Array<Record<string, unknown>>

describe('projection', () => {
  it('produces notifications that decode with no errors and no warnings, for every seed filter', () => {
    const r = rig()
    const d = watch(r)
    story(r)
    expect(d.length).toBeGreaterThan(50)
    expect(problems(d, r.cast.demoAgent.id)).toEqual([])
    const kinds = new Set(d.map((x) => x.event.replace(/\d+/g, 'N')))
    expect(kinds).toContain('/restapi/vN.N/account/N/extension/N/presence/line')
    expect(kinds).toContain('/restapi/vN.N/account/N/extension/N/favorite')
  })

  it('sends one party per account telephony notification, under the party’s extension path', () => {
    const r = rig()
    const a = `/restapi/v1.0/account/${r.cast.accountId}`
    const d = watch(r, [`${a}/telephony/sessions`])
    story(r)
    for (const x of d) {
      const parties = partiesOf(x)
      expect(parties).toHaveLength(1)
      const p = parties[0]!
      expect(x.event).toBe(
        p['extensionId'] === undefined
          ? `${a}/telephony/sessions`
          : `${a}/extension/${String(p['extensionId'])}/telephony/sessions`
      )
      expect(p['park']).toBeDefined()
      expect((p['status'] as Record<string, unknown>)['rcc']).toBe(false)
      expect(p['sipData']).toBeUndefined()
    }
    // Per-session sequence: strictly increasing by one within each session.
    const bySession = new Map<string, number[]>()
    for (const x of d) {
      const b = bodyOf(x)
      bySession.set(String(b['telephonySessionId']), [
        ...(bySession.get(String(b['telephonySessionId'])) ?? []),
        Number(b['sequence'])
      ])
    }
    for (const seqs of bySession.values()) expect(seqs).toEqual(seqs.map((_, i) => i + 1))
  })

  it('applies telephony query parameters per party and keeps the query in the event path', () => {
    const r = rig()
    const a = `/restapi/v1.0/account/${r.cast.accountId}`
    const queries = [
      '?statusCode=Parked',
      '?direction=Inbound',
      '?missedCall=true',
      '?sipData=true',
      '?withRecordings=true',
      '?phoneNumber=%2B14155550123'
    ]
    const seen = new Map(queries.map((q) => [q, watch(r, [`${a}/telephony/sessions${q}`])]))
    story(r)
    const only = (q: string): Delivery[] => seen.get(q)!
    const parked = only('?statusCode=Parked')
    expect(parked.length).toBeGreaterThan(0)
    for (const x of parked) {
      expect(x.event.endsWith('/telephony/sessions?statusCode=Parked')).toBe(true)
      expect(partiesOf(x)[0]!['status']).toMatchObject({ code: 'Parked', parkData: '*801' })
    }
    for (const x of only('?direction=Inbound'))
      expect(partiesOf(x)[0]!['direction']).toBe('Inbound')
    const missed = only('?missedCall=true')
    expect(missed.length).toBeGreaterThan(0)
    for (const x of missed) expect(partiesOf(x)[0]!['missedCall']).toBe(true)
    for (const x of only('?sipData=true')) expect(partiesOf(x)[0]!['sipData']).toBeDefined()
    for (const x of only('?withRecordings=true'))
      expect(partiesOf(x)[0]!['recordings']).toHaveLength(1)
    const phone = only('?phoneNumber=%2B14155550123')
    expect(phone.length).toBeGreaterThan(0)
  })

  it('gives presence sipData tags equal to the telephony sipData tags of the same leg', () => {
    const r = rig()
    const d = watch(r)
    story(r)
    const tele = new Map<string, { fromTag: string; toTag: string }>()
    for (const x of d.filter(
      (x) => x.event.endsWith('sipData=true') && x.event.includes('/telephony/')
    )) {
      const p = partiesOf(x)[0]!
      tele.set(String(p['id']), p['sipData'] as { fromTag: string; toTag: string })
    }
    let compared = 0
    for (const x of d.filter(
      (x) => x.event.includes('/presence') && x.event.endsWith('sipData=true')
    )) {
      for (const call of (bodyOf(x)['activeCalls'] ?? []) as Array<Record<string, unknown>>) {
        const sip = call['sipData'] as { fromTag: string; toTag: string }
        const t = tele.get(String(call['partyId']))
        expect(t).toBeDefined()
        // A ringing call shows the BLF placeholder instead (docs/platform.md#presence-sip-data).
        const ringing = call['telephonyStatus'] === 'Ringing'
        expect({ fromTag: sip.fromTag, toTag: sip.toTag }).toEqual(
          ringing
            ? { fromTag: call['partyId'], toTag: 'blf' }
            : { fromTag: t!.fromTag, toTag: t!.toTag }
        )
        compared++
      }
    }
    expect(compared).toBeGreaterThan(5)
  })

  it('delivers line presence about monitored extensions, account presence per extension, plain vs detailed', () => {
    const r = rig()
    const me = r.cast.demoAgent.id
    const d = watch(r, seedFilters(r.cast))
    story(r)
    const line = d.filter((x) => x.event.includes('/presence/line/presence'))
    expect(line.length).toBeGreaterThan(0)
    for (const x of line) {
      expect(x.event).toContain(
        `/extension/${me}/presence/line/presence?detailedTelephonyState=true&sipData=true`
      )
      expect(r.engine.lines(me).length).toBeGreaterThan(0)
      expect(bodyOf(x)['extensionId']).not.toBe(me)
      expect(bodyOf(x)['activeCalls']).toBeDefined()
    }
    const parkLine = line.filter((x) => bodyOf(x)['extensionId'] === r.cast.parkLocation.id)
    expect(parkLine.map((x) => bodyOf(x)['telephonyStatus'])).toContain('ParkedCall')
    const account = d.filter((x) => /\/extension\/\d+\/presence$/.test(x.event))
    for (const x of account) {
      expect(x.event).toBe(
        `/restapi/v1.0/account/${r.cast.accountId}/extension/${String(bodyOf(x)['extensionId'])}/presence`
      )
      expect(bodyOf(x)['activeCalls']).toBeUndefined()
    }
    // Per-extension presence sequence grows by one per change.
    const seq = new Map<string, number[]>()
    for (const x of account)
      seq.set(String(bodyOf(x)['extensionId']), [
        ...(seq.get(String(bodyOf(x)['extensionId'])) ?? []),
        Number(bodyOf(x)['sequence'])
      ])
    for (const s of seq.values())
      for (let i = 1; i < s.length; i++) expect(s[i]).toBe(s[i - 1]! + 1)
  })

  it('caps activeCalls at 7, most recent first, with totalActiveCalls counting all', () => {
    const r = rig()
    const me = r.cast.demoAgent.id
    const d = watch(r)
    for (let i = 0; i < 9; i++) {
      r.clock.advance(1000)
      ok(r.engine.inboundCall({ caller: CALLER, ring: [me] }))
    }
    const own = d
      .filter((x) =>
        x.event.endsWith(`/extension/${me}/presence?detailedTelephonyState=true&sipData=true`)
      )
      .at(-1)!
    const calls = bodyOf(own)['activeCalls'] as Array<{ startTime: string }>
    expect(calls).toHaveLength(7)
    expect(bodyOf(own)['totalActiveCalls']).toBe(9)
    const times = calls.map((c) => c.startTime)
    expect([...times].sort().reverse()).toEqual(times)
    expect(problems(d, me)).toEqual([])
  })

  it('reports an ended call once as NoCall with terminationType final', () => {
    const r = rig()
    const me = r.cast.demoAgent.id
    const d = watch(r)
    const sid = ok(r.engine.inboundCall({ caller: CALLER, ring: [me] })).telephonySessionId
    ok(r.engine.endSession(sid, true))
    const own = d.filter((x) => x.event.endsWith('sipData=true') && bodyOf(x)['extensionId'] === me)
    const last = bodyOf(own.at(-1)!)
    expect(last['telephonyStatus']).toBe('NoCall')
    expect(last['activeCalls']).toEqual([
      expect.objectContaining({ telephonyStatus: 'NoCall', terminationType: 'final' })
    ])
  })
})
