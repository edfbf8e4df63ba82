/**
 * The events both shells push to the page, taken from the core: state patches, status changes, and
 * pop-ups for ringing lines under the agent's notification rules. The pop-ups come from one feed
 * (one per call while it rings), so the desktop and browser mode behave alike; the desktop also
 * shows each one natively.
 *
 * Patches sent before a page has loaded are lost on purpose; the page starts from `state:get` and
 * applies the patches that follow.
 */
import type { Core } from '../core/core'
import type { PowerEvents } from '../core/ports'
import type { EmitEvent } from '../../shared/ipc/contract'
import { openCallFromTag } from '../../shared/ipc/open-call'
import type { PopupView } from '../../shared/ipc/status'
import { startPopupFeed } from './popup-feed'
import type { SettingsStore } from './settings-store'

/** How a shell shows a pop-up outside the page (Electron's desktop notifier). */
export interface NativePopups {
  show(popup: PopupView): void
  /** The call stopped ringing: take its pop-up away. */
  dismiss(tag: string): void
}

export interface EventPushDeps {
  readonly core: Pick<Core, 'subscribe' | 'onStatus' | 'onEvent' | 'ownDnd' | 'status'>
  /** Read per ringing call, so a rules change applies to the next call without a restart. */
  readonly settings: Pick<SettingsStore, 'get'>
  readonly emit: EmitEvent
  readonly nativePopups?: NativePopups
  /** Resume holds pop-ups back until the state has caught up (popup-feed.ts). */
  readonly power?: PowerEvents
  /** The tray's "Pause pop-ups": while true no new call pops up (the board still shows it). */
  readonly paused?: () => boolean
}

/** Starts forwarding; returns the function that stops every subscription. */
export function pushCoreEvents(deps: EventPushDeps): () => void {
  const { core, emit, nativePopups } = deps
  const stops = [
    core.subscribe((patches) => emit('state:patch', { patches })),
    core.onStatus((status) => emit('state:status', status)),
    startPopupFeed({
      core,
      rules: () => {
        const rules = deps.settings.get().notifications
        return deps.paused?.() === true ? { ...rules, enabled: false } : rules
      },
      show: (popup) => {
        // The native notification is the fallback the agent chooses in settings; the desktop's
        // tray pop-up window and the in-app toast follow `notify:popup`.
        if (deps.settings.get().popupStyle === 'native') nativePopups?.show(popup)
        // The in-app toast, for agents whose OS notifications are off or hidden behind the
        // softphone, and the only pop-up browser mode has.
        emit('notify:popup', popup)
      },
      ...(nativePopups ? { dismiss: (tag: string) => nativePopups.dismiss(tag) } : {}),
      ...(deps.power ? { power: deps.power } : {})
    })
  ]
  return () => {
    for (const stop of stops.splice(0)) stop()
  }
}

/**
 * The agent clicked a pop-up outside the page (a native notification): tells every page which call
 * to open, by the call's key decoded from the pop-up's tag. False, and nothing sent, when the tag
 * names no call (Ringside's own alerts); the shell has brought its window forward either way.
 */
export function openCallFromPopup(emit: EmitEvent, tag: unknown): boolean {
  const call = openCallFromTag(tag)
  if (call === undefined) return false
  emit('notify:open-call', call)
  return true
}
