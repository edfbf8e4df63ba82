// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { useSettingsStore } from '../../../src/renderer/src/stores/settings'
import type { Envelope } from '../../../src/shared/ipc/contract'
import { DEFAULT_SETTINGS } from '../../../src/shared/ipc/settings'
import type { DeviceView } from '../../../src/shared/ipc/status'
import { deferred, fail, FakeMain, ok } from '../fake-main'

describe('settings store', () => {
  let main: FakeMain
  beforeEach(() => {
    setActivePinia(createPinia())
    main = new FakeMain().install()
  })

  it('shows the wait on the section being saved, then "Saved", and keeps main’s copy', async () => {
    const s = useSettingsStore()
    await s.load()
    expect(s.loaded).toBe(true)
    const reply = deferred<Envelope<typeof DEFAULT_SETTINGS>>()
    main.handle('settings:update', () => reply.promise)
    const saving = s.update({ theme: 'dark' }, 'look')
    expect(s.saving).toBe('look')
    expect(s.savedSection).toBeNull()
    reply.resolve(ok({ ...DEFAULT_SETTINGS, theme: 'light' }))
    expect(await saving).toBe(true)
    expect(s.saving).toBeNull()
    expect(s.savedSection).toBe('look')
    expect(s.settings.theme).toBe('light')
  })

  it('keeps main’s message when a save fails, and clears it on the next save', async () => {
    const s = useSettingsStore()
    main.handle('settings:update', () => fail('invalid', 'That server is not allowed.'))
    expect(await s.update({ theme: 'dark' })).toBe(false)
    expect(s.error).toBe('That server is not allowed.')
    expect(s.savedSection).toBeNull()
    main.handle('settings:update', () => ok(DEFAULT_SETTINGS))
    expect(await s.update({ theme: 'dark' })).toBe(true)
    expect(s.error).toBeNull()
    expect(s.savedSection).toBe('general')
  })

  it('loads devices once at a time, and keeps the list when a reload fails', async () => {
    const s = useSettingsStore()
    const reply = deferred<Envelope<readonly DeviceView[]>>()
    main.handle('devices:list', () => reply.promise)
    const first = s.loadDevices()
    const second = s.loadDevices()
    expect(s.devices.loading).toBe(true)
    const desk: DeviceView = { id: 'd1', name: 'Desk phone', type: 'HardPhone', status: 'Online' }
    reply.resolve(ok([desk]))
    await Promise.all([first, second])
    expect(main.calls.filter((c) => c.channel === 'devices:list')).toHaveLength(1)
    expect(s.devices).toEqual({ items: [desk], loading: false, loaded: true, error: null })

    main.handle('settings:update', (patch) => ok({ ...DEFAULT_SETTINGS, ...patch }))
    await s.update({ preferredDeviceId: 'd1' })
    expect(s.preferredDevice).toEqual(desk)

    main.handle('devices:list', () => fail('offline', 'RingCentral could not be reached.'))
    await s.loadDevices()
    expect(s.devices).toEqual({
      items: [desk],
      loading: false,
      loaded: true,
      error: 'RingCentral could not be reached.'
    })
  })

  it('saves the monitored lines with their own wait and failure, and $reset forgets it all', async () => {
    const s = useSettingsStore()
    const reply = deferred<Envelope<null>>()
    main.handle('lines:set-monitored', () => reply.promise)
    const saving = s.setMonitored(['101', '102'])
    expect(s.monitoredSaving).toBe(true)
    reply.resolve(fail('no-permission', 'The app may not change monitored lines.'))
    expect(await saving).toBe(false)
    expect(s.monitoredSaving).toBe(false)
    expect(s.monitoredError).toBe('The app may not change monitored lines.')
    expect(main.calls.at(-1)?.args).toEqual([['101', '102']])

    await s.loadDirectory()
    expect(s.directory.loaded).toBe(true)
    s.$reset()
    expect(s.monitoredError).toBeNull()
    expect(s.directory).toEqual({ items: [], loading: false, loaded: false, error: null })
    expect(s.settings).toEqual(DEFAULT_SETTINGS)
    expect(s.loaded).toBe(false)
  })
})
