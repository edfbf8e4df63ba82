/**
 * Provision and REGISTER with the real web phone in Chromium (docs/emulator.md "SIP side").
 */
import { afterEach, describe, expect, it } from 'vitest'
import { inPage, startSipWorld, until, type SipWorld } from './support'

let world: SipWorld | undefined
afterEach(async () => {
  await world?.close()
  world = undefined
})

describe('SIP provision and REGISTER', () => {
  it('provisions the WebPhone device and the web phone registers with digest', async () => {
    world = await startSipWorld()
    const w = world
    const p = await w.provision()
    const agent = w.emulator.cast.demoAgent
    const webPhone = agent.devices.find((d) => d.type === 'WebPhone')!
    expect(p.device).toEqual({
      id: webPhone.id,
      type: 'WebPhone',
      extension: { extensionNumber: agent.extensionNumber }
    })
    const info = p.sipInfo[0]!
    expect(info).toMatchObject({
      transport: 'WSS',
      authorizationId: webPhone.id,
      domain: 'sip.ringcentral.com',
      outboundProxy: `127.0.0.1:${w.emulator.sip!.port}`,
      stunServers: [],
      authorizationTypes: ['SipDigest']
    })
    expect(info.username).toMatch(/^\d{10,11}\*\d+$/)
    const started = await w.startPhone(info, 'a7c0f5e2-0000-4000-8000-000000000001')
    expect(started).toEqual({ ok: true, index: 0 })
    const regs = await w.registrations()
    expect(regs).toHaveLength(1)
    expect(regs[0]!).toMatchObject({ extensionId: agent.id, deviceId: webPhone.id })
    expect(regs[0]!.contacts[0]!.instanceId).toBe('a7c0f5e2-0000-4000-8000-000000000001')
    expect(regs[0]!.contacts[0]!.expiresIn).toBeGreaterThan(50)
    expect(JSON.stringify(regs)).not.toContain(info.password)
  })

  it('refuses a wrong password, and the sixth instance id with 603', async () => {
    world = await startSipWorld()
    const w = world
    const info = (await w.provision()).sipInfo[0]!
    const bad = await w.startPhone({ ...info, password: 'wrong' }, 'bad-0')
    expect(bad.ok).toBe(false)
    expect(bad.error).toContain('403')
    for (let i = 1; i <= 5; i++) expect((await w.startPhone(info, `inst-${i}`)).ok).toBe(true)
    const sixth = await w.startPhone(info, 'inst-6')
    expect(sixth).toMatchObject({ ok: false })
    expect(sixth.error).toContain('603 Too Many Contacts')
    const regs = await w.registrations()
    expect(regs[0]!.contacts.map((c) => c.instanceId).sort()).toEqual([
      'inst-1',
      'inst-2',
      'inst-3',
      'inst-4',
      'inst-5'
    ])
  })

  it('drop closes the phone sockets and the registration goes with them', async () => {
    world = await startSipWorld()
    const w = world
    const info = (await w.provision()).sipInfo[0]!
    expect((await w.startPhone(info, 'inst-drop')).ok).toBe(true)
    expect((await w.control('POST', '/__emulator/sip/drop')).json).toEqual({ dropped: 1 })
    await until(async () => !(await inPage(w.page, 'connected', 0)), 'the socket to close')
    const regs = await w.registrations()
    expect(regs).toEqual([])
    // Re-registering over a new socket works (the app does this; the library does not).
    expect(await inPage(w.page, 'restart', 0)).toEqual({ ok: true })
    const again = await w.registrations()
    expect(again[0]!.contacts).toHaveLength(1)
  })
})
