/**
 * The events browser mode pushes to the page, taken from the core: state patches, status changes,
 * and pop-ups for ringing lines under the agent's notification rules. The pop-ups come from the same
 * feed the desktop notifier uses (one per call while it rings), so both modes behave alike.
 */
import { startPopupFeed } from '../host/popup-feed'
import type { SettingsStore } from '../host/settings-store'
import type { Core } from '../core/core'
import type { EventName, Events } from '../../shared/ipc/contract'

export type Emit = <E extends EventName>(event: E, payload: Events[E]) => void

export function forwardCoreEvents(core: Core, settings: SettingsStore, emit: Emit): () => void {
  const offPatches = core.subscribe((patches) => emit('state:patch', { patches }))
  const offStatus = core.onStatus((status) => emit('state:status', status))
  const offPopups = startPopupFeed({
    core,
    rules: () => settings.get().notifications,
    show: (popup) => emit('notify:popup', popup)
  })
  return () => {
    offPatches()
    offStatus()
    offPopups()
  }
}
