// @vitest-environment happy-dom
/**
 * docs/security.md#hostile-caller-names: caller names from the phone network are hostile. They must
 * render as text everywhere (no element injected, no handler attribute), without control or
 * bidi-override characters, and cut short.
 */
import { createTestingPinia } from '@pinia/testing'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import CallIncomingPane from '../../../src/renderer/src/components/calls/CallIncomingPane.vue'
import TheToasts from '../../../src/renderer/src/components/TheToasts.vue'
import { useCallsStore } from '../../../src/renderer/src/stores/calls'
import { useLinesStore } from '../../../src/renderer/src/stores/lines'
import { useToastsStore } from '../../../src/renderer/src/stores/toasts'
import BoardView from '../../../src/renderer/src/views/BoardView.vue'
import CallsView from '../../../src/renderer/src/views/CallsView.vue'
import { emptySnapshot } from '../../../src/shared/state/patches'
import { HOSTILE_NAMES, held, line, parked, ringing } from '../fixtures'
import { fakeViewport } from '../viewport'

let wrappers: VueWrapper[] = []
let restore: (() => void) | undefined
beforeEach(() => {
  restore = fakeViewport(1200, 800)
  let i = 0
  const caller = (): { name: string; number: string } => ({
    name: HOSTILE_NAMES[i++ % HOSTILE_NAMES.length]!,
    number: '+1<b>555</b>'
  })
  const pinia = createTestingPinia({ createSpy: vi.fn, stubActions: false })
  const ringingItems = HOSTILE_NAMES.map((name, n) =>
    ringing(`s-r${n}`, String(n + 1), { caller: caller(), queueName: name, lineName: name })
  )
  useLinesStore(pinia).setLines(
    HOSTILE_NAMES.map((name, n) => line(String(n + 1), 'ringing', { name }))
  )
  useCallsStore(pinia).setViews({
    ...emptySnapshot,
    ringingLines: ringingItems,
    heldCalls: HOSTILE_NAMES.map((name, n) =>
      held(`s-h${n}`, String(n + 1), { caller: caller(), lineName: name })
    ),
    parkedCalls: HOSTILE_NAMES.map((name, n) =>
      parked(`s-p${n}`, { caller: caller(), parkedBy: { extensionId: '9', name } })
    )
  })
  for (const name of HOSTILE_NAMES)
    useToastsStore(pinia).push({ kind: 'call', title: name, body: name })
  const opts = { global: { plugins: [pinia] }, attachTo: document.body }
  wrappers = [
    mount(BoardView, opts),
    mount(CallIncomingPane, opts),
    mount(CallsView, opts),
    mount(TheToasts, opts)
  ]
})
afterEach(() => {
  for (const w of wrappers) w.unmount()
  useToastsStore().$reset()
  restore?.()
})

describe('hostile caller names', () => {
  it('never become elements or attributes', async () => {
    await flushPromises()
    const html = document.body.innerHTML
    expect(document.querySelector('img')).toBeNull()
    expect(document.querySelector('script')).toBeNull()
    expect(document.querySelector('b')).toBeNull()
    expect(document.querySelector('[onerror]')).toBeNull()
    // Only the elements the templates write, and no event-handler attribute anywhere.
    const tags = new Set(
      [...document.body.querySelectorAll('*')].map((e) => e.tagName.toLowerCase())
    )
    for (const t of tags)
      expect([
        'div',
        'span',
        'p',
        'ul',
        'li',
        'button',
        'section',
        'header',
        'h2',
        'aside',
        'article',
        'input'
      ]).toContain(t)
    for (const e of document.body.querySelectorAll('*'))
      for (const a of e.getAttributeNames()) expect(a.startsWith('on')).toBe(false)
    // The shared cleaner removes markup from the text as well, so a tag is not even shown as
    // text; what is outside the tags still is.
    expect(html).not.toContain('&lt;img')
    expect(html).not.toContain('&lt;script')
    expect(document.body.textContent).not.toMatch(/<img|<script|<\/script/)
    expect(document.body.textContent).toContain('alert(1)')
  })

  it('lose control and bidi-override characters and are cut short, emoji intact', async () => {
    await flushPromises()
    const text = document.body.textContent ?? ''
    // The point of the test is to find control characters.
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u0000-\u0008\u202a-\u202e]/)
    expect(text).toContain('evil.exe')
    expect(text).toContain('😀👩‍👩‍👧‍👦 Ünïcødé')
    expect(text).not.toContain('x'.repeat(300))
    // No rendered text node carries the 10k-character name.
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    let longest = 0
    for (let n = walker.nextNode(); n; n = walker.nextNode())
      longest = Math.max(longest, n.textContent?.length ?? 0)
    expect(longest).toBeLessThan(400)
  })

  it('are still found by the ringing pane and the lists', async () => {
    await flushPromises()
    expect(document.querySelectorAll('[data-testid^="ringing-s-r"]')).toHaveLength(
      HOSTILE_NAMES.length
    )
    expect(document.querySelectorAll('[data-testid^="parked-s-p"]')).toHaveLength(
      HOSTILE_NAMES.length
    )
    expect(document.querySelectorAll('[data-testid^="held-s-h"]')).toHaveLength(
      HOSTILE_NAMES.length
    )
  })
})
