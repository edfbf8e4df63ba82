/**
 * The main window's place on screen, remembered across restarts: saved (debounced) as the agent
 * moves or resizes it, restored on start, and only onto a display that still exists. An agent who
 * undocked a laptop since must not get a window on a monitor that is gone, so saved bounds that no
 * longer overlap any display's work area enough to grab are dropped, and bounds that overlap one
 * are pulled fully inside it. The file holds geometry only, decoded with io-ts on read: a damaged
 * or hostile file means default bounds, never a crash.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import type { BrowserWindow, Rectangle } from 'electron'
import { screen } from 'electron'
import * as t from 'io-ts'

/** A coordinate or size as a display can have it; anything else is a damaged file. */
const Coordinate = t.refinement(t.number, (n) => Number.isInteger(n) && Math.abs(n) <= 100_000)
const Size = t.refinement(t.number, (n) => Number.isInteger(n) && n > 0 && n <= 100_000)

export const WindowBounds = t.type({
  x: Coordinate,
  y: Coordinate,
  width: Size,
  height: Size,
  maximized: t.boolean
})
export type WindowBounds = t.TypeOf<typeof WindowBounds>

export const WINDOW_BOUNDS_FILE = 'window-bounds.json'
export const SAVE_DEBOUNCE_MS = 500
/** How much of the window must lie on a display for the agent to grab it there. */
const MIN_VISIBLE = { width: 120, height: 60 }

/** The saved bounds, or undefined when there are none or the file does not decode. */
export function readWindowBounds(file: string): WindowBounds | undefined {
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    return undefined
  }
  const decoded = WindowBounds.decode(raw)
  return decoded._tag === 'Right' ? decoded.right : undefined
}

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  }
}

/**
 * The saved bounds fitted to today's displays: on the display they overlap most, resized to fit
 * its work area and moved fully inside it; undefined when no display shows enough of them.
 */
export function fitToDisplays(
  saved: Rectangle,
  workAreas: readonly Rectangle[]
): Rectangle | undefined {
  let best: { area: Rectangle; visible: number } | undefined
  for (const area of workAreas) {
    const o = overlap(saved, area)
    if (o.width < MIN_VISIBLE.width || o.height < MIN_VISIBLE.height) continue
    if (best === undefined || o.width * o.height > best.visible) {
      best = { area, visible: o.width * o.height }
    }
  }
  if (best === undefined) return undefined
  const { area } = best
  const width = Math.min(saved.width, area.width)
  const height = Math.min(saved.height, area.height)
  return {
    width,
    height,
    x: Math.min(Math.max(saved.x, area.x), area.x + area.width - width),
    y: Math.min(Math.max(saved.y, area.y), area.y + area.height - height)
  }
}

/** The bounds to open the main window with, if any are saved and still on a display. */
export function restoredBounds(
  file: string
): { readonly bounds: Rectangle; readonly maximized: boolean } | undefined {
  const saved = readWindowBounds(file)
  if (saved === undefined) return undefined
  const bounds = fitToDisplays(
    saved,
    screen.getAllDisplays().map((display) => display.workArea)
  )
  return bounds === undefined ? undefined : { bounds, maximized: saved.maximized }
}

/**
 * Saves `window`'s bounds to `file` after it stops moving or resizing for `debounceMs`, and at
 * once when it closes. A maximised window keeps its last normal bounds, so un-maximising after
 * a restart lands where the agent left it. Returns the stop function.
 */
export function rememberWindowBounds(
  window: BrowserWindow,
  file: string,
  options: { readonly debounceMs?: number; readonly log?: (line: string) => void } = {}
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  let normal: Rectangle | undefined
  const save = (): void => {
    timer = undefined
    if (window.isDestroyed()) return
    const maximized = window.isMaximized()
    if (!maximized) normal = window.getBounds()
    const bounds = normal ?? window.getBounds()
    try {
      writeFileSync(`${file}.tmp`, JSON.stringify({ ...bounds, maximized }), { mode: 0o600 })
      renameSync(`${file}.tmp`, file)
    } catch (error) {
      options.log?.(`[window] bounds not saved (${error instanceof Error ? error.name : 'error'})`)
    }
  }
  const later = (): void => {
    if (timer !== undefined) clearTimeout(timer)
    timer = setTimeout(save, options.debounceMs ?? SAVE_DEBOUNCE_MS)
  }
  const now = (): void => {
    if (timer !== undefined) clearTimeout(timer)
    save()
  }
  const events = ['move', 'resize', 'maximize', 'unmaximize'] as const
  for (const event of events) window.on(event as 'move', later)
  window.on('close', now)
  return () => {
    if (timer !== undefined) clearTimeout(timer)
    for (const event of events) window.off(event as 'move', later)
    window.off('close', now)
  }
}
