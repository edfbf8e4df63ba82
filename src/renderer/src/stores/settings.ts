import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, shallowRef, type Ref, type ShallowRef } from 'vue'
import type { LockableElsewhere, LockableSetting, SettingsStatus } from '../../../shared/ipc/policy'
import { DEFAULT_SETTINGS, type Settings, type SettingsPatch } from '../../../shared/ipc/settings'
import type { DeviceView, DirectoryEntryView } from '../../../shared/ipc/status'
import { errorOf, ringside, type Envelope } from '../api'

/** A list loaded from main on demand, with its own wait and failure state. */
interface Loadable<T> {
  readonly items: readonly T[]
  readonly loading: boolean
  readonly loaded: boolean
  readonly error: string | null
}
const idle = <T>(): Loadable<T> => ({ items: [], loading: false, loaded: false, error: null })

/** A list main serves on demand (devices, directory): one load at a time, failures kept. */
function useLoadable<T>(list: () => Promise<Envelope<readonly T[]>>): {
  readonly state: ShallowRef<Loadable<T>>
  load(): Promise<void>
  reset(): void
} {
  const state = shallowRef<Loadable<T>>(idle())
  async function load(): Promise<void> {
    if (state.value.loading) return
    state.value = { ...state.value, loading: true, error: null }
    const r = await list()
    state.value = r.ok
      ? { items: r.value, loading: false, loaded: true, error: null }
      : { ...state.value, loading: false, error: errorOf(r) }
  }
  function reset(): void {
    state.value = idle()
  }
  return { state, load, reset }
}

/** Main's copy of the settings, and the save of one section of the screen at a time. */
interface SettingsCopy {
  /** Main's copy; replaced by what main returns after each update (main validates). */
  readonly settings: ShallowRef<Settings>
  readonly loaded: Ref<boolean>
  /** Which section is being saved, so only its controls show a wait. */
  readonly saving: Ref<string | null>
  readonly error: Ref<string | null>
  /** Set briefly after a save succeeds, for a calm "Saved" next to the section. */
  readonly savedSection: Ref<string | null>
  load(): Promise<void>
  /**
   * Saves part of the settings.
   * @param section names the part of the screen that waits (and then shows "Saved").
   */
  update(patch: SettingsPatch, section?: string): Promise<boolean>
  reset(): void
}

function useSettingsCopy(): SettingsCopy {
  const settings = shallowRef<Settings>(DEFAULT_SETTINGS)
  const loaded = ref(false)
  const saving = ref<string | null>(null)
  const error = ref<string | null>(null)
  const savedSection = ref<string | null>(null)

  async function load(): Promise<void> {
    const r = await ringside().settings.get()
    if (r.ok) {
      settings.value = r.value
      loaded.value = true
    } else error.value = r.error.message
  }
  async function update(patch: SettingsPatch, section = 'general'): Promise<boolean> {
    saving.value = section
    error.value = null
    savedSection.value = null
    try {
      const r = await ringside().settings.update(patch)
      if (!r.ok) {
        error.value = r.error.message
        return false
      }
      settings.value = r.value
      savedSection.value = section
      return true
    } finally {
      if (saving.value === section) saving.value = null
    }
  }
  function reset(): void {
    settings.value = DEFAULT_SETTINGS
    loaded.value = false
    saving.value = null
    error.value = null
    savedSection.value = null
  }
  return { settings, loaded, saving, error, savedSection, load, update, reset }
}

/** The save of the monitored lines, with its own wait and failure. */
function useMonitoredLines(): {
  readonly saving: Ref<boolean>
  readonly error: Ref<string | null>
  setMonitored(ids: readonly string[]): Promise<boolean>
  reset(): void
} {
  const saving = ref(false)
  const error = ref<string | null>(null)
  /** Replaces the monitored lines (RingCentral's line list); the board follows via patches. */
  async function setMonitored(ids: readonly string[]): Promise<boolean> {
    saving.value = true
    error.value = null
    try {
      const r = await ringside().lines.setMonitored([...ids])
      error.value = errorOf(r)
      return r.ok
    } finally {
      saving.value = false
    }
  }
  function reset(): void {
    saving.value = false
    error.value = null
  }
  return { saving, error, setMonitored, reset }
}

/** The admin policy and the shortcut's registration, as main reports them (`settings:status`). */
function useSettingsStatus(): {
  readonly status: ShallowRef<SettingsStatus | null>
  loadStatus(): Promise<void>
  isLocked(key: LockableSetting | LockableElsewhere): boolean
} {
  const status = shallowRef<SettingsStatus | null>(null)
  async function loadStatus(): Promise<void> {
    const r = await ringside().settings.status()
    if (r.ok) status.value = r.value
  }
  const isLocked = (key: LockableSetting | LockableElsewhere): boolean => {
    const policy = status.value?.policy
    return policy?.state === 'applied' && policy.locked.includes(key)
  }
  return { status, loadStatus, isLocked }
}

/** The agent's settings, and the lists the settings screen chooses from (devices, directory). */
export const useSettingsStore = defineStore('settings', () => {
  const copy = useSettingsCopy()
  const meta = useSettingsStatus()
  const devices = useLoadable<DeviceView>(() => ringside().devices.list())
  const directory = useLoadable<DirectoryEntryView>(() => ringside().directory.list())
  const monitored = useMonitoredLines()

  const preferredDevice = computed(
    () =>
      devices.state.value.items.find((d) => d.id === copy.settings.value.preferredDeviceId) ?? null
  )

  function $reset(): void {
    copy.reset()
    meta.status.value = null
    devices.reset()
    directory.reset()
    monitored.reset()
  }

  return {
    settings: copy.settings,
    loaded: copy.loaded,
    saving: copy.saving,
    error: copy.error,
    savedSection: copy.savedSection,
    devices: devices.state,
    directory: directory.state,
    monitoredSaving: monitored.saving,
    monitoredError: monitored.error,
    preferredDevice,
    load: copy.load,
    status: meta.status,
    loadStatus: meta.loadStatus,
    isLocked: meta.isLocked,
    update: copy.update,
    loadDevices: devices.load,
    loadDirectory: directory.load,
    setMonitored: monitored.setMonitored,
    $reset
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useSettingsStore, import.meta.hot))
