import { describe, expect, it } from 'vitest'
import { createCast } from '../../../src/emulator/callcentre/cast'

describe('cast', () => {
  it('is the same for the same seed and differs for another', () => {
    const a = createCast({ seed: 42 })
    const b = createCast({ seed: 42 })
    const c = createCast({ seed: 43 })
    expect(a.extensions()).toEqual(b.extensions())
    expect([...a.lines]).toEqual([...b.lines])
    expect(a.accountId).not.toBe(c.accountId)
  })

  it('has agents, a supervisor, a queue and a park location with realistic ids', () => {
    const cast = createCast({ seed: 1 })
    expect(cast.agents).toHaveLength(12)
    expect(cast.accountId).toMatch(/^\d{9}$/)
    const ids = cast.extensions().map((e) => e.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const e of cast.extensions()) expect(e.id).toMatch(/^\d{10}$/)
    expect(cast.queue).toMatchObject({ name: 'Support Queue', type: 'Department' })
    expect(cast.parkLocation.type).toBe('ParkLocation')
    expect(cast.parkOrbits[0]).toBe('*801')
    expect(cast.supervisor.type).toBe('User')
    // Non-ASCII names are part of every default cast.
    expect(cast.agents.some((a) => /[^ -~]/.test(a.name))).toBe(true)
    expect(cast.agents.map((a) => a.extensionNumber)).toContain('101')
  })

  it('gives every agent 6-8 monitored colleagues plus the park location, 2-3 favorites, online devices', () => {
    const cast = createCast({ seed: 9, agents: 20 })
    for (const agent of cast.agents) {
      const lines = cast.lines.get(agent.id)!
      const users = lines.filter((id) => cast.findExtension(id)?.type === 'User')
      expect(users.length).toBeGreaterThanOrEqual(6)
      expect(users.length).toBeLessThanOrEqual(8)
      expect(users).not.toContain(agent.id)
      expect(lines).toContain(cast.parkLocation.id)
      const favs = cast.favorites.get(agent.id)!
      expect(favs.length).toBeGreaterThanOrEqual(1)
      expect(favs.length).toBeLessThanOrEqual(3)
      expect(agent.devices[0]).toMatchObject({ type: 'WebPhone', status: 'Online' })
      expect(cast.primaryDevice(agent.id)?.id).toBe(agent.devices[0]!.id)
      expect(cast.findDevice(agent.devices[0]!.id)?.extensionId).toBe(agent.id)
    }
  })

  it('implements the directory lookups', () => {
    const cast = createCast({ seed: 3, agents: 5 })
    const a = cast.agents[2]!
    expect(cast.findExtension(a.id)).toBe(a)
    expect(cast.byNumber('103')).toBe(a)
    expect(cast.findExtension('nope')).toBeUndefined()
    expect(cast.extensions()).toHaveLength(5 + 3)
  })
})
