/**
 * Issue 14 in Chromium: the pane with a thousand ringing calls and the board with a thousand lines
 * render only what is in view, leave no blank gap when scrolled, keep what the agent looks at
 * still when calls above it come and go, and keep the keyboard focus on a card scrolled away.
 * Screenshots in test-results/scale-*.png.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { appPerFile, byTestId, signInDemo } from './support'

const app = appPerFile({ seed: 3, agents: 1000, traffic: false }, { width: 1400, height: 900 })

const PANE = byTestId('incoming-pane')
const ringingCount = async (page: Page): Promise<number> =>
  Number((await page.locator(byTestId('pane-ringing-count')).textContent()) ?? 0)

/** Two frames: the virtualiser has seen the scroll and the browser has drawn the rows. */
const settle = (page: Page): Promise<unknown> =>
  page.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(undefined))))
  )

/** The ringing cards' boxes inside the pane's visible region, top to bottom, with their ids. */
function visibleCards(page: Page): Promise<{ id: string; top: number; bottom: number }[]> {
  return page.locator(PANE).evaluate((pane) => {
    const view = pane.getBoundingClientRect()
    return Array.from(pane.querySelectorAll('[data-testid^="ringing-"]'))
      .map((el) => ({ id: el.getAttribute('data-testid')!, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.bottom > view.top && r.top < view.bottom)
      .map(({ id, r }) => ({ id, top: r.top, bottom: r.bottom }))
      .sort((a, b) => a.top - b.top)
  })
}

describe('a thousand calls (browser mode)', () => {
  it('the pane renders what is in view, without gaps, and stays still when calls above change', async () => {
    const { page } = app
    await signInDemo(page)
    const e = app.emulator()
    const lines = e.engine.userLines(e.agentExtensionId)
      .slice(0, 12)
    const sessions: string[] = []
    for (let i = 0; i < 1000; i++) {
      const out = e.engine.inboundCall({
        caller: { name: `Scale Caller ${i}`, phoneNumber: `+1415556${String(1000 + i)}` },
        ring: [lines[i % lines.length]!]
      })
      if (!out.ok) throw new Error(out.error.message)
      sessions.push(out.value.telephonySessionId)
      if (i % 50 === 49) await new Promise((r) => setImmediate(r))
    }
    await expect.poll(() => ringingCount(page), { timeout: 60_000 }).toBe(1000)
    await settle(page)
    const inDom = await page.locator(`${PANE} [data-testid^="ringing-"]`).count()
    expect(inDom).toBeGreaterThan(0)
    expect(inDom).toBeLessThan(60)
    expect(
      await page.locator(`${PANE} [data-testid^="ringing-"]`).first().getAttribute('aria-setsize')
    ).toBe('1000')
    await app.shot('scale-pane-1000-top')

    // Scrolled to the middle: cards fill the pane from top to bottom.
    await page.locator(PANE).evaluate((el) => (el.scrollTop = el.scrollHeight / 2))
    await settle(page)
    const view = (await page.locator(PANE).boundingBox())!
    const shown = await visibleCards(page)
    expect(shown.length).toBeGreaterThan(3)
    expect(shown[0]!.top).toBeLessThanOrEqual(view.y + 12)
    expect(shown.at(-1)!.bottom).toBeGreaterThanOrEqual(view.y + view.height - 12)
    for (let i = 1; i < shown.length; i++)
      expect(shown[i]!.top - shown[i - 1]!.bottom).toBeLessThanOrEqual(8)
    await app.shot('scale-pane-1000-scrolled')

    // Calls above the viewport end, and one rings the agent's own line (a section above grows):
    // the card the agent was looking at stays where it was.
    const anchor = shown[1]!
    for (const id of sessions.slice(0, 5)) e.engine.endSession(id, true)
    const own = e.engine.inboundCall({
      caller: { name: 'Own Line Caller', phoneNumber: '+14155559999' },
      ring: [e.agentExtensionId]
    })
    if (!own.ok) throw new Error(own.error.message)
    await expect.poll(() => ringingCount(page), { timeout: 30_000 }).toBe(995)
    // Its card is above the fold, in "On this computer" (the phone is registered) or "Your calls".
    await expect
      .poll(() => page.locator(`#pane-here, ${byTestId('pane-mine-count')}`).count())
      .toBeGreaterThan(0)
    await settle(page)
    const after = (await visibleCards(page)).find((c) => c.id === anchor.id)
    expect(after).toBeDefined()
    expect(Math.abs(after!.top - anchor.top)).toBeLessThanOrEqual(2)
    await app.shot('scale-pane-after-changes-above')

    // A card's Pick up keeps the focus while the pane scrolls far away from it.
    const button = page.locator(`${byTestId(anchor.id)} button:not([disabled])`)
    await button.first().focus()
    const focusedId = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 80))
    await page.locator(PANE).evaluate((el) => (el.scrollTop = el.scrollHeight))
    await settle(page)
    await settle(page)
    expect(await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 80))).toBe(
      focusedId
    )
    expect(await page.evaluate(() => document.activeElement?.isConnected)).toBe(true)
    // The focused card kept far above must not drag the others up after it: the pane still shows
    // the end of the list, filled from top to bottom, ending with the last call.
    const end = (await page.locator(PANE).boundingBox())!
    const atEnd = (await visibleCards(page)).filter((c) => c.id !== anchor.id)
    expect(atEnd.length).toBeGreaterThan(3)
    expect(atEnd[0]!.top).toBeLessThanOrEqual(end.y + 12)
    const last = page.locator(`${PANE} [data-testid^="ringing-"]`).last()
    expect(await last.getAttribute('aria-posinset')).toBe(await last.getAttribute('aria-setsize'))
    await app.shot('scale-pane-scrolled-to-end-focus-kept')
    for (const s of e.engine.activeSessions()) e.engine.endSession(s.telephonySessionId, true)
    await expect
      .poll(() => page.locator(`${PANE} [data-testid^="ringing-"]`).count(), { timeout: 60_000 })
      .toBe(0)
  }, 180_000)

  it('the board shows a thousand lines, scrolled, without gaps', async () => {
    const { page } = app
    const e = app.emulator()
    const all = e.cast
      .extensions()
      .filter((x) => x.type === 'User' && x.id !== e.agentExtensionId)
      .map((x) => x.id)
    e.engine.setLines(e.agentExtensionId, all.slice(0, 1000))
    const total = async (): Promise<number> =>
      parseInt((await page.locator(byTestId('board-summary')).textContent()) ?? '0', 10)
    await expect.poll(total, { timeout: 60_000 }).toBe(1000)
    await settle(page)
    expect(await page.locator('[data-testid^="line-"]').count()).toBeLessThan(200)
    await app.shot('scale-board-1000-top')
    await page.locator(byTestId('board')).evaluate((el) => (el.scrollTop = el.scrollHeight / 2))
    await settle(page)
    const gaps = await page.locator(byTestId('board')).evaluate((board) => {
      const view = board.getBoundingClientRect()
      const tops = Array.from(board.querySelectorAll('[data-testid^="line-"]'))
        .map((el) => el.getBoundingClientRect())
        .filter((r) => r.bottom > view.top && r.top < view.bottom)
        .map((r) => r.top)
      const rows = [...new Set(tops.map((t) => Math.round(t)))].sort((a, b) => a - b)
      return { rows, first: rows[0] ?? Infinity, viewTop: view.top, viewBottom: view.bottom }
    })
    expect(gaps.rows.length).toBeGreaterThan(3)
    expect(gaps.first).toBeLessThanOrEqual(gaps.viewTop + 76)
    for (let i = 1; i < gaps.rows.length; i++)
      expect(gaps.rows[i]! - gaps.rows[i - 1]!).toBeLessThanOrEqual(80)
    expect(gaps.rows.at(-1)!).toBeGreaterThanOrEqual(gaps.viewBottom - 76 - 76)
    await app.shot('scale-board-1000-scrolled')
  }, 120_000)
})
