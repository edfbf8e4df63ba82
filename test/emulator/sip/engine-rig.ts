/**
 * An engine with the demo agent (the picker), two monitored colleagues and one stranger, and the
 * legs the SIP pickup tables take (test/emulator/sip/replaces.test.ts, inbound-pickup.test.ts).
 */
import { expect } from 'vitest'
import { createCast } from '../../../src/emulator/callcentre/cast'
import { Engine } from '../../../src/emulator/callcentre/engine'
import type { Party } from '../../../src/emulator/callcentre/model'

export interface Rig {
  readonly engine: Engine
  readonly me: string
  readonly a: string
  readonly b: string
  readonly stranger: string
  number(id: string): string
}

/** Every leg of every live session, as text: a match must leave it unchanged. */
export const legsText = (engine: Engine): string =>
  JSON.stringify(engine.activeSessions().map((s) => engine.parties(s.telephonySessionId)))

export function rig(): Rig {
  const engine = new Engine(createCast({ seed: 7 }), { seed: 7, now: () => 1_000 })
  const me = engine.cast.demoAgent.id
  const [a, b] = engine.userLines(me) as [string, string]
  const stranger = engine.cast.agents.find((x) => x.id !== me && !engine.monitors(me, x.id))!.id
  return {
    engine,
    me,
    a,
    b,
    stranger,
    number: (id) => engine.cast.findExtension(id)!.extensionNumber
  }
}

export function ringingLeg(engine: Engine, ext: string, also: string[] = []): Party {
  const out = engine.inboundCall({ caller: { phoneNumber: '+14155550123' }, ring: [ext, ...also] })
  if (!out.ok) throw new Error(out.error.message)
  return engine.parties(out.value.telephonySessionId).find((p) => p.extensionId === ext)!
}

export function heldLeg(engine: Engine, ext: string): Party {
  const leg = ringingLeg(engine, ext)
  expect(engine.answer(leg.id).ok).toBe(true)
  expect(engine.hold(leg.id).ok).toBe(true)
  return engine.party(leg.id)!
}
