/**
 * Focus for a call opened from a notification: its first action the agent can use (Pick up), so
 * Enter takes the call; a card whose actions are all disabled (no phone) takes the focus itself.
 * The card is drawn as opened (`data-opened`, main.css) until the focus leaves it: a focus ring
 * alone is not drawn after a mouse click elsewhere, and the agent's eye must find the call.
 */
const ACTION = 'button:not([disabled])'

export function focusCall(el: HTMLElement, mark = true): void {
  if (mark) markOpened(el)
  const action = el.querySelector<HTMLElement>(ACTION)
  if (action) {
    action.focus()
    return
  }
  if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1')
  el.focus()
}

/** After Vue has rendered and the browser laid out what the last state change drew. */
export const afterLayout = (): Promise<void> =>
  new Promise((resolve) => requestAnimationFrame(() => resolve()))

/** Sets `data-opened` on the element until the focus leaves it (the pane's list binds its own). */
function markOpened(el: HTMLElement): void {
  el.dataset['opened'] = 'true'
  const leave = (e: FocusEvent): void => {
    if (e.relatedTarget instanceof Node && el.contains(e.relatedTarget)) return
    delete el.dataset['opened']
    el.removeEventListener('focusout', leave)
  }
  el.addEventListener('focusout', leave)
}
