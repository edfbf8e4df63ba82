/**
 * Replaces parsing and strict matching (RFC 3891 §3 with RingCentral's orientation,
 * docs/platform.md#replaces-orientation) against the engine's own dialogs, as tables; and the
 * engine's takeover of a held and a ringing leg.
 */
import { describe, expect, it } from 'vitest'
import type { Party } from '../../../src/emulator/callcentre/model'
import { matchReplaces, parseReplaces } from '../../../src/emulator/sip/replaces'
import { heldLeg, legsText, rig, ringingLeg } from './engine-rig'

describe('parseReplaces', () => {
  const good: ReadonlyArray<readonly [string, object]> = [
    ['c1;to-tag=a;from-tag=b', { callId: 'c1', toTag: 'a', fromTag: 'b', earlyOnly: false }],
    [
      's-1; from-tag=blf ;to-tag=p-1-2;early-only',
      { callId: 's-1', toTag: 'p-1-2', fromTag: 'blf', earlyOnly: true }
    ],
    ['c@host;TO-TAG=a;From-Tag=b', { callId: 'c@host', toTag: 'a', fromTag: 'b', earlyOnly: false }]
  ]
  it.each(good)('reads %s', (value, expected) => expect(parseReplaces(value)).toEqual(expected))

  const bad = [
    '',
    'c1',
    'c1;to-tag=a',
    'c1;from-tag=b',
    'c1;to-tag=;from-tag=b',
    'c1;to-tag=a;to-tag=x;from-tag=b',
    'c1;to-tag=a;from-tag=b;early-only=yes',
    'c1;to-tag=a;from-tag=b;bogus',
    'c 1;to-tag=a;from-tag=b',
    'c1,c2;to-tag=a;from-tag=b'
  ]
  it.each(bad)('refuses %j', (value) => expect(parseReplaces(value)).toBeUndefined())
})

const held = (p: Party, extra = ''): string =>
  `${p.dialog.callId};to-tag=${p.dialog.fromTag};from-tag=${p.dialog.toTag}${extra}`
const blf = (p: Party, extra = ';early-only'): string =>
  `${p.telephonySessionId};to-tag=${p.id};from-tag=blf${extra}`

describe('matchReplaces', () => {
  type Case = readonly [
    string,
    (r: ReturnType<typeof rig>) => { value: string; target: string },
    number | string
  ]
  const cases: ReadonlyArray<Case> = [
    [
      'held, RingCentral orientation',
      (r) => ({ value: held(heldLeg(r.engine, r.a)), target: r.number(r.a) }),
      'held'
    ],
    [
      'ringing, BLF placeholder',
      (r) => ({ value: blf(ringingLeg(r.engine, r.a)), target: r.number(r.a) }),
      'ringing'
    ],
    [
      'ringing, BLF without early-only',
      (r) => ({ value: blf(ringingLeg(r.engine, r.a), ''), target: r.number(r.a) }),
      'ringing'
    ],
    [
      'held, tags as named in sipData (unswapped)',
      (r) => {
        const p = heldLeg(r.engine, r.a)
        return {
          value: `${p.dialog.callId};to-tag=${p.dialog.toTag};from-tag=${p.dialog.fromTag}`,
          target: r.number(r.a)
        }
      },
      481
    ],
    [
      'held, stale to-tag',
      (r) => {
        const p = heldLeg(r.engine, r.a)
        return {
          value: `${p.dialog.callId};to-tag=old;from-tag=${p.dialog.toTag}`,
          target: r.number(r.a)
        }
      },
      481
    ],
    ['unknown Call-ID', (r) => ({ value: 'nope;to-tag=a;from-tag=b', target: r.number(r.a) }), 481],
    [
      'ringing, from-tag not blf',
      (r) => {
        const p = ringingLeg(r.engine, r.a)
        return {
          value: `${p.telephonySessionId};to-tag=${p.id};from-tag=${p.dialog.toTag}`,
          target: r.number(r.a)
        }
      },
      481
    ],
    [
      'ringing, party of another session',
      (r) => {
        const p = ringingLeg(r.engine, r.a)
        const q = ringingLeg(r.engine, r.b)
        return {
          value: `${p.telephonySessionId};to-tag=${q.id};from-tag=blf`,
          target: r.number(r.a)
        }
      },
      481
    ],
    [
      'held, dialled the wrong extension',
      (r) => ({ value: held(heldLeg(r.engine, r.a)), target: r.number(r.b) }),
      481
    ],
    [
      'ringing, answered by someone else',
      (r) => {
        const p = ringingLeg(r.engine, r.a, [r.b])
        const other = r.engine.parties(p.telephonySessionId).find((x) => x.extensionId === r.b)!
        r.engine.answer(other.id)
        return { value: blf(p), target: r.number(r.a) }
      },
      603
    ],
    [
      'held, hung up',
      (r) => {
        const p = heldLeg(r.engine, r.a)
        r.engine.endSession(p.telephonySessionId, true)
        return { value: held(p), target: r.number(r.a) }
      },
      603
    ],
    [
      'held with early-only',
      (r) => ({ value: held(heldLeg(r.engine, r.a), ';early-only'), target: r.number(r.a) }),
      486
    ],
    [
      'talking (not held) with early-only',
      (r) => {
        const p = ringingLeg(r.engine, r.a)
        r.engine.answer(p.id)
        return { value: held(p, ';early-only'), target: r.number(r.a) }
      },
      486
    ],
    [
      'talking (not held)',
      (r) => {
        const p = ringingLeg(r.engine, r.a)
        r.engine.answer(p.id)
        return { value: held(p), target: r.number(r.a) }
      },
      403
    ],
    [
      'a line not monitored',
      (r) => ({ value: held(heldLeg(r.engine, r.stranger)), target: r.number(r.stranger) }),
      403
    ],
    [
      'held on a line without pickUpCallsOnHold',
      (r) => {
        r.engine.setPresence(r.a, { pickUpCallsOnHold: false })
        return { value: held(heldLeg(r.engine, r.a)), target: r.number(r.a) }
      },
      403
    ],
    [
      'my own ringing call',
      (r) => ({ value: blf(ringingLeg(r.engine, r.me)), target: r.number(r.me) }),
      403
    ]
  ]
  it.each(cases)('%s → %s', (_name, make, expected) => {
    const r = rig()
    const { value, target } = make(r)
    const parsed = parseReplaces(value)!
    const before = legsText(r.engine)
    const m = matchReplaces(r.engine, parsed, r.me, target)
    if (typeof expected === 'string') expect(m).toMatchObject({ ok: true, mode: expected })
    else expect(m).toMatchObject({ ok: false, status: expected })
    // Matching never touches a leg.
    expect(legsText(r.engine)).toBe(before)
  })
})

describe('engine.takeOver', () => {
  const dialog = {
    callId: 'phone-call',
    fromTag: 'emu-tag',
    toTag: 'phone-tag',
    localUri: 'sip:l@x',
    remoteUri: 'sip:r@x'
  }

  it('held: old leg Gone/TakeOver pointing at the new leg on my WebPhone, same session', () => {
    const r = rig()
    const old = heldLeg(r.engine, r.a)
    const device = r.engine.cast.findExtension(r.me)!.devices.find((d) => d.type === 'WebPhone')!.id
    const out = r.engine.takeOver(old.id, { extensionId: r.me, deviceId: device, dialog })
    expect(out.ok).toBe(true)
    if (!out.ok) return
    expect(out.value).toMatchObject({
      extensionId: r.me,
      deviceId: device,
      status: { code: 'Answered' },
      dialog
    })
    expect(out.value.telephonySessionId).toBe(old.telephonySessionId)
    expect(r.engine.party(old.id)!.status).toEqual({
      code: 'Gone',
      reason: 'TakeOver',
      peerId: {
        sessionId: old.telephonySessionId,
        telephonySessionId: old.telephonySessionId,
        partyId: out.value.id
      }
    })
    expect(r.engine.presence(r.a)!.telephonyStatus).toBe('NoCall')
    expect(r.engine.presence(r.me)!.telephonyStatus).toBe('CallConnected')
    expect(r.engine.findLeg({ callId: 'phone-call' })?.id).toBe(out.value.id)
  })

  it('ringing: old leg Disconnected/Pickup, the call answered by the new leg, others stop', () => {
    const r = rig()
    const old = ringingLeg(r.engine, r.a, [r.b])
    const device = r.engine.cast.findExtension(r.me)!.devices[0]!.id
    const out = r.engine.takeOver(old.id, { extensionId: r.me, deviceId: device, dialog })
    expect(out.ok).toBe(true)
    const parties = r.engine.parties(old.telephonySessionId)
    const by = (ext: string | undefined, role: Party['role']): Party =>
      parties.find((p) => p.extensionId === ext && p.role === role)!
    expect(by(r.a, 'agent').status).toEqual({ code: 'Disconnected', reason: 'Pickup' })
    expect(by(r.b, 'agent').status).toEqual({ code: 'Disconnected', reason: 'AgentAnswered' })
    expect(by(r.me, 'agent').status.code).toBe('Answered')
    expect(parties.find((p) => p.role === 'caller')!.status.code).toBe('Answered')
  })

  it('refuses a leg that is talking, and a device that is not the picker’s', () => {
    const r = rig()
    const talking = ringingLeg(r.engine, r.a)
    r.engine.answer(talking.id)
    const mine = r.engine.cast.findExtension(r.me)!.devices[0]!.id
    expect(
      r.engine.takeOver(talking.id, { extensionId: r.me, deviceId: mine, dialog })
    ).toMatchObject({ ok: false })
    const held2 = heldLeg(r.engine, r.b)
    const theirs = r.engine.cast.findExtension(r.b)!.devices[0]!.id
    expect(
      r.engine.takeOver(held2.id, { extensionId: r.me, deviceId: theirs, dialog })
    ).toMatchObject({
      ok: false,
      error: { status: 400 }
    })
    expect(r.engine.party(held2.id)!.status.code).toBe('Hold')
  })
})

describe('engine: a parked pickup that rings the phone first', () => {
  const dialog = {
    callId: 'pk-call',
    fromTag: 'emu',
    toTag: 'dev',
    localUri: 'sip:l@x',
    remoteUri: 'sip:r@x'
  }

  function parkedCall(r: ReturnType<typeof rig>): Party {
    const leg = heldLeg(r.engine, r.a)
    r.engine.unhold(leg.id)
    const out = r.engine.park(leg.id)
    if (!out.ok) throw new Error(out.error.message)
    return out.value
  }

  it('keeps the call parked while the phone rings, and moves it when the phone answers', () => {
    const r = rig()
    const parked = parkedCall(r)
    const device = r.engine.cast.findExtension(r.me)!.devices[0]!.id
    const out = r.engine.pickup(parked.id, r.me, device, true)
    expect(out.ok).toBe(true)
    if (!out.ok) return
    expect(out.value.status.code).toBe('Proceeding')
    expect(r.engine.party(parked.id)!.status.code).toBe('Parked')
    const done = r.engine.connectPhone(out.value.id, device, dialog)
    expect(done).toMatchObject({ ok: true, value: { status: { code: 'Answered' }, dialog } })
    expect(r.engine.party(parked.id)!.status).toMatchObject({
      code: 'Gone',
      reason: 'Pickup',
      peerId: { partyId: out.value.id }
    })
    const callerLeg = r.engine
      .parties(out.value.telephonySessionId)
      .find((p) => p.id !== out.value.id)!
    expect(callerLeg.status.code).toBe('Answered')
  })

  it('leaves the call parked when the phone never answers', () => {
    const r = rig()
    const parked = parkedCall(r)
    const device = r.engine.cast.findExtension(r.me)!.devices[0]!.id
    const out = r.engine.pickup(parked.id, r.me, device, true)
    if (!out.ok) throw new Error(out.error.message)
    expect(r.engine.abandonPickup(out.value.id).ok).toBe(true)
    expect(r.engine.party(parked.id)!.status.code).toBe('Parked')
    expect(r.engine.session(out.value.telephonySessionId)!.ended).toBe(true)
    expect(r.engine.connectPhone(out.value.id, device, dialog).ok).toBe(false)
  })
})
