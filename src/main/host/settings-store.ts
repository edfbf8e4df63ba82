/**
 * The agent's settings, persisted as JSON beside the token file (0600, written atomically) and
 * decoded with the same codec on load: a damaged file falls back to the defaults and says why,
 * instead of crashing the app or carrying a bad value into the core.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { isLeft } from 'fp-ts/lib/Either'
import { DEFAULT_SETTINGS, Settings, type SettingsPatch } from '../../shared/ipc/settings'
import { createListenerSet } from '../../shared/util/listeners'

export interface SettingsStore {
  get(): Settings
  update(patch: SettingsPatch): Settings
  onChange(listener: (settings: Settings, previous: Settings) => void): () => void
  /** Why the stored settings could not be used, if they could not. */
  readonly problem: string | undefined
}

export interface SettingsStoreOptions {
  /**
   * Where a change listener's error goes. The settings are saved by then, so a listener that
   * throws (the login item, the core) must neither fail the update nor keep the others from
   * hearing of it.
   */
  readonly onListenerError?: (error: unknown) => void
}

export function createSettingsStore(
  file?: string,
  options: SettingsStoreOptions = {}
): SettingsStore {
  let problem: string | undefined
  let current: Settings = DEFAULT_SETTINGS
  if (file) {
    try {
      const decoded = Settings.decode({
        ...DEFAULT_SETTINGS,
        ...(JSON.parse(readFileSync(file, 'utf8')) as object)
      })
      if (isLeft(decoded))
        problem = 'The saved settings were damaged; Ringside started with its defaults.'
      else current = decoded.right
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
        problem = 'The saved settings could not be read; Ringside started with its defaults.'
      }
    }
  }
  const listeners = createListenerSet<[settings: Settings, previous: Settings]>(
    options.onListenerError
  )
  const save = (s: Settings): void => {
    if (!file) return
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 })
    const tmp = `${file}.${process.pid}.tmp`
    writeFileSync(tmp, JSON.stringify(s, null, 2), { mode: 0o600 })
    renameSync(tmp, file)
  }
  return {
    get: () => current,
    update(patch) {
      const previous = current
      const next = Settings.decode({ ...current, ...patch })
      // The patch was decoded at the IPC boundary; a failure here is a bug, not user input.
      if (isLeft(next)) throw new Error('settings update does not fit the settings codec')
      current = next.right
      save(current)
      listeners.emit(current, previous)
      return current
    },
    onChange: (listener) => listeners.add(listener),
    get problem() {
      return problem
    }
  }
}
