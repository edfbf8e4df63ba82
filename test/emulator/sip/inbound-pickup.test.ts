/**
 * RingCentral's `RC-call-type: inbound-pickup; session-id: …; server-id: …` (docs/phone.md#pickup-over-sip):
 * parsing and strict matching against the engine's own session, as tables. Matching never touches
 * a leg.
 */
import { describe, expect, it } from 'vitest'
import type { Engine } from '../../../src/emulator/callcentre/engine'
import type { Party } from '../../../src/emulator/callcentre/model'
import { matchInboundPickup, parseInboundPickup } from '../../../src/emulator/sip/inbound-pickup'
import { heldLeg, legsText, rig, ringingLeg, type Rig } from './engine-rig'

describe('parseInboundPickup', () => {
  const good: ReadonlyArray<readonly [string, object]> = [
    [
      'inbound-pickup; session-id: 402936341008; server-id: 10.62.25.111.TAM',
      { sessionId: '402936341008', serverId: '10.62.25.111.TAM' }
    ],
    [
      'Inbound-Pickup;server-id:10.13.22.28.TAM;SESSION-ID:1',
      { sessionId: '1', serverId: '10.13.22.28.TAM' }
    ]
  ]
  it.each(good)('reads %s', (value, expected) =>
    expect(parseInboundPickup(value)).toEqual(expected)
  )

  const bad = [
    '',
    'replace',
    'inbound-pickup',
    'inbound-pickup; session-id: 1',
    'inbound-pickup; server-id: x.TAM',
    'inbound-pickup; session-id: 1; server-id: x; session-id: 2',
    'inbound-pickup; session-id=1; server-id=x',
    'inbound-pickup; session-id: ; server-id: x',
    'inbound-pickup; session-id: 1 2; server-id: x',
    'inbound-pickup; session-id: 1; server-id: x; bogus: y',
    'outbound-pickup; session-id: 1; server-id: x'
  ]
  it.each(bad)('refuses %j', (value) => expect(parseInboundPickup(value)).toBeUndefined())
})

/** The header's ids for `leg`'s session, as the telephony session event body carries them. */
function idsOf(engine: Engine, leg: Party): { sessionId: string; serverId: string } {
  const s = engine.session(leg.telephonySessionId)!
  return { sessionId: s.sessionId, serverId: s.serverId }
}

describe('matchInboundPickup', () => {
  type Make = (r: Rig) => { ids: { sessionId: string; serverId: string }; target: string }
  const cases: ReadonlyArray<readonly [string, Make, number | string]> = [
    [
      'a ringing monitored line',
      (r) => ({ ids: idsOf(r.engine, ringingLeg(r.engine, r.a)), target: r.number(r.a) }),
      'ringing'
    ],
    [
      'a queue call ringing two lines, picked from one',
      (r) => ({ ids: idsOf(r.engine, ringingLeg(r.engine, r.a, [r.b])), target: r.number(r.b) }),
      'ringing'
    ],
    [
      'an unknown session-id',
      (r) => {
        ringingLeg(r.engine, r.a)
        return {
          ids: { sessionId: '999999999999', serverId: '10.13.22.28.TAM' },
          target: r.number(r.a)
        }
      },
      481
    ],
    [
      'the right session-id on another server',
      (r) => {
        const ids = idsOf(r.engine, ringingLeg(r.engine, r.a))
        return { ids: { ...ids, serverId: `x${ids.serverId}` }, target: r.number(r.a) }
      },
      481
    ],
    [
      'a session that does not ring the dialled extension',
      (r) => ({ ids: idsOf(r.engine, ringingLeg(r.engine, r.a)), target: r.number(r.b) }),
      481
    ],
    [
      'a session that ended',
      (r) => {
        const leg = ringingLeg(r.engine, r.a)
        r.engine.endSession(leg.telephonySessionId, true)
        return { ids: idsOf(r.engine, leg), target: r.number(r.a) }
      },
      603
    ],
    [
      'a queue call answered by someone else',
      (r) => {
        const leg = ringingLeg(r.engine, r.a, [r.b])
        const other = r.engine.parties(leg.telephonySessionId).find((p) => p.extensionId === r.b)!
        expect(r.engine.answer(other.id).ok).toBe(true)
        return { ids: idsOf(r.engine, leg), target: r.number(r.a) }
      },
      603
    ],
    [
      'a call answered on that line (no longer ringing)',
      (r) => {
        const leg = ringingLeg(r.engine, r.a)
        expect(r.engine.answer(leg.id).ok).toBe(true)
        return { ids: idsOf(r.engine, leg), target: r.number(r.a) }
      },
      486
    ],
    [
      'a call held on that line',
      (r) => ({ ids: idsOf(r.engine, heldLeg(r.engine, r.a)), target: r.number(r.a) }),
      486
    ],
    [
      'a line not monitored',
      (r) => ({
        ids: idsOf(r.engine, ringingLeg(r.engine, r.stranger)),
        target: r.number(r.stranger)
      }),
      403
    ],
    [
      'my own ringing call',
      (r) => ({ ids: idsOf(r.engine, ringingLeg(r.engine, r.me)), target: r.number(r.me) }),
      403
    ]
  ]
  it.each(cases)('%s → %s', (_name, make, expected) => {
    const r = rig()
    const { ids, target } = make(r)
    const before = legsText(r.engine)
    const m = matchInboundPickup(r.engine, ids, r.me, target)
    if (typeof expected === 'string') expect(m).toMatchObject({ ok: true, mode: expected })
    else expect(m).toMatchObject({ ok: false, status: expected })
    expect(legsText(r.engine)).toBe(before)
  })
})
