import { createListenerSet } from '../../shared/util/listeners'
import type { PowerEvents } from '../core/ports'

/** The parts of Electron's `powerMonitor` this module uses. */
export interface PowerMonitorHandle {
  on(event: 'resume', listener: () => void): unknown
  on(event: 'unlock-screen', listener: () => void): unknown
  removeListener(event: 'resume', listener: () => void): unknown
  removeListener(event: 'unlock-screen', listener: () => void): unknown
}

export interface PowerEventsDeps {
  /** Electron's `powerMonitor` (after `ready`). */
  readonly powerMonitor: PowerMonitorHandle
  /** Electron's `net.isOnline`. */
  readonly isOnline: () => boolean
  /** How often to ask `isOnline`; default 5 s. */
  readonly pollMs?: number
  readonly setInterval?: (fn: () => void, ms: number) => NodeJS.Timeout
  readonly clearInterval?: (timer: NodeJS.Timeout) => void
  readonly now?: () => number
  /**
   * Where a listener's error goes. Listeners run from `powerMonitor` and a timer, where a throw
   * would be an uncaught exception in the main process; so it is reported, and the others still run.
   */
  readonly onListenerError?: (error: unknown) => void
}

export interface ElectronPowerEvents extends PowerEvents {
  /** Removes the powerMonitor listeners and stops polling. */
  dispose(): void
}

/**
 * Waking a laptop fires `resume` and then, once the agent types the password, `unlock-screen`. Each
 * makes the core probe the socket and resync, so wakes this close together count as one.
 */
const WAKE_COALESCE_MS = 5_000

/**
 * The core's `PowerEvents` port from Electron. Resume and unlock come from `powerMonitor`.
 *
 * Network changes are polled: Electron's main process has no online/offline event (only the
 * renderer has `navigator.onLine` events, and a hidden or throttled window is the wrong place to
 * depend on for keeping calls flowing). `net.isOnline()` is cheap (it reads Chromium's network
 * change notifier, no request is made), so asking every few seconds and reporting only changes
 * costs nothing. Polling runs only while someone listens, on an unref'd timer.
 *
 * "Online" is a hint, not a promise that RingCentral is reachable; the core treats it as a reason to
 * retry now rather than wait for its back-off.
 */
export function createPowerEvents(deps: PowerEventsDeps): ElectronPowerEvents {
  const pollMs = deps.pollMs ?? 5_000
  const every = deps.setInterval ?? ((fn, ms): NodeJS.Timeout => setInterval(fn, ms))
  const stopEvery = deps.clearInterval ?? ((timer): void => clearInterval(timer))

  const resumeListeners = createListenerSet<[]>(deps.onListenerError)
  const networkListeners = createListenerSet<[online: boolean]>(deps.onListenerError)
  let timer: NodeJS.Timeout | undefined
  let online = deps.isOnline()

  const check = (): void => {
    const now = deps.isOnline()
    if (now === online) return
    online = now
    networkListeners.emit(now)
  }

  const now = deps.now ?? Date.now
  let lastWake = Number.NEGATIVE_INFINITY
  const onWake = (): void => {
    const at = now()
    if (at - lastWake < WAKE_COALESCE_MS) return
    lastWake = at
    resumeListeners.emit()
    // The network usually changed while the lid was shut; do not wait for the next tick.
    check()
  }
  // "The machine was away and sockets may be dead without knowing it."
  deps.powerMonitor.on('resume', onWake)
  deps.powerMonitor.on('unlock-screen', onWake)

  const stopPolling = (): void => {
    if (timer === undefined) return
    stopEvery(timer)
    timer = undefined
  }

  return {
    // Asked once when the connection starts, so an app started offline says so at once.
    isOnline: () => deps.isOnline(),
    onResume: (listener) => resumeListeners.add(listener),
    onNetworkChange(listener) {
      const remove = networkListeners.add(listener)
      if (timer === undefined) {
        online = deps.isOnline()
        timer = every(check, pollMs)
        // Never keeps the process alive on its own.
        timer.unref?.()
      }
      return () => {
        remove()
        if (networkListeners.size === 0) stopPolling()
      }
    },
    dispose() {
      deps.powerMonitor.removeListener('resume', onWake)
      deps.powerMonitor.removeListener('unlock-screen', onWake)
      stopPolling()
      resumeListeners.clear()
      networkListeners.clear()
    }
  }
}
