import { beforeEach, describe, expect, it, vi } from 'vitest'
import { app, resetElectronMock } from '../../setup/electron-mock'
import { createSettingsStore } from '../../../src/main/app/settings-store'
import { followStartAtLogin } from '../../../src/main/shell/login-item'

vi.mock('electron', () => import('../../setup/electron-mock'))

describe('followStartAtLogin', () => {
  beforeEach(() => {
    resetElectronMock()
    app.isPackaged = true
  })

  it.each(['darwin', 'win32'] as const)(
    'applies the setting at start and on change (%s)',
    (platform) => {
      const settings = createSettingsStore()
      followStartAtLogin({ app, settings, platform, log: vi.fn() })
      expect(app.setLoginItemSettings).toHaveBeenLastCalledWith({ openAtLogin: false })

      settings.update({ startAtLogin: true })
      expect(app.setLoginItemSettings).toHaveBeenLastCalledWith({ openAtLogin: true })
      settings.update({ theme: 'dark' })
      expect(app.setLoginItemSettings).toHaveBeenCalledTimes(2)
    }
  )

  it('stops following the setting when told to', () => {
    const settings = createSettingsStore()
    const stop = followStartAtLogin({ app, settings, platform: 'win32', log: vi.fn() })
    stop()
    settings.update({ startAtLogin: true })
    expect(app.setLoginItemSettings).toHaveBeenCalledTimes(1)
  })

  it('registers nothing from a development build, where the binary is bare Electron', () => {
    app.isPackaged = false
    const settings = createSettingsStore()
    const log = vi.fn()
    followStartAtLogin({ app, settings, platform: 'darwin', log })
    settings.update({ startAtLogin: true })
    expect(app.setLoginItemSettings).not.toHaveBeenCalled()
    expect(log).toHaveBeenCalledTimes(1)
  })

  it('says so on Linux, where Electron has no login items', () => {
    const settings = createSettingsStore()
    const log = vi.fn()
    followStartAtLogin({ app, settings, platform: 'linux', log })
    settings.update({ startAtLogin: true })
    expect(app.setLoginItemSettings).not.toHaveBeenCalled()
    expect(log).toHaveBeenCalledWith(expect.stringContaining('cannot start apps at login'))
  })

  it('survives an OS that refuses the change', () => {
    app.setLoginItemSettings.mockImplementation(() => {
      throw new Error('access denied')
    })
    const log = vi.fn()
    expect(() =>
      followStartAtLogin({ app, settings: createSettingsStore(), platform: 'win32', log })
    ).not.toThrow()
    expect(log).toHaveBeenCalledTimes(1)
  })
})
