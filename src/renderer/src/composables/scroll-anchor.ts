/**
 * Keeps what the agent looks at still when items above it come or go: before a change renders,
 * the first item (`[data-key]`) showing at the top of the scroller and its offset are noted;
 * after, the scroller moves by however far that item moved. At the very top nothing is held,
 * so a list read from its start keeps showing its start.
 *
 * Why not the browser's own scroll anchoring: a virtualised list changes its spacer's size with
 * every change above the fold, and Chromium suppresses anchoring for such layout changes.
 */
import { watch, type Ref, type WatchSource } from 'vue'

interface Anchor {
  readonly key: string
  readonly top: number
}

function anchorOf(scroller: HTMLElement): Anchor | null {
  if (scroller.scrollTop <= 0) return null
  const view = scroller.getBoundingClientRect().top
  for (const el of Array.from(scroller.querySelectorAll<HTMLElement>('[data-key]'))) {
    const r = el.getBoundingClientRect()
    if (r.bottom > view && el.dataset['key'] !== undefined)
      return { key: el.dataset['key'], top: r.top }
  }
  return null
}

export function useScrollAnchor(scroller: Ref<HTMLElement | null>, source: WatchSource): void {
  let anchor: Anchor | null = null
  // 'pre' runs before the DOM changes, 'post' after it has.
  watch(
    source,
    () => {
      anchor = scroller.value ? anchorOf(scroller.value) : null
    },
    { flush: 'pre' }
  )
  watch(
    source,
    () => {
      const el = scroller.value
      const held = anchor
      anchor = null
      if (!el || !held) return
      const now = el.querySelector<HTMLElement>(`[data-key="${CSS.escape(held.key)}"]`)
      if (!now) return
      const moved = now.getBoundingClientRect().top - held.top
      if (Math.abs(moved) >= 1) el.scrollTop += moved
    },
    { flush: 'post' }
  )
}
