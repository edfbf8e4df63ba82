import type { App } from 'electron'
import type { SettingsStore } from '../app/settings-store'

export interface StartAtLoginDeps {
  readonly app: Pick<App, 'setLoginItemSettings' | 'isPackaged'>
  readonly settings: Pick<SettingsStore, 'get' | 'onChange'>
  readonly platform?: NodeJS.Platform
  readonly log?: (line: string) => void
}

/**
 * Keeps the OS login item in step with `settings.startAtLogin`: applied once now and again on every
 * change. Returns the function that stops following the setting.
 *
 * Only packaged builds register: in development `process.execPath` is the bare Electron binary,
 * which would start an empty Electron at every login. Linux has no login-item API in Electron
 * (`setLoginItemSettings` is macOS and Windows only); there the setting does nothing and says so.
 */
export function followStartAtLogin(deps: StartAtLoginDeps): () => void {
  const log = deps.log ?? ((line: string): void => console.warn(line))
  const platform = deps.platform ?? process.platform

  const apply = (openAtLogin: boolean): void => {
    if (!deps.app.isPackaged) {
      if (openAtLogin) log('[login-item] start at login is not registered by a development build')
      return
    }
    if (platform !== 'darwin' && platform !== 'win32') {
      if (openAtLogin) log('[login-item] Electron cannot start apps at login on this platform')
      return
    }
    try {
      deps.app.setLoginItemSettings({ openAtLogin })
    } catch (error) {
      log(`[login-item] could not be changed (${error instanceof Error ? error.name : 'error'})`)
    }
  }

  apply(deps.settings.get().startAtLogin)
  return deps.settings.onChange((next, previous) => {
    if (next.startAtLogin !== previous.startAtLogin) apply(next.startAtLogin)
  })
}
