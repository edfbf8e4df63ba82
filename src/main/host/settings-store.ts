/**
 * The agent's settings, persisted as JSON beside the token file (0600, written atomically) and
 * decoded with the same codec on load: a damaged file falls back to the defaults and says why,
 * instead of crashing the app or carrying a bad value into the core.
 *
 * An admin policy (policy.ts) adds two layers: its unlocked values replace the defaults, and its
 * locked values cover the agent's own on every read. The file keeps only the agent's own values, so
 * a locked value is never written to it, and the agent's choices return when IT lifts the lock.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { isLeft } from 'fp-ts/lib/Either'
import { DEFAULT_SETTINGS, Settings, type SettingsPatch } from '../../shared/ipc/settings'
import { createListenerSet } from '../../shared/util/listeners'

export interface SettingsStore {
  /** The settings in force: the agent's own, with the policy's locked values over them. */
  get(): Settings
  /** @throws LockedSettingError when the patch touches a setting the policy locks. */
  update(patch: SettingsPatch): Settings
  onChange(listener: (settings: Settings, previous: Settings) => void): () => void
  /** Why the stored settings could not be used, if they could not. */
  readonly problem: string | undefined
  /** The settings the admin policy locks. */
  readonly locked: ReadonlyArray<keyof Settings>
}

/** What an admin policy does to the settings (built by policy-settings.ts). */
export interface SettingsPolicy {
  /** Unlocked policy values: what an agent without saved settings starts with. */
  readonly defaults: SettingsPatch
  /** Locked policy values: they override the saved settings and cannot be changed. */
  readonly locked: SettingsPatch
}

/** A change to a setting the admin policy locks; the handler turns it into a clear refusal. */
export class LockedSettingError extends Error {
  override readonly name = 'LockedSettingError'
  constructor(readonly settings: ReadonlyArray<keyof Settings>) {
    super(`locked by the admin policy: ${settings.join(', ')}`)
  }
}

export interface SettingsStoreOptions {
  /**
   * Where a change listener's error goes. The settings are saved by then, so a listener that
   * throws (the login item, the core) must neither fail the update nor keep the others from
   * hearing of it.
   */
  readonly onListenerError?: (error: unknown) => void
  readonly policy?: SettingsPolicy
}

export function createSettingsStore(
  file?: string,
  options: SettingsStoreOptions = {}
): SettingsStore {
  const { defaults = {}, locked = {} } = options.policy ?? {}
  const lockedKeys = Object.keys(locked) as Array<keyof Settings>
  const { own: loaded, problem } = readOwn(file, { ...DEFAULT_SETTINGS, ...defaults })
  let own = loaded
  const effective = (s: Settings): Settings => (lockedKeys.length === 0 ? s : { ...s, ...locked })
  // One object per change, so a caller can tell "unchanged" by identity.
  let current = effective(own)
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
      const refused = lockedKeys.filter((k) => patch[k] !== undefined)
      if (refused.length > 0) throw new LockedSettingError(refused)
      const previous = current
      const next = Settings.decode({ ...own, ...patch })
      // The patch was decoded at the IPC boundary; a failure here is a bug, not user input.
      if (isLeft(next)) throw new Error('settings update does not fit the settings codec')
      own = next.right
      save(own)
      current = effective(own)
      listeners.emit(current, previous)
      return current
    },
    locked: lockedKeys,
    onChange: (listener) => listeners.add(listener),
    get problem() {
      return problem
    }
  }
}

/** The agent's own settings from the file, over `defaults` (damaged or unreadable: the defaults). */
function readOwn(
  file: string | undefined,
  defaults: Settings
): { own: Settings; problem: string | undefined } {
  if (!file) return { own: defaults, problem: undefined }
  try {
    const decoded = Settings.decode({
      ...defaults,
      ...(JSON.parse(readFileSync(file, 'utf8')) as object)
    })
    if (isLeft(decoded))
      return {
        own: defaults,
        problem: 'The saved settings were damaged; Ringside started with its defaults.'
      }
    return { own: decoded.right, problem: undefined }
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === 'ENOENT'
    return {
      own: defaults,
      problem: missing
        ? undefined
        : 'The saved settings could not be read; Ringside started with its defaults.'
    }
  }
}
