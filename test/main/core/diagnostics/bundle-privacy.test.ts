/**
 * The support bundle of a real core after a busy stretch of emulated traffic: no phone number and no
 * name of the emulator's cast or callers is left in it, no SIP dialog identifier either, and the
 * pseudonyms that replace them still follow one caller from line to line.
 */
import { describe, expect, it } from 'vitest'
import {
  CALLER_NAMES,
  STAFF_NAMES,
  SUPERVISOR_NAME
} from '../../../../src/emulator/callcentre/names'
import { type CoreRig, startCoreRig, waitFor } from '../integration/rig'

/** Every number traffic gives a caller (`+1415555` 0100–0199), and every cast member's. */
function phoneNumbers(r: CoreRig): string[] {
  const callers = Array.from(
    { length: 100 },
    (_, i) => `+1415555${String(100 + i).padStart(4, '0')}`
  )
  const cast = r
    .emulator()
    .cast.extensions()
    .flatMap((e) => (e.phoneNumber === undefined ? [] : [e.phoneNumber]))
  // Also without the `+`, the way a SIP URI or a digits-only field would carry them.
  return [...new Set([...callers, ...cast])].flatMap((n) => [n, n.slice(1)])
}

function names(r: CoreRig): string[] {
  const people = [...STAFF_NAMES, SUPERVISOR_NAME]
  const cast = r
    .emulator()
    .cast.extensions()
    .flatMap((e) => [e.name, e.firstName, e.lastName])
  return [
    ...new Set([
      ...CALLER_NAMES,
      ...people.flatMap((p) => [p.firstName, p.lastName]),
      ...cast.filter((n): n is string => n !== undefined)
    ])
  ]
}

/** Whole words only: `Ana` is a name, `Analysis` would not be one. */
const hits = (text: string, word: string): number =>
  text.match(
    new RegExp(`(?<![\\p{L}])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'gu')
  )?.length ?? 0

type Json = Record<string, unknown>

/** Every value under the given keys anywhere in `v`. */
function valuesOf(v: unknown, keys: ReadonlySet<string>, out: string[] = []): string[] {
  if (Array.isArray(v)) for (const x of v) valuesOf(x, keys, out)
  else if (typeof v === 'object' && v !== null) {
    for (const [k, x] of Object.entries(v)) {
      if (keys.has(k) && typeof x === 'string') out.push(x)
      else valuesOf(x, keys, out)
    }
  }
  return out
}

describe('support bundle privacy against the emulator', () => {
  it('holds no phone number, name or SIP identifier in clear after many calls, and stays correlatable', async () => {
    const rig = await startCoreRig({ traffic: true, speed: 40 })
    await rig.core.signInDemo()
    await waitFor(() => rig.core.status().connection.status === 'live', 'a live connection')
    const e = rig.emulator()
    await waitFor(
      () => rig.core.diagnostics.counters().total >= 600,
      '600 notifications of busy traffic',
      45_000
    )
    e.director.pause()

    // The log as the core holds it, in clear: what the bundle must not give away.
    const clear = JSON.stringify(rig.core.diagnostics.entries())
    const sipKeys = new Set(['callId', 'fromTag', 'toTag', 'remoteUri', 'localUri'])
    const sip = [...new Set(valuesOf(JSON.parse(clear), sipKeys))].filter(
      (s) => s !== 'blf' && /[A-Za-z0-9]/.test(s)
    )
    const numbers = phoneNumbers(rig)
    const people = names(rig)
    // The check means something only if the log really was full of them.
    expect(numbers.filter((n) => clear.includes(n)).length).toBeGreaterThan(20)
    expect(people.filter((n) => hits(clear, n) > 0).length).toBeGreaterThan(10)
    expect(sip.length).toBeGreaterThan(50)

    const bundle = rig.core.diagnostics.bundle()
    const leaks = [
      ...numbers.filter((n) => bundle.includes(n)),
      ...people.filter((n) => hits(bundle, n) > 0),
      ...sip.filter((s) => bundle.includes(s))
    ]
    console.info(
      `bundle: ${(bundle.length / 1024).toFixed(0)} KB, checked ${numbers.length} numbers, ` +
        `${people.length} names, ${sip.length} SIP identifiers: ${leaks.length} hits`
    )
    expect(leaks).toEqual([])

    // The same caller's number hashes to the same pseudonym on every line about that party.
    const lines = bundle
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Json)
    const byParty = new Map<string, { phones: Set<string>; lines: number }>()
    for (const line of lines) {
      const body = (line['value'] as Json | null)?.['body'] as Json | undefined
      for (const party of (body?.['parties'] as Json[] | undefined) ?? []) {
        const phone = (party['from'] as Json | undefined)?.['phoneNumber']
        if (typeof phone !== 'string') continue
        expect(phone).toMatch(/^phone:[0-9a-f]{12}$/)
        const seen = byParty.get(String(party['id'])) ?? { phones: new Set<string>(), lines: 0 }
        seen.phones.add(phone)
        seen.lines++
        byParty.set(String(party['id']), seen)
      }
    }
    const parties = [...byParty.values()]
    // Lines about one party really do repeat, else "the same hash twice" would test nothing.
    expect(parties.filter((p) => p.lines >= 2).length).toBeGreaterThan(10)
    for (const p of parties) expect(p.phones.size).toBe(1)
    // And different callers still look different.
    expect(new Set(parties.flatMap((p) => [...p.phones])).size).toBeGreaterThan(5)
  }, 90_000)
})
