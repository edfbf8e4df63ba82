import { describe, expect, it } from 'vitest'
import {
  chooseDevice,
  createCallControl,
  createDeviceDirectory,
  decodeDeviceList,
  type AgentDevice
} from '../../../../src/main/core/calls'
import { createRestClient } from '../../../../src/main/core/rest'
import { ringing, startCallRig, stubLookup } from './rig'
import { routedPlatform } from '../rest/fake-platform'

const device = (
  id: string,
  type: string,
  status: 'Online' | 'Offline' = 'Online'
): AgentDevice => ({
  id,
  type,
  status,
  name: `${type} ${id}`
})

describe('chooseDevice', () => {
  const web = device('1', 'WebPhone')
  const soft = device('2', 'SoftPhone')
  const desk = device('3', 'HardPhone')

  it('prefers an online web phone, then the desktop app, then anything online', () => {
    expect(chooseDevice([desk, soft, web])).toEqual({ device: web, reason: 'default' })
    expect(chooseDevice([desk, soft])).toEqual({ device: soft, reason: 'default' })
    expect(chooseDevice([desk])).toEqual({ device: desk, reason: 'default' })
    expect(chooseDevice([{ ...web, status: 'Offline' }, desk])?.device).toBe(desk)
  })

  it("uses the agent's preferred device only while it is listed and online", () => {
    expect(chooseDevice([web, desk], '3')).toEqual({ device: desk, reason: 'preferred' })
    expect(chooseDevice([web, { ...desk, status: 'Offline' }], '3')?.reason).toBe('default')
    expect(chooseDevice([web, desk], 'gone')).toEqual({ device: web, reason: 'default' })
  })

  it('has nothing to offer when no device is online', () => {
    expect(chooseDevice([{ ...web, status: 'Offline' }])).toBeUndefined()
    expect(chooseDevice([])).toBeUndefined()
  })
})

describe('decodeDeviceList', () => {
  it('normalises ids, keeps unknown types, treats a missing status as Offline', () => {
    const r = decodeDeviceList({
      uri: 'x',
      records: [
        {
          id: 400018633008,
          type: 'SoftPhone',
          name: 'RingCentral App',
          status: 'Online',
          extra: 1
        },
        { id: '500', type: 'HoloPhone', status: 'Online' },
        { id: '600', type: 'HardPhone', name: 'Desk' }
      ],
      paging: { page: 1 }
    })
    expect(r).toEqual({
      ok: true,
      value: {
        skipped: [],
        devices: [
          { id: '400018633008', type: 'SoftPhone', name: 'RingCentral App', status: 'Online' },
          { id: '500', type: 'HoloPhone', name: 'HoloPhone', status: 'Online' },
          { id: '600', type: 'HardPhone', name: 'Desk', status: 'Offline' }
        ]
      }
    })
  })

  it('skips and reports a bad record instead of losing every device', () => {
    const r = decodeDeviceList({ records: [{ id: '1', status: 'Online' }, { name: 'no id' }] })
    expect(r.ok && r.value.devices.map((d) => d.id)).toEqual(['1'])
    expect(r.ok && r.value.skipped).toEqual([expect.stringMatching(/^records\[1\]: id: /)])
  })

  it('fails on a body that is not a device list', () => {
    const r = decodeDeviceList({ records: 'nope' })
    expect(!r.ok && r.error.code).toBe('unknown')
    expect(!r.ok && r.error.detail).toMatch(/^records: /)
  })
})

describe('device directory against the emulator', () => {
  it("lists the agent's devices as the platform has them, with one request for concurrent callers", async () => {
    const rig = await startCallRig()
    const directory = createDeviceDirectory({ rest: rig.rest })
    const [a, b] = await Promise.all([directory.list(), directory.list()])
    expect(a).toBe(b)
    const cast = rig.emu.cast.findExtension(rig.emu.agentExtensionId)!.devices
    expect(a.ok && a.value.devices).toEqual(
      cast.map((d) => ({ id: d.id, name: d.name, type: d.type, status: d.status }))
    )
    await directory.choose()
    expect(rig.requests).toEqual(['GET /restapi/v1.0/account/~/extension/~/device'])
  })

  it('puts an answered call on the preferred device when it is set', async () => {
    const probe = await startCallRig()
    const agent = probe.emu.cast.agents.find((a) => a.devices.length > 1)!
    await probe.close()
    const rig = await startCallRig({ extensionId: agent.id })
    const directory = createDeviceDirectory({ rest: rig.rest })
    const soft = agent.devices.find((d) => d.type === 'SoftPhone')!

    const initial = await directory.choose()
    expect(initial.ok && initial.value).toMatchObject({
      reason: 'default',
      device: { type: 'WebPhone' }
    })
    expect(directory.preferredId).toBeUndefined()
    directory.setPreferred(soft.id)
    const choice = await directory.choose()
    expect(choice.ok && choice.value).toMatchObject({
      reason: 'preferred',
      device: { id: soft.id }
    })

    const state = stubLookup()
    const calls = createCallControl({
      rest: rig.rest,
      devices: directory,
      lookup: state.lookup
    })
    const call = await ringing(rig, [agent.id], agent.id)
    state.set(call.sid, call.pid, { kind: 'ringing' })
    const r = await calls.answer(call.sid, call.pid)
    expect(r.ok).toBe(true)
    const leg = (await rig.truth(call.sid)).parties.find((p) => p.partyId === call.pid)
    expect(leg?.deviceId).toBe(soft.id)
  })

  it('answers no-device when none is online, and fetches the list again next time', async () => {
    const platform = routedPlatform({
      get: () => ({
        status: 200,
        body: { records: [{ id: '1', type: 'WebPhone', status: 'Offline' }] }
      })
    })
    const directory = createDeviceDirectory({
      rest: createRestClient({ platform: () => platform })
    })
    const r = await directory.choose()
    expect(!r.ok && r.error).toEqual({
      code: 'no-device',
      message:
        'None of your phones is online. Open the RingCentral app or your phone and try again.'
    })
    await directory.choose()
    expect(platform.sent).toHaveLength(2)
  })

  it('names the missing permission when the device list is refused', async () => {
    const rig = await startCallRig({ scopes: ['CallControl', 'ReadPresence'] })
    const r = await createDeviceDirectory({ rest: rig.rest }).choose()
    expect(!r.ok && r.error.message).toBe(
      'Ringside is not allowed to read your phones: the app lacks the ReadAccounts permission.'
    )
  })
})
