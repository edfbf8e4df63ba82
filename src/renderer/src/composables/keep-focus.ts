/**
 * Keeps keyboard focus where a keyboard user expects it after an action changes the list it was
 * in. A row or card that goes away while it holds the focus (a call picked up, answered
 * elsewhere, ended) hands it to the next item in its list, else the previous one, else the
 * list's heading; an item whose buttons change under the focus (Answer becomes Hold) keeps it on
 * its own first button. Without this the browser drops focus to `<body>` and the next Tab starts
 * over at the top of the page.
 */
import { onBeforeUnmount, onBeforeUpdate, onUpdated, type Ref } from 'vue'

/**
 * What may take the focus back: things in the Tab order only. A `tabindex="-1"` button (a board
 * tile's Pick up, whose tile is the roving Tab stop) is left out, or the first tile's button
 * would win over the tile the agent was on.
 */
const FOCUSABLE =
  'button:not([disabled]):not([tabindex="-1"]), [href], input:not([disabled]), [tabindex="0"]'

const holdsFocus = (el: HTMLElement | null): boolean =>
  el !== null && document.activeElement !== null && el.contains(document.activeElement)

/** The first focusable thing in the item that follows (or precedes) `li` in its list. */
function neighbourOf(li: Element): HTMLElement | null {
  for (const sibling of [li.nextElementSibling, li.previousElementSibling]) {
    const target = sibling?.querySelector<HTMLElement>(FOCUSABLE)
    if (target) return target
  }
  return null
}

/** The heading of the list the item is in, made focusable for the occasion. */
function headingOf(li: Element): HTMLElement | null {
  const list = li.closest('[aria-labelledby]')
  const id = list?.getAttribute('aria-labelledby')
  const heading = id ? document.getElementById(id) : null
  if (heading && !heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1')
  return heading
}

export function useKeepFocus(root: Ref<HTMLElement | null>): void {
  let hadFocus = false
  onBeforeUpdate(() => {
    hadFocus = holdsFocus(root.value)
  })
  onUpdated(() => {
    const el = root.value
    if (!hadFocus || el === null || holdsFocus(el)) return
    if (document.activeElement !== null && document.activeElement !== document.body) return
    el.querySelector<HTMLElement>(FOCUSABLE)?.focus()
  })
  onBeforeUnmount(() => {
    const el = root.value
    if (!holdsFocus(el)) return
    const li = el!.closest('li') ?? el!
    ;(neighbourOf(li) ?? headingOf(li))?.focus()
  })
}
