/**
 * Applies the agent's theme choice to <html data-theme>. "system" removes the attribute so the
 * `prefers-color-scheme` media query in main.css decides.
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
