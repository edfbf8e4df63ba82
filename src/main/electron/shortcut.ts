/**
 * The global shortcut (settings `globalShortcut`, default CommandOrControl+Alt+P) that picks up
 * the newest ringing or held call from anywhere, with the same pickup command as the board. It
 * is re-registered when the setting changes; an accelerator Electron refuses or another app holds
 * is reported once (the agent can choose another), never thrown.
 */
import type { GlobalShortcut } from 'electron'
import type { ShortcutStatus } from '../../shared/ipc/policy'
import type { Settings } from '../../shared/ipc/settings'

export interface ShortcutDeps {
  readonly globalShortcut: Pick<GlobalShortcut, 'register' | 'unregister'>
  readonly settings: {
    get(): Settings
    onChange(listener: (settings: Settings, previous: Settings) => void): () => void
  }
  /** Picks up the newest takeable call; resolves whether there was one. */
  readonly pickUpNewest: () => Promise<boolean>
  readonly log: (line: string) => void
  /** Each change of whether the shortcut is held, for the settings screen (host.reportShortcut). */
  readonly onStatus?: (status: ShortcutStatus) => void
}

/** What the settings screen says when registration fails: the usual cause is another app. */
export const SHORTCUT_TAKEN =
  'Another application already uses this shortcut, or the system does not allow it. Choose another.'

export function followGlobalShortcut(deps: ShortcutDeps): () => void {
  let current: string | null = null
  // What the settings last asked for: after a refused one `current` is null, and turning the
  // shortcut off must still be reported.
  let wanted: string | null | undefined

  const press = (): void => {
    deps.pickUpNewest().catch(() => deps.log('[shortcut] the pickup failed'))
  }
  const use = (accelerator: string | null): void => {
    if (accelerator === wanted) return
    wanted = accelerator
    if (current !== null) deps.globalShortcut.unregister(current)
    current = null
    if (accelerator === null || accelerator === '') {
      deps.onStatus?.({ state: 'off' })
      return
    }
    let registered = false
    try {
      registered = deps.globalShortcut.register(accelerator, press)
    } catch {
      // Electron throws on an accelerator it cannot parse.
      registered = false
    }
    if (registered) {
      current = accelerator
      deps.onStatus?.({ state: 'registered', accelerator })
    } else {
      deps.log('[shortcut] the pickup shortcut is not available; choose another in Settings')
      deps.onStatus?.({ state: 'unavailable', accelerator, reason: SHORTCUT_TAKEN })
    }
  }

  use(deps.settings.get().globalShortcut)
  const off = deps.settings.onChange((next) => use(next.globalShortcut))
  return () => {
    off()
    use(null)
  }
}
