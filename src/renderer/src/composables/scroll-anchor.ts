/**
 * Keeps what the agent looks at still when items above it come or go: before a change renders,
 * the first item (`[data-key]`) showing at the top of the scroller and its offset are noted;
 * after, the scroller moves by however far that item moved. At the very top nothing is held,
 * so a list read from its start keeps showing its start.
 *
 * Why not the browser's own scroll anchoring: a virtualised list changes its spacer's size with
 * every change above the fold, and Chromium suppresses anchoring for such layout changes.
 */
import { onBeforeUnmount, watch, type Ref, type WatchSource } from 'vue'

interface Anchor {
  readonly key: string
  readonly top: number
}

function anchorOf(scroller: HTMLElement): Anchor | null {
  const view = scroller.getBoundingClientRect().top
  for (const el of Array.from(scroller.querySelectorAll<HTMLElement>('[data-key]'))) {
    const r = el.getBoundingClientRect()
    if (r.bottom > view && el.dataset['key'] !== undefined)
      return { key: el.dataset['key'], top: r.top }
  }
  return null
}

/**
 * Whether the scroller is away from its top, as its last scroll event left it (a scroller that
 * starts at the top fires none). Reading `scrollTop` itself would force a layout: the 'pre' step
 * runs after the components flushed before this one (the board) have changed the DOM, so at a
 * busy hour that read cost a whole extra layout per frame, while the pane sat at its top.
 */
function trackScrolled(scroller: Ref<HTMLElement | null>): () => boolean {
  let scrolled = false
  const onScroll = (e: Event): void => {
    // Layout is clean in a scroll event: this read is free.
    scrolled = (e.currentTarget as HTMLElement).scrollTop > 0
  }
  watch(
    scroller,
    (el, before) => {
      before?.removeEventListener('scroll', onScroll)
      el?.addEventListener('scroll', onScroll, { passive: true })
      scrolled = false
    },
    { immediate: true }
  )
  onBeforeUnmount(() => scroller.value?.removeEventListener('scroll', onScroll))
  return () => scrolled
}

export function useScrollAnchor(scroller: Ref<HTMLElement | null>, source: WatchSource): void {
  let anchor: Anchor | null = null
  const scrolled = trackScrolled(scroller)
  // 'pre' runs before the DOM changes, 'post' after it has.
  watch(
    source,
    () => {
      const el = scroller.value
      anchor = el && scrolled() ? anchorOf(el) : null
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
