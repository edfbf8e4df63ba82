/**
 * Applies the agent's theme choice to <html data-theme>. "system" removes the attribute so the
 * OS's preferred colour scheme decides (main.css: `color-scheme: light dark` and `light-dark()`).
 */
import { watchEffect } from 'vue'
import type { Settings } from '../../../shared/ipc/settings'

export function useTheme(theme: () => Settings['theme']): void {
  watchEffect(() => {
    const t = theme()
    const root = document.documentElement
    if (t === 'system') delete root.dataset.theme
    else root.dataset.theme = t
  })
}
