import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { app, resetElectronMock } from '../../setup/electron-mock'
import { createSettingsStore } from '../../../src/main/host/settings-store'
import { followStartAtLogin } from '../../../src/main/electron/login-item'
import {
  AUTOSTART_FILE,
  autostartDir,
  desktopEntry,
  quoteExecArg
} from '../../../src/main/electron/xdg-autostart'

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

  it('writes and removes an XDG autostart entry on Linux', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'ringside-autostart-')), 'autostart')
    const settings = createSettingsStore()
    const log = vi.fn()
    followStartAtLogin({
      app,
      settings,
      platform: 'linux',
      env: { APPIMAGE: '/home/ana/Apps/Ringside 1.0.AppImage' },
      execPath: '/tmp/.mount_Ringsi/ringside',
      autostartDir: dir,
      log
    })
    const file = join(dir, AUTOSTART_FILE)
    expect(existsSync(file)).toBe(false)
    settings.update({ startAtLogin: true })
    const entry = readFileSync(file, 'utf8')
    // The AppImage the agent has, not its temporary mount; quoted for the space.
    expect(entry).toContain('Exec="/home/ana/Apps/Ringside 1.0.AppImage"\n')
    expect(entry.startsWith('[Desktop Entry]\nType=Application\n')).toBe(true)
    expect(statSync(file).mode & 0o777).toBe(0o644)
    settings.update({ startAtLogin: false })
    expect(existsSync(file)).toBe(false)
    expect(app.setLoginItemSettings).not.toHaveBeenCalled()
    expect(log).not.toHaveBeenCalled()
  })

  it('quotes Exec by the Desktop Entry rules', () => {
    expect(quoteExecArg('/opt/Ringside/ringside')).toBe('"/opt/Ringside/ringside"')
    expect(quoteExecArg('/opt/100% "$x"')).toBe('"/opt/100%% \\\\"\\\\$x\\\\""')
    expect(quoteExecArg('a\\b')).toBe('"a\\\\\\\\b"')
    expect(() => desktopEntry('/opt/x\nExec=evil')).toThrow(/line break/)
  })

  it('follows XDG_CONFIG_HOME, ignoring a relative one', () => {
    expect(autostartDir({ XDG_CONFIG_HOME: '/cfg' }, '/home/ana')).toBe('/cfg/autostart')
    expect(autostartDir({ XDG_CONFIG_HOME: 'cfg' }, '/home/ana')).toBe(
      '/home/ana/.config/autostart'
    )
    expect(autostartDir({}, '/home/ana')).toBe('/home/ana/.config/autostart')
  })

  it('says so on a platform with no way to start apps at login', () => {
    const settings = createSettingsStore()
    const log = vi.fn()
    followStartAtLogin({ app, settings, platform: 'aix', log })
    settings.update({ startAtLogin: true })
    expect(app.setLoginItemSettings).not.toHaveBeenCalled()
    expect(log).toHaveBeenCalledWith(expect.stringContaining('not supported'))
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
