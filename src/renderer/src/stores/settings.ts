import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { DEFAULT_SETTINGS, type Settings, type SettingsPatch } from '../../../shared/ipc/settings'
import type { DeviceView, DirectoryEntryView } from '../../../shared/ipc/status'
import { errorOf, ringside } from '../api'

/** A list loaded from main on demand, with its own wait and failure state. */
interface Loadable<T> {
  readonly items: readonly T[]
  readonly loading: boolean
  readonly loaded: boolean
  readonly error: string | null
}
/** Main's device preference order (src/main/core/calls/devices.ts). */

const idle = <T>(): Loadable<T> => ({ items: [], loading: false, loaded: false, error: null })

/** The agent's settings, and the lists the settings screen chooses from (devices, directory). */
export const useSettingsStore = defineStore('settings', () => {
  /** Main's copy; replaced by what main returns after each update (main validates). */
  const settings = shallowRef<Settings>(DEFAULT_SETTINGS)
  const loaded = ref(false)
  /** Which section is being saved, so only its controls show a wait. */
  const saving = ref<string | null>(null)
  const error = ref<string | null>(null)
  /** Set briefly after a save succeeds, for a calm "Saved" next to the section. */
  const savedSection = ref<string | null>(null)
  const devices = shallowRef<Loadable<DeviceView>>(idle())
  const directory = shallowRef<Loadable<DirectoryEntryView>>(idle())
  const monitoredSaving = ref(false)
  const monitoredError = ref<string | null>(null)

  const preferredDevice = computed(
    () => devices.value.items.find((d) => d.id === settings.value.preferredDeviceId) ?? null
  )
  async function load(): Promise<void> {
    const r = await ringside().settings.get()
    if (r.ok) {
      settings.value = r.value
      loaded.value = true
    } else error.value = r.error.message
  }

  /**
   * Saves part of the settings.
   * @param section names the part of the screen that waits (and then shows "Saved").
   */
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

  async function loadDevices(): Promise<void> {
    if (devices.value.loading) return
    devices.value = { ...devices.value, loading: true, error: null }
    const r = await ringside().devices.list()
    devices.value = r.ok
      ? { items: r.value, loading: false, loaded: true, error: null }
      : { ...devices.value, loading: false, error: errorOf(r) }
  }

  async function loadDirectory(): Promise<void> {
    if (directory.value.loading) return
    directory.value = { ...directory.value, loading: true, error: null }
    const r = await ringside().directory.list()
    directory.value = r.ok
      ? { items: r.value, loading: false, loaded: true, error: null }
      : { ...directory.value, loading: false, error: errorOf(r) }
  }

  /** Replaces the monitored lines (RingCentral's line list); the board follows via patches. */
  async function setMonitored(ids: readonly string[]): Promise<boolean> {
    monitoredSaving.value = true
    monitoredError.value = null
    try {
      const r = await ringside().lines.setMonitored([...ids])
      monitoredError.value = errorOf(r)
      return r.ok
    } finally {
      monitoredSaving.value = false
    }
  }

  function $reset(): void {
    settings.value = DEFAULT_SETTINGS
    loaded.value = false
    saving.value = null
    error.value = null
    savedSection.value = null
    devices.value = idle()
    directory.value = idle()
    monitoredSaving.value = false
    monitoredError.value = null
  }

  return {
    settings,
    loaded,
    saving,
    error,
    savedSection,
    devices,
    directory,
    monitoredSaving,
    monitoredError,
    preferredDevice,
    load,
    update,
    loadDevices,
    loadDirectory,
    setMonitored,
    $reset
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useSettingsStore, import.meta.hot))
