import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { Director } from '../../../src/emulator/callcentre/director'
import { decodeScenario, type Scenario } from '../../../src/emulator/callcentre/scenario'
import type { Timers } from '../../../src/emulator/callcentre/scheduler'
import type { Delivery } from '../../../src/emulator/callcentre/wire'
import { problems, rig, watch, type Rig } from './support'

/** Timers that never fire: the tests drive virtual time with `scheduler.drain`. */
export const manualTimers: Timers = {
  setTimeout: () => 0,
  clearTimeout: () => undefined,
  now: () => 0
}

export function scenarioFile(name: string): Scenario {
  const r = decodeScenario(JSON.parse(readFileSync(`src/emulator/scenarios/${name}.json`, 'utf8')))
  if (!r.ok) throw new Error(r.errors.join('\n'))
  return r.scenario
}

/**
 * A rig and a director on manual timers for the demo agent, both from `seed`, with every delivery
 * to the event documents' filter families (`watch`) recorded in `seen`.
 */
function directed(seed: number): { r: Rig; seen: Delivery[]; director: Director } {
  const r = rig(seed)
  const seen = watch(r)
  const director = new Director(r.engine, {
    seed,
    timers: manualTimers,
    demoExtensionId: r.cast.demoAgent.id
  })
  return { r, seen, director }
}

/** Plays `seconds` of virtual time of traffic (and optionally a scenario) on a fake clock. */
function play(seed: number, seconds: number, scenario?: Scenario): Array<[string, string]> {
  const { r, seen, director } = directed(seed)
  director.startTraffic()
  if (scenario !== undefined) director.play(scenario)
  for (let t = 0; t < seconds * 10; t++) {
    r.clock.advance(100)
    director.scheduler.drain(100)
  }
  director.close()
  return seen.map((d: Delivery) => [d.event, JSON.stringify(d.body)])
}

describe('determinism', () => {
  it('same seed and same commands give the same (event, body) stream; another seed differs', () => {
    const a = play(11, 120)
    const b = play(11, 120)
    expect(a.length).toBeGreaterThan(100)
    expect(b).toEqual(a)
    expect(play(12, 120)).not.toEqual(a)
  })

  it('is deterministic with a scenario running beside the traffic', () => {
    const s = scenarioFile('demo-shift')
    expect(play(5, 60, s)).toEqual(play(5, 60, s))
  })
})

describe('director and scenarios', () => {
  it('opens with a ringing, a held and a parked call on the demo board within 2 s', () => {
    const { r, seen, director } = directed(21)
    director.startTraffic()
    director.scheduler.drain(2000)
    const statuses = new Set(
      seen
        .filter((d) => d.event.includes('/presence/line/presence'))
        .map((d) => (d.body as { telephonyStatus: string }).telephonyStatus)
    )
    expect([...statuses]).toEqual(expect.arrayContaining(['Ringing', 'OnHold', 'ParkedCall']))
    expect(problems(seen, r.cast.demoAgent.id)).toEqual([])
    director.close()
  })

  it('keeps producing valid traffic for ten virtual minutes and reaps nothing alive forever', () => {
    const { r, seen, director } = directed(3)
    director.startTraffic()
    for (let t = 0; t < 600; t++) {
      r.clock.advance(1000)
      director.scheduler.drain(1000)
    }
    expect(problems(seen, r.cast.demoAgent.id)).toEqual([])
    const codes = new Set(
      seen.flatMap((d) =>
        ((d.body as { parties?: Array<{ status: { code: string } }> }).parties ?? []).map(
          (p) => p.status.code
        )
      )
    )
    expect([...codes]).toEqual(
      expect.arrayContaining([
        'Proceeding',
        'Answered',
        'Hold',
        'Parked',
        'Gone',
        'Disconnected',
        'VoiceMail'
      ])
    )
    expect(r.engine.activeSessions().length).toBeLessThan(20)
    director.close()
  })

  it.each(['smoke', 'demo-shift'])('plays %s without a refused step', (name) => {
    const { r, seen, director } = directed(8)
    const run = director.play(scenarioFile(name))
    director.scheduler.drain(180_000)
    expect(run.errors).toEqual([])
    expect(problems(seen, r.cast.demoAgent.id)).toEqual([])
    if (name === 'demo-shift') expect(r.engine.activeSessions()).toEqual([])
    director.close()
  })

  it('pauses and resumes virtual time', () => {
    const { director } = directed(4)
    let fired = 0
    director.scheduler.after(1000, () => fired++)
    director.start()
    director.pause()
    expect(director.state()).toMatchObject({ paused: true, speed: 1 })
    director.scheduler.drain(999)
    expect(fired).toBe(0)
    director.scheduler.drain(1)
    expect(fired).toBe(1)
    director.resume()
    expect(director.state().paused).toBe(false)
    director.close()
  })
})
