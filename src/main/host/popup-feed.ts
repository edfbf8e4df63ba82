/**
 * Turns the core's `line-ringing` events into pop-ups: at most one per call while it rings, under
 * the agent's current notification rules. Electron-free, so the desktop notifier and any other
 * transport (the renderer's toast, browser mode) can share it.
 *
 * The store emits one `line-ringing` per ringing view item, so a queue call ringing three monitored
 * lines arrives three times with the same telephony session id (each call pops up at most once,
 * docs/platform.md#duplicate-and-out-of-order-events). When the last of its lines stops ringing
 * (answered, moved, hung up) the pop-up is stale, and `dismiss` takes it away.
 */
import type { Core } from '../core/core'
import type { NotificationRules } from '../../shared/ipc/settings'
import type { PopupView } from '../../shared/ipc/status'
import { ringingPopup } from './popups'

export interface PopupFeedDeps {
  readonly core: Pick<Core, 'onEvent' | 'onStatus' | 'ownDnd'>
  /** Read per event, so a settings change applies to the next call without a restart. */
  readonly rules: () => NotificationRules
  readonly show: (popup: PopupView) => void
  readonly dismiss?: (tag: string) => void
}

/** A tag is remembered only while one of its lines rings; this bounds a leak if a stop is lost. */
const MAX_TRACKED_CALLS = 1_000

interface Ringing {
  /** The view items (one per line) of this call that are ringing now. */
  readonly items: Set<string>
  shown: boolean
}

/** Starts watching; returns the function that stops. */
export function startPopupFeed(deps: PopupFeedDeps): () => void {
  const calls = new Map<string, Ringing>()

  const forgetAll = (): void => {
    for (const [tag, call] of calls) if (call.shown) deps.dismiss?.(tag)
    calls.clear()
  }

  const offEvents = deps.core.onEvent((event) => {
    if (event.type !== 'line-ringing' && event.type !== 'line-stopped-ringing') return
    const tag = event.call.telephonySessionId ?? event.call.id
    if (event.type === 'line-stopped-ringing') {
      const call = calls.get(tag)
      call?.items.delete(event.call.id)
      if (call === undefined || call.items.size > 0) return
      calls.delete(tag)
      if (call.shown) deps.dismiss?.(tag)
      return
    }
    if (calls.size >= MAX_TRACKED_CALLS && !calls.has(tag)) forgetAll()
    const call = calls.get(tag) ?? { items: new Set<string>(), shown: false }
    calls.set(tag, call)
    call.items.add(event.call.id)
    if (call.shown) return
    // Asked again for each line, so a call that rings a selected line after an unselected one
    // still pops up once.
    const popup = ringingPopup(event.call, { rules: deps.rules(), ownDnd: deps.core.ownDnd() })
    if (popup === undefined) return
    call.shown = true
    deps.show(popup)
  })

  // Signed out: nothing of the old account may linger on the desktop.
  const offStatus = deps.core.onStatus((status) => {
    if (status.auth.status !== 'signed-in') forgetAll()
  })

  return () => {
    offEvents()
    offStatus()
    calls.clear()
  }
}
