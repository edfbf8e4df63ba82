import type { BrowserWindow, RenderProcessGoneDetails } from 'electron'

export interface RendererWatchOptions {
  readonly now?: () => number
  readonly setTimer?: (fn: () => void, ms: number) => () => void
  readonly log?: (line: string) => void
  /** The renderer kept crashing: the window is gone and the agent must be told how to get it back. */
  readonly onGiveUp?: () => void
  /** Crashes within `windowMs` that are still reloaded; one more gives up. */
  readonly maxCrashes?: number
  readonly windowMs?: number
  /** How long a hung page may stay unresponsive before it is killed and reloaded. */
  readonly hangMs?: number
}

export const RENDERER_WATCH_DEFAULTS = { maxCrashes: 3, windowMs: 60_000, hangMs: 15_000 } as const

/**
 * Keeps the agent's window alive through renderer failures. The core, the socket and the pop-ups
 * live in the main process and carry on, but a dead or frozen page means a ringing line nobody
 * sees. So a crashed renderer is reloaded (the page asks main for the state again on load), and a
 * page that stays unresponsive is killed so that it crashes into the same path. A renderer that
 * crashes again and again would spin the CPU and flash the window, so past `maxCrashes` within
 * `windowMs` the window is destroyed instead: the next tray click or pop-up click opens a fresh
 * one, with a new renderer process.
 *
 * `clean-exit` is not a failure (the window is closing) and is ignored. Returns the function that
 * stops watching.
 */
export function watchRenderer(
  window: BrowserWindow,
  options: RendererWatchOptions = {}
): () => void {
  const now = options.now ?? Date.now
  const setTimer =
    options.setTimer ??
    ((fn: () => void, ms: number): (() => void) => {
      const t = setTimeout(fn, ms)
      return () => clearTimeout(t)
    })
  const log = options.log ?? ((line: string): void => console.warn(line))
  const { maxCrashes, windowMs, hangMs } = { ...RENDERER_WATCH_DEFAULTS, ...options }
  const contents = window.webContents
  let crashes: number[] = []
  let cancelHang: (() => void) | undefined

  const gone = (_event: unknown, details: RenderProcessGoneDetails): void => {
    cancelHang?.()
    cancelHang = undefined
    if (details.reason === 'clean-exit' || window.isDestroyed()) return
    const at = now()
    crashes = [...crashes.filter((t) => at - t < windowMs), at]
    if (crashes.length > maxCrashes) {
      log(
        `[window] the page failed ${crashes.length} times in ${windowMs / 1000} s (${details.reason}); closed`
      )
      window.destroy()
      options.onGiveUp?.()
      return
    }
    log(`[window] the page failed (${details.reason}, exit ${details.exitCode}); reloading`)
    contents.reload()
  }

  const unresponsive = (): void => {
    if (cancelHang !== undefined) return
    cancelHang = setTimer(() => {
      cancelHang = undefined
      if (window.isDestroyed()) return
      log(`[window] the page has not responded for ${hangMs / 1000} s; restarting it`)
      // Emits render-process-gone, which reloads (or gives up) like any other crash.
      contents.forcefullyCrashRenderer()
    }, hangMs)
  }
  const responsive = (): void => {
    cancelHang?.()
    cancelHang = undefined
  }

  contents.on('render-process-gone', gone)
  window.on('unresponsive', unresponsive)
  window.on('responsive', responsive)
  return () => {
    cancelHang?.()
    contents.off('render-process-gone', gone)
    window.off('unresponsive', unresponsive)
    window.off('responsive', responsive)
  }
}
