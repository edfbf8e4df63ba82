/**
 * Start at login on Linux desktops. Electron's `setLoginItemSettings` covers only macOS and
 * Windows; GNOME, KDE, Xfce and the others start what the XDG Autostart specification lists: a
 * desktop entry in `$XDG_CONFIG_HOME/autostart` (default `~/.config/autostart`).
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'

export const AUTOSTART_FILE = 'ringside.desktop'

export function autostartDir(env: NodeJS.ProcessEnv, home = homedir()): string {
  // The spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const config = env['XDG_CONFIG_HOME']
  return join(config?.startsWith('/') === true ? config : join(home, '.config'), 'autostart')
}

/**
 * The program to start: inside an AppImage `process.execPath` points into a mount that is gone
 * after exit, and `APPIMAGE` names the file the user actually has.
 */
export function autostartExec(env: NodeJS.ProcessEnv, execPath: string): string {
  return env['APPIMAGE'] ?? execPath
}

/**
 * One `Exec` argument, quoted by the Desktop Entry rules: inside double quotes, `"`, `` ` ``, `$`
 * and `\` take a backslash; `%` is doubled (field codes). The string-value escape for backslash
 * applies on top, so one literal backslash ends up as four.
 */
export function quoteExecArg(arg: string): string {
  const quoted = `"${arg.replace(/["`$\\]/g, (c) => `\\${c}`)}"`
  return quoted.replace(/%/g, '%%').replace(/\\/g, '\\\\')
}

export function desktopEntry(exec: string): string {
  if (/[\n\r]/.test(exec)) throw new Error('the program path has a line break')
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Ringside',
    'Comment=Monitored lines and one-click pickup for RingCentral',
    `Exec=${quoteExecArg(exec)}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    ''
  ].join('\n')
}

/** Writes (atomically, so a crash never leaves half an entry) or removes the autostart entry. */
export function setXdgAutostart(dir: string, exec: string, enabled: boolean): void {
  const file = join(dir, AUTOSTART_FILE)
  if (!enabled) {
    rmSync(file, { force: true })
    return
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const temp = `${file}.${process.pid}.tmp`
  writeFileSync(temp, desktopEntry(exec), { mode: 0o644 })
  renameSync(temp, file)
}
