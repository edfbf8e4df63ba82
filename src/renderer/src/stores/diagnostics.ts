import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { DiagnosticsView } from '../../../shared/ipc/status'
import { ringside } from '../api'
import { downloadText } from '../lib/download'

/** The diagnostics screen: event counters, decode errors with their paths, the support bundle. */
export const useDiagnosticsStore = defineStore('diagnostics', () => {
  const view = shallowRef<DiagnosticsView | null>(null)
  const loading = ref(false)
  const error = ref<string | null>(null)
  const exporting = ref(false)
  const exportError = ref<string | null>(null)
  /** File name of the last bundle saved, for a confirmation line. */
  const exported = ref<string | null>(null)

  async function load(): Promise<void> {
    if (loading.value) return
    loading.value = true
    try {
      const r = await ringside().diagnostics.get()
      if (r.ok) {
        view.value = r.value
        error.value = null
      } else error.value = r.error.message
    } finally {
      loading.value = false
    }
  }

  /** Asks main for the bundle and saves it as a file (the agent attaches it to a ticket). */
  async function exportBundle(): Promise<boolean> {
    exporting.value = true
    exportError.value = null
    try {
      const r = await ringside().diagnostics.exportBundle()
      if (!r.ok) {
        exportError.value = r.error.message
        return false
      }
      downloadText(r.value.fileName, r.value.content)
      exported.value = r.value.fileName
      return true
    } finally {
      exporting.value = false
    }
  }

  function $reset(): void {
    view.value = null
    loading.value = false
    error.value = null
    exporting.value = false
    exportError.value = null
    exported.value = null
  }

  return { view, loading, error, exporting, exportError, exported, load, exportBundle, $reset }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useDiagnosticsStore, import.meta.hot))
