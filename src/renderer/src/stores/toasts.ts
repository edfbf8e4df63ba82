import { acceptHMRUpdate, defineStore } from 'pinia'
import { shallowRef } from 'vue'
import type { PopupView } from '../../../shared/ipc/status'
import { cleanText } from '../../../shared/util/text'

export type ToastKind = 'call' | 'success' | 'info' | 'error'

export interface Toast {
  readonly id: number
  readonly kind: ToastKind
  readonly title: string
  readonly body: string
  /** Toasts with the same tag replace each other (one pop-up per call). */
  readonly tag: string | null
}

export interface ToastInput {
  readonly kind: ToastKind
  readonly title: string
  readonly body?: string
  readonly tag?: string
}

/** How long each kind stays. Errors stay longest: the agent must be able to read them. */
const LIFETIME_MS: Readonly<Record<ToastKind, number>> = {
  call: 12_000,
  success: 5_000,
  info: 8_000,
  error: 12_000
}
/** A wall of toasts is unreadable; the oldest go first. */
const MAX_TOASTS = 4

/** Short-lived messages: call pop-ups from main and the results of the agent's actions. */
export const useToastsStore = defineStore('toasts', () => {
  /** Newest last. */
  const items = shallowRef<readonly Toast[]>([])
  let nextId = 1
  const timers = new Map<number, ReturnType<typeof setTimeout>>()

  function dismiss(id: number): void {
    const timer = timers.get(id)
    if (timer !== undefined) clearTimeout(timer)
    timers.delete(id)
    items.value = items.value.filter((t) => t.id !== id)
  }

  /**
   * Shows a toast and returns its id.
   * @param input title and body are cleaned: they may carry caller names from the network.
   */
  function push(input: ToastInput): number {
    const tag = input.tag ?? null
    if (tag !== null) for (const t of items.value) if (t.tag === tag) dismiss(t.id)
    const toast: Toast = {
      id: nextId++,
      kind: input.kind,
      title: cleanText(input.title, 120),
      body: cleanText(input.body ?? '', 240),
      tag
    }
    items.value = [...items.value, toast].slice(-MAX_TOASTS)
    for (const id of timers.keys()) if (!items.value.some((t) => t.id === id)) dismiss(id)
    timers.set(
      toast.id,
      setTimeout(() => dismiss(toast.id), LIFETIME_MS[toast.kind])
    )
    return toast.id
  }

  /** A pop-up main decided to show (ringing monitored line, …). */
  function popup(p: PopupView): number {
    return push({ kind: 'call', title: p.title, body: p.body, tag: `popup:${p.tag}` })
  }

  /**
   * Closes the pop-ups of calls that stopped ringing: a pop-up that outlives its call tells the
   * agent something false, and hides the screen for nothing.
   */
  function keepPopups(ringing: ReadonlySet<string>): void {
    for (const t of items.value) {
      if (t.kind === 'call' && t.tag?.startsWith('popup:') && !ringing.has(t.tag.slice(6)))
        dismiss(t.id)
    }
  }

  function $reset(): void {
    for (const timer of timers.values()) clearTimeout(timer)
    timers.clear()
    items.value = []
    nextId = 1
  }

  return { items, push, popup, dismiss, keepPopups, $reset }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useToastsStore, import.meta.hot))
