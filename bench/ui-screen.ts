/**
 * What bench:ui counts as "on the screen" (docs/performance.md). The pane
 * is virtualised, so a ringing call below the fold has no element; it is on the screen once the
 * pane's ringing count ("Ringing on your lines N", also each card's `aria-setsize`) includes it.
 *
 * - A card: the first time an element `ringing-<session>` was added to the DOM.
 * - The count: every value the ringing count showed, with when. The bench never ends a call
 *   during a round and every round starts from none ringing, so the k-th call to ring is included
 *   once the count reaches k.
 * - Lost: after the round, the pane is scrolled from top to bottom so that every card renders;
 *   a call whose card never appeared, in the round or in that sweep, is lost, whatever the count
 *   said. The count alone can therefore never hide a missing call.
 *
 * Scripts are strings: tsx's transform names inner functions with a helper the page lacks.
 */
import type { Page } from 'playwright-core'

const OBSERVE = `(() => {
  const seen = {}
  const counts = []
  Object.assign(window, { __seen: seen, __counts: counts })
  const countNow = () => {
    const el = document.querySelector('[data-testid="pane-ringing-count"]')
    return el ? parseInt(el.textContent || '0', 10) : 0
  }
  let last = 0
  new MutationObserver((records) => {
    const now = Date.now()
    for (const r of records) {
      r.addedNodes.forEach((n) => {
        if (!(n instanceof Element)) return
        const els = [n, ...Array.from(n.querySelectorAll('[data-testid^="ringing-"]'))]
        for (const el of els) {
          const id = el.getAttribute('data-testid')
          if (id && id.startsWith('ringing-') && seen[id] === undefined) seen[id] = now
        }
      })
    }
    const c = countNow()
    if (c !== last) {
      last = c
      counts.push([now, c])
    }
  }).observe(document.body, { childList: true, subtree: true, characterData: true })
})()`

/** Scrolls the pane down a screenful per frame until its end, so every card renders once. */
const SWEEP = `(async () => {
  const pane = document.querySelector('[data-testid="incoming-pane"]')
  if (!pane) return
  let step = 0
  // A page whose compositor stopped sends no animation frame again (docs/performance.md, "The
  // Sessions sweep that stopped drawing"): say so instead of waiting for ever.
  const frame = () => new Promise((resolve, reject) => {
    const stalled = setTimeout(() => reject(new Error('stalled at step ' + step + ', scrollTop ' + pane.scrollTop)), 5000)
    requestAnimationFrame(() => {
      clearTimeout(stalled)
      resolve(undefined)
    })
  })
  pane.scrollTop = 0
  await frame()
  for (; step < 10000; step++) {
    if (pane.scrollTop + pane.clientHeight >= pane.scrollHeight - 1) break
    pane.scrollTop += Math.max(50, pane.clientHeight - 40)
    await frame()
    await frame()
  }
  pane.scrollTop = 0
})()`

export async function observeScreen(page: Page): Promise<void> {
  await page.evaluate(OBSERVE)
}

export interface ScreenRead {
  /** `ringing-<session>` → when its card first appeared. */
  readonly cards: Readonly<Record<string, number>>
  /** [when, the ringing count shown] for every change of the count. */
  readonly counts: ReadonlyArray<readonly [number, number]>
}

export async function readScreen(page: Page): Promise<ScreenRead> {
  return (await page.evaluate('({ cards: window.__seen, counts: window.__counts })')) as ScreenRead
}

/** Scrolls the pane through; false when the page stopped drawing (no frame for 5 s) on the way. */
export async function sweepPane(page: Page): Promise<boolean> {
  try {
    await page.evaluate(SWEEP)
    return true
  } catch (e) {
    console.log(`  the page stopped drawing during the sweep of the pane: ${String(e)}`)
    return false
  }
}

/**
 * When each call reached the screen: its card or the count that includes it, whichever came
 * first. `order` lists the calls in the order they rang, from none ringing at `since`.
 */
export function screenTimes(
  order: readonly string[],
  read: ScreenRead,
  since: number
): Map<string, number> {
  const out = new Map<string, number>()
  const counts = read.counts.filter(([at]) => at >= since)
  let c = 0
  for (let k = 0; k < order.length; k++) {
    while (c < counts.length && counts[c]![1] < k + 1) c++
    const byCount = c < counts.length ? counts[c]![0] : undefined
    const byCard = read.cards[order[k]!]
    const t =
      byCount === undefined ? byCard : byCard === undefined ? byCount : Math.min(byCard, byCount)
    if (t !== undefined) out.set(order[k]!, t)
  }
  return out
}
