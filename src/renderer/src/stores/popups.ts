/**
 * The tray pop-up's entries: one per pop-up main announced (`notify:popup`, already filtered by
 * the agent's pop-up rules and DND in main), newest first, until the agent dismisses it or the
 * call is no longer there to take (answered elsewhere, hung up: the bridge drops the entries of
 * calls that left the ringing and held views, in every window, and the pop-up route also drops
 * what no longer resolves against the grouped calls).
 */
import { acceptHMRUpdate, defineStore } from 'pinia'
import { shallowRef } from 'vue'
import { MAX_POPUP_ENTRIES } from '../../../shared/ipc/contract'
import type { PopupView } from '../../../shared/ipc/status'

export interface PopupEntry {
  readonly tag: string
  readonly kind: 'ringing' | 'held'
}

export const usePopupsStore = defineStore('popups', () => {
  // Replaced whole, never changed in place: no deep proxies over what can be hundreds of entries.
  const entries = shallowRef<readonly PopupEntry[]>([])

  /** A new (or re-announced) pop-up goes on top; the oldest beyond the limit wait off-screen. */
  function add(popup: PopupView): void {
    const entry: PopupEntry = { tag: popup.tag, kind: popup.kind ?? 'ringing' }
    entries.value = [entry, ...entries.value.filter((e) => e.tag !== popup.tag)]
  }

  function dismiss(tag: string): void {
    entries.value = entries.value.filter((e) => e.tag !== tag)
  }

  /** Keeps only the entries whose call can still be taken. */
  function keep(live: (entry: PopupEntry) => boolean): void {
    const next = entries.value.filter(live)
    if (next.length !== entries.value.length) entries.value = next
  }

  function $reset(): void {
    entries.value = []
  }

  return { entries, add, dismiss, keep, $reset, limit: MAX_POPUP_ENTRIES }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(usePopupsStore, import.meta.hot))
