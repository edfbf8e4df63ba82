/**
 * Turns the core's `line-ringing` events into pop-ups: at most one per call while it rings, under
 * the agent's current notification rules. Electron-free, so the desktop notifier and any other
 * transport (the renderer's toast, browser mode) can share it.
 *
 * The store emits one `line-ringing` per ringing view item, so a queue call ringing three monitored
 * lines arrives three times with the same telephony session id: one pop-up per call
 * (docs/platform.md#ordering-and-duplicates). When the last of its lines stops ringing (answered,
 * moved, hung up) the pop-up is stale, and `dismiss` takes it away.
 *
 * After the machine wakes, the state catches up: the gateway replays what it held and a resync
 * reads RingCentral back (docs/platform.md#sleep-and-resume). Replayed events are hours old, so a
 * call that rang and ended during sleep would ring on the board for a moment and pop up for a
 * caller long gone. So from `resume` until a readback read after it is applied (or
 * `CATCH_UP_LIMIT_MS`, if none comes), ringing calls are tracked but not shown; then the ones still
 * ringing pop up, once each, and the others never do. The state itself is not held back.
 */
import type { Core } from '../core/core'
import { type Clock, type PowerEvents, systemClock, type Timer } from '../core/ports'
import type { NotificationRules } from '../../shared/ipc/settings'
import type { PopupView } from '../../shared/ipc/status'
import type { HeldCallItem, RingingItem } from '../../shared/state/view-types'
import type { SemanticEvent } from '../core/state/store'
import { heldPopupTag, ringingPopupTag } from '../../shared/ipc/open-call'
import { heldPopup, ringingPopup } from './popups'

export interface PopupFeedDeps {
  readonly core: Pick<Core, 'onEvent' | 'onStatus' | 'ownDnd' | 'status'>
  /** Read per event, so a settings change applies to the next call without a restart. */
  readonly rules: () => NotificationRules
  readonly show: (popup: PopupView) => void
  readonly dismiss?: (tag: string) => void
  /** Where resume comes from (Electron's powerMonitor); without it nothing is held back. */
  readonly power?: PowerEvents
  /** Times the catch-up limit; default the system clock. */
  readonly clock?: Clock
}

/** A tag is remembered only while one of its lines rings; this bounds a leak if a stop is lost. */
const MAX_TRACKED_CALLS = 1_000

/**
 * The longest pop-ups wait after a resume when no readback comes (signed out, RingCentral
 * unreachable, a long rate-limit wait). A ringing call still pops up then, if it still rings.
 */
export const CATCH_UP_LIMIT_MS = 15_000

interface Ringing {
  /** The view items (one per line) of this call that are ringing (or held) now. */
  readonly items: Map<string, RingingItem | HeldCallItem>
  /** A held call's pop-up rather than a ringing one's. */
  readonly held: boolean
  shown: boolean
}

/**
 * The events that open or close a pop-up: a line ringing, and a held call on a monitored line
 * (which the agent may take over), each under its own tag; undefined for the others.
 */
function trackedEvent(
  event: SemanticEvent
): { tag: string; call: RingingItem | HeldCallItem; gone: boolean; held: boolean } | undefined {
  switch (event.type) {
    case 'line-ringing':
    case 'line-stopped-ringing':
      return {
        tag: ringingPopupTag(event.call),
        call: event.call,
        gone: event.type === 'line-stopped-ringing',
        held: false
      }
    case 'held-call-appeared':
    case 'held-call-gone':
      return {
        tag: heldPopupTag(event.call),
        call: event.call,
        gone: event.type === 'held-call-gone',
        held: true
      }
    default:
      return undefined
  }
}

/** Starts watching; returns the function that stops. */
export function startPopupFeed(deps: PopupFeedDeps): () => void {
  const calls = new Map<string, Ringing>()
  const catchUp = createCatchUp(deps, () => {
    for (const call of calls.values()) {
      for (const item of call.items.values()) if (offer(call, item)) break
    }
  })

  const forgetAll = (): void => {
    for (const [tag, call] of calls) if (call.shown) deps.dismiss?.(tag)
    calls.clear()
  }

  /** Shows the call's pop-up if the rules allow it for this line; true when it is shown. */
  const offer = (call: Ringing, item: RingingItem | HeldCallItem): boolean => {
    if (call.shown || catchUp.holding()) return call.shown
    // A held call the agent may not take (no `pickUpCallsOnHold`) is listed, never popped up.
    if (call.held && !item.canPickUp) return false
    // Asked again for each line, so a call that rings a selected line after an unselected one
    // still pops up once.
    const ctx = { rules: deps.rules(), ownDnd: deps.core.ownDnd() }
    const popup = call.held ? heldPopup(item, ctx) : ringingPopup(item, ctx)
    if (popup === undefined) return false
    call.shown = true
    deps.show(popup)
    return true
  }

  const offEvents = deps.core.onEvent((event) => {
    const tracked = trackedEvent(event)
    if (tracked === undefined) return
    const { tag, call: item, gone, held } = tracked
    if (gone) {
      const call = calls.get(tag)
      call?.items.delete(item.id)
      if (call === undefined || call.items.size > 0) return
      calls.delete(tag)
      if (call.shown) deps.dismiss?.(tag)
      return
    }
    if (calls.size >= MAX_TRACKED_CALLS && !calls.has(tag)) forgetAll()
    const call = calls.get(tag) ?? {
      items: new Map<string, RingingItem | HeldCallItem>(),
      held,
      shown: false
    }
    calls.set(tag, call)
    call.items.set(item.id, item)
    offer(call, item)
  })

  // Signed out: nothing of the old account may linger on the desktop.
  const offStatus = deps.core.onStatus((status) => {
    if (status.auth.status !== 'signed-in') {
      catchUp.cancel()
      forgetAll()
    }
  })

  return () => {
    offEvents()
    offStatus()
    catchUp.cancel()
    catchUp.dispose()
    calls.clear()
  }
}

interface CatchUp {
  /** True from a resume until the state has caught up. */
  holding(): boolean
  /** Ends a hold without showing anything (sign-out, stop). */
  cancel(): void
  dispose(): void
}

/**
 * The hold after a resume. It ends when a status shows a readback newer than the one applied at
 * resume (`resync.at` changed, nothing running), or at `CATCH_UP_LIMIT_MS`; `caughtUp` then shows
 * what still rings. A second resume while holding starts the wait over.
 */
function createCatchUp(deps: PopupFeedDeps, caughtUp: () => void): CatchUp {
  const clock = deps.clock ?? systemClock
  let hold: { readonly since: string | null; readonly timer: Timer } | undefined

  const finish = (show: boolean): void => {
    if (hold === undefined) return
    clock.clearTimeout(hold.timer)
    hold = undefined
    if (show) caughtUp()
  }
  const begin = (): void => {
    finish(false)
    const timer = clock.setTimeout(() => finish(true), CATCH_UP_LIMIT_MS)
    timer.unref?.()
    hold = { since: deps.core.status().resync.at, timer }
  }
  const offResume = deps.power?.onResume(begin)
  const offStatus = deps.core.onStatus(({ resync }) => {
    if (hold !== undefined && !resync.running && resync.at !== null && resync.at !== hold.since) {
      finish(true)
    }
  })
  return {
    holding: () => hold !== undefined,
    cancel: () => finish(false),
    dispose: () => {
      offResume?.()
      offStatus()
    }
  }
}
