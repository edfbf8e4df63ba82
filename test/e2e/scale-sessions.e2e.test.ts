/**
 * Issue 14 in Chromium: the Sessions view with a few thousand live sessions of the account is
 * virtualised, not capped. Scrolled to any place it shows the right sessions without gaps, the
 * count is the emulator's truth, the row numbering a screen reader hears covers every party row,
 * filtering works over all of them, and below 720 px the table scrolls sideways.
 * Screenshots in test-results/scale-sessions-*.png.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type App, launchBrowser, openApp } from './support'

let browser: Browser
let app: App

beforeAll(async () => {
  browser = await launchBrowser()
  app = await openApp(
    browser,
    { seed: 3, agents: 1000, traffic: false },
    { width: 1400, height: 900 }
  )
}, 120_000)

afterAll(async () => {
  await app?.close()
  await browser?.close()
})

const byTestId = (id: string): string => `[data-testid="${id}"]`
const SCROLL = byTestId('sessions-scroll')
const INBOUND = 2000
const INTERNAL = 100

/** Two frames: the virtualiser has seen the scroll and the browser has drawn the rows. */
const settle = (page: Page): Promise<unknown> =>
  page.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(undefined))))
  )

interface Shown {
  readonly ids: string[]
  readonly indexes: number[]
  readonly firstTop: number
  readonly lastBottom: number
  readonly gaps: number[]
  readonly headBottom: number
  readonly viewBottom: number
  readonly lastRowIndex: number
  readonly rowCount: number
}

/** The session bodies inside the scroller's visible region, top to bottom. */
function shown(page: Page): Promise<Shown> {
  return page.locator(SCROLL).evaluate((scroller) => {
    const view = scroller.getBoundingClientRect()
    // The header cells are sticky (the thead's own box scrolls away with the rows).
    const head = scroller.querySelector('thead th')!.getBoundingClientRect()
    const bodies = Array.from(scroller.querySelectorAll('tbody[data-testid^="session-"]'))
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.bottom > head.bottom && r.top < view.bottom)
      .sort((a, b) => a.r.top - b.r.top)
    const rows = Array.from(scroller.querySelectorAll('tbody[data-testid^="session-"] tr'))
    return {
      ids: bodies.map(({ el }) => el.getAttribute('data-testid')!.slice('session-'.length)),
      indexes: bodies.map(({ el }) => Number(el.getAttribute('data-index'))),
      firstTop: bodies[0]?.r.top ?? Infinity,
      lastBottom: bodies.at(-1)?.r.bottom ?? -Infinity,
      gaps: bodies.slice(1).map(({ r }, i) => r.top - bodies[i]!.r.bottom),
      headBottom: head.bottom,
      viewBottom: view.bottom,
      lastRowIndex: Number(rows.at(-1)?.getAttribute('aria-rowindex') ?? 0),
      rowCount: Number(scroller.querySelector('table')!.getAttribute('aria-rowcount'))
    }
  })
}

function expectFilled(s: Shown): void {
  expect(s.ids.length).toBeGreaterThan(5)
  // The first session starts at the sticky header (or under it), the last reaches the bottom.
  expect(s.firstTop).toBeLessThanOrEqual(s.headBottom + 2)
  expect(s.lastBottom).toBeGreaterThanOrEqual(s.viewBottom - 2)
  for (const g of s.gaps) expect(Math.abs(g)).toBeLessThanOrEqual(1)
  // Contiguous sessions of the list, in its order.
  s.indexes.forEach((index, i) => expect(index).toBe(s.indexes[0]! + i))
}

describe('a few thousand sessions (browser mode)', () => {
  it('the Sessions view lists them all, scrolls, counts and filters', async () => {
    const { page } = app
    await page.click(byTestId('signin-demo'))
    await page.waitForSelector(`${byTestId('connection-badge')}[data-status="live"]`)
    const e = app.emulator()
    const users = e.cast
      .extensions()
      .filter((x) => x.type === 'User' && x.id !== e.agentExtensionId)
      .map((x) => x.id)
    const created: string[] = []
    for (let i = 0; i < INBOUND; i++) {
      const out = e.engine.inboundCall({
        caller: { name: `Scale Caller ${i}`, phoneNumber: `+1415557${String(1000 + i)}` },
        ring: [users[i % 400]!]
      })
      if (!out.ok) throw new Error(out.error.message)
      created.push(out.value.telephonySessionId)
      if (i % 50 === 49) await new Promise((r) => setImmediate(r))
    }
    const internal: string[] = []
    for (let i = 0; i < INTERNAL; i++) {
      const out = e.engine.directCall(users[400 + 2 * i]!, users[401 + 2 * i]!)
      if (!out.ok) throw new Error(out.error.message)
      internal.push(out.value.telephonySessionId)
    }
    const live = e.engine.activeSessions()
    const truth = live.length
    expect(truth).toBe(INBOUND + INTERNAL)

    await page.click(byTestId('nav-sessions'))
    const count = byTestId('sessions-count')
    await expect
      .poll(() => page.locator(count).textContent(), { timeout: 90_000 })
      .toContain(`${truth} of ${truth} sessions`)
    await settle(page)
    const inDom = await page.locator('tbody[data-testid^="session-"]').count()
    expect(inDom).toBeGreaterThan(0)
    expect(inDom).toBeLessThan(80)
    const top = await shown(page)
    expectFilled(top)
    expect(top.indexes[0]).toBe(0)
    // Every session has at least one party row, plus the header row.
    expect(top.rowCount).toBeGreaterThan(truth)
    await app.shot('scale-sessions-top')

    // The middle: the sessions there, and nothing missing between them.
    await page.locator(SCROLL).evaluate((el) => (el.scrollTop = el.scrollHeight / 2))
    await settle(page)
    await settle(page)
    const middle = await shown(page)
    expectFilled(middle)
    expect(middle.indexes[0]).toBeGreaterThan(truth / 4)
    expect(middle.indexes[0]).toBeLessThan((3 * truth) / 4)
    await app.shot('scale-sessions-middle')

    // The end: the oldest session, and the last row's number is the table's row count.
    await page.locator(SCROLL).evaluate((el) => (el.scrollTop = el.scrollHeight))
    await settle(page)
    await settle(page)
    const end = await shown(page)
    expect(end.indexes.at(-1)).toBe(truth - 1)
    expect(end.lastRowIndex).toBe(end.rowCount)
    await app.shot('scale-sessions-end')

    // A sweep from the top to the end, a screenful at a time: every live session of the truth
    // shows up exactly once, at one place, and the row numbers run on without a hole.
    const sweep = await page.locator(SCROLL).evaluate(async (el) => {
      const frame = (): Promise<unknown> =>
        new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(undefined))))
      const at = new Map<number, { id: string; row: number; parties: number }>()
      el.scrollTop = 0
      for (;;) {
        await frame()
        for (const b of Array.from(el.querySelectorAll('tbody[data-testid^="session-"]'))) {
          const rows = b.querySelectorAll('tr')
          at.set(Number(b.getAttribute('data-index')), {
            id: b.getAttribute('data-testid')!.slice('session-'.length),
            row: Number(rows[0]?.getAttribute('aria-rowindex')),
            parties: rows.length
          })
        }
        if (el.scrollTop + el.clientHeight >= el.scrollHeight - 1) break
        el.scrollTop += el.clientHeight - 40
      }
      return [...at.entries()].sort((x, y) => x[0] - y[0]).map(([index, v]) => ({ index, ...v }))
    })
    expect(sweep.map((x) => x.index)).toEqual(Array.from({ length: truth }, (_, i) => i))
    expect(new Set(sweep.map((x) => x.id))).toEqual(new Set(live.map((x) => x.telephonySessionId)))
    expect(sweep[0]!.row).toBe(2)
    for (let i = 1; i < sweep.length; i++)
      expect(sweep[i]!.row).toBe(sweep[i - 1]!.row + sweep[i - 1]!.parties)
    expect(sweep.at(-1)!.row + sweep.at(-1)!.parties - 1).toBe(end.rowCount)

    // A filter over all of them: the internal calls only, the count says so.
    await page.locator(byTestId('filter-direction')).selectOption('Internal')
    await expect
      .poll(() => page.locator(count).textContent())
      .toContain(`${INTERNAL} of ${truth} sessions`)
    await settle(page)
    const filtered = await page
      .locator('tbody[data-testid^="session-"]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-direction')))
    expect(filtered.length).toBeGreaterThan(5)
    expect(filtered.every((d) => d === 'Internal')).toBe(true)
    await app.shot('scale-sessions-filtered-internal')
    await page.locator(byTestId('filter-direction')).selectOption('')

    // Below 720 px the table scrolls sideways instead of squeezing its columns.
    await page.setViewportSize({ width: 640, height: 700 })
    await settle(page)
    const sideways = await page
      .locator(SCROLL)
      .evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }))
    expect(sideways.scroll).toBeGreaterThan(sideways.client)
    await app.shot('scale-sessions-narrow')
    await page.setViewportSize({ width: 1400, height: 900 })

    for (const s of e.engine.activeSessions()) e.engine.endSession(s.telephonySessionId, true)
    await expect
      .poll(() => page.locator(count).textContent(), { timeout: 90_000 })
      .toContain('0 of 0 sessions')
  }, 300_000)
})
