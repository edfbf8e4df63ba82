import type { App } from 'electron'
import type { SettingsStore } from '../host/settings-store'
import { autostartDir, autostartExec, setXdgAutostart } from './xdg-autostart'

export interface StartAtLoginDeps {
  readonly app: Pick<App, 'setLoginItemSettings' | 'isPackaged'>
  readonly settings: Pick<SettingsStore, 'get' | 'onChange'>
  readonly platform?: NodeJS.Platform
  readonly env?: NodeJS.ProcessEnv
  readonly execPath?: string
  /** Where XDG autostart entries live; default from `XDG_CONFIG_HOME` or `~/.config`. */
  readonly autostartDir?: string
  readonly log?: (line: string) => void
}

/** Desktops that follow XDG Autostart: Linux and the BSDs, where Electron has no login items. */
const XDG_PLATFORMS: ReadonlySet<NodeJS.Platform> = new Set(['linux', 'freebsd', 'openbsd'])

/**
 * Keeps the OS login item in step with `settings.startAtLogin`: applied once now and again on every
 * change. Returns the function that stops following the setting.
 *
 * Only packaged builds register: in development `process.execPath` is the bare Electron binary,
 * which would start an empty Electron at every login. macOS and Windows use Electron's login
 * items; Linux desktops get an XDG autostart entry (xdg-autostart.ts).
 */
export function followStartAtLogin(deps: StartAtLoginDeps): () => void {
  const log = deps.log ?? ((line: string): void => console.warn(line))
  const platform = deps.platform ?? process.platform
  const env = deps.env ?? process.env

  const register = (openAtLogin: boolean): void => {
    if (platform === 'darwin' || platform === 'win32') {
      deps.app.setLoginItemSettings({ openAtLogin })
    } else if (XDG_PLATFORMS.has(platform)) {
      const exec = autostartExec(env, deps.execPath ?? process.execPath)
      setXdgAutostart(deps.autostartDir ?? autostartDir(env), exec, openAtLogin)
    } else if (openAtLogin) {
      log('[login-item] start at login is not supported on this platform')
    }
  }

  const apply = (openAtLogin: boolean): void => {
    if (!deps.app.isPackaged) {
      if (openAtLogin) log('[login-item] start at login is not registered by a development build')
      return
    }
    try {
      register(openAtLogin)
    } catch (error) {
      log(`[login-item] could not be changed (${error instanceof Error ? error.name : 'error'})`)
    }
  }

  apply(deps.settings.get().startAtLogin)
  return deps.settings.onChange((next, previous) => {
    if (next.startAtLogin !== previous.startAtLogin) apply(next.startAtLogin)
  })
}
