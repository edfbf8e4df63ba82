/**
 * Issue 14 in Chromium: a supervisor's Sessions view with 2,100 live sessions of the account.
 * A sweep from the top to the end, a screenful at a time, finds every session of the emulator's
 * truth exactly once, with row numbers that run on to aria-rowcount; the page must keep drawing
 * throughout (docs/performance.md#the-sessions-sweep-that-stopped-drawing), and a page that stops
 * fails within seconds, naming the step. SESSIONS_SWEEPS repeats the sweep (default 3);
 * SESSIONS_SWEEP_SOAK=1 counts stalls instead of failing on the first, reloading after each.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sweepSessions, type SweepResult } from './sessions-sweep'
import { type App, byTestId, launchBrowser, openApp, signInDemo } from './support'

let browser: Browser
let app: App

const EXTRA_FLAGS = (process.env['SESSIONS_SWEEP_FLAGS'] ?? '').split(' ').filter(Boolean)
const SWEEPS = Number(process.env['SESSIONS_SWEEPS'] ?? 3)
const SOAK = process.env['SESSIONS_SWEEP_SOAK'] === '1'
const VIEWPORT = { width: 1400, height: 900 }

beforeAll(async () => {
  browser = await launchBrowser(EXTRA_FLAGS)
  app = await openApp(browser, { seed: 3, agents: 1000, traffic: false }, VIEWPORT)
}, 120_000)

afterAll(async () => {
  try {
    await app?.close()
  } finally {
    await browser?.close()
  }
})

const SCROLL = byTestId('sessions-scroll')
const COUNT = byTestId('sessions-count')
const INBOUND = 2000
const INTERNAL = 100

/** Soak runs only: a page of its own context in place of a stalled one, on the same host. */
async function freshPage(stalled: Page): Promise<Page> {
  if (stalled !== app.page) await stalled.context().close()
  const page = await (await browser.newContext({ viewport: VIEWPORT })).newPage()
  page.setDefaultTimeout(15_000)
  await page.goto(app.host.url)
  return page
}

async function openSessions(page: Page, truth: number): Promise<void> {
  await page.click(byTestId('nav-sessions'))
  await expect
    .poll(() => page.locator(COUNT).textContent(), { timeout: 90_000 })
    .toContain(`${truth} of ${truth} sessions`)
}

function expectComplete(
  r: SweepResult & { ok: true },
  live: readonly string[],
  rowCount: number
): void {
  expect(r.sessions.map((x) => x.index)).toEqual(Array.from({ length: live.length }, (_, i) => i))
  expect(new Set(r.sessions.map((x) => x.id))).toEqual(new Set(live))
  expect(r.sessions[0]!.row).toBe(2)
  for (let i = 1; i < r.sessions.length; i++)
    expect(r.sessions[i]!.row).toBe(r.sessions[i - 1]!.row + r.sessions[i - 1]!.rows)
  expect(r.sessions.at(-1)!.row + r.sessions.at(-1)!.rows - 1).toBe(rowCount)
}

describe('2,100 sessions (browser mode)', () => {
  it('every sweep finds every session of the truth once, and the page keeps drawing', async () => {
    let page = app.page
    await signInDemo(page)
    const e = app.emulator()
    const users = e.cast
      .extensions()
      .filter((x) => x.type === 'User' && x.id !== e.agentExtensionId)
      .map((x) => x.id)
    for (let i = 0; i < INBOUND; i++) {
      const out = e.engine.inboundCall({
        caller: { name: `Scale Caller ${i}`, phoneNumber: `+1415557${String(1000 + i)}` },
        ring: [users[i % 400]!]
      })
      if (!out.ok) throw new Error(out.error.message)
      if (i % 50 === 49) await new Promise((r) => setImmediate(r))
    }
    for (let i = 0; i < INTERNAL; i++) {
      const out = e.engine.directCall(users[400 + 2 * i]!, users[401 + 2 * i]!)
      if (!out.ok) throw new Error(out.error.message)
    }
    const live = e.engine.activeSessions().map((s) => s.telephonySessionId)
    expect(live.length).toBe(INBOUND + INTERNAL)
    await openSessions(page, live.length)

    const stalls: string[] = []
    let clean = 0
    for (let n = 1; n <= SWEEPS; n++) {
      const r = await sweepSessions(page, SCROLL)
      if (!r.ok) {
        const what = `sweep ${n}: no animation frame for ${Math.round(r.sinceFrameMs)} ms at step ${r.stalledAtStep} (scrollTop ${r.scrollTop})`
        console.log(`[sessions-sweep] STALL ${what}`)
        if (!SOAK) throw new Error(`the page stopped drawing during the Sessions sweep: ${what}`)
        stalls.push(what)
        // A page that stopped drawing does not finish a reload either: a new one takes its place.
        page = await freshPage(page)
        await openSessions(page, live.length)
        continue
      }
      const rowCount = Number(
        await page.locator('[data-testid="sessions-table"]').getAttribute('aria-rowcount')
      )
      expectComplete(r, live, rowCount)
      clean++
      console.log(`[sessions-sweep] sweep ${n} clean: ${r.steps} steps, ${Math.round(r.ms)} ms`)
    }
    console.log(`[sessions-sweep] ${clean} clean, ${stalls.length} stalled of ${SWEEPS}`)
    expect(stalls).toEqual([])
  }, 3_600_000)

  // A soak run leaves the first page stalled behind it; this test is for ordinary runs.
  it.skipIf(SOAK)(
    'shows the sessions at any place without gaps, by mouse or keyboard, filtered, and sideways',
    async () => {
      const { page } = app
      const truth = app.emulator().engine.activeSessions().length
      const scroller = page.locator(SCROLL)
      await scroller.evaluate((el) => (el.scrollTop = 0))
      await frames(page)
      const top = await shown(page)
      expectFilled(top)
      expect(top.indexes[0]).toBe(0)
      expect(top.inDom).toBeLessThan(80)
      await app.shot('scale-sessions-top')

      await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight / 2))
      await frames(page)
      const middle = await shown(page)
      expectFilled(middle)
      expect(middle.indexes[0]).toBeGreaterThan(truth / 4)
      expect(middle.indexes[0]).toBeLessThan((3 * truth) / 4)
      await app.shot('scale-sessions-middle')

      // The keyboard: the scroller takes the focus, Page Down moves a screenful, End goes to the end.
      await scroller.focus()
      const before = await scroller.evaluate((el) => el.scrollTop)
      await page.keyboard.press('PageDown')
      await expect.poll(() => scroller.evaluate((el) => el.scrollTop)).toBeGreaterThan(before + 300)
      await frames(page)
      const paged = await shown(page)
      expectFilled(paged)
      expect(paged.indexes[0]).toBeGreaterThan(middle.indexes[0]!)
      await page.keyboard.press('End')
      await expect
        .poll(() =>
          scroller.evaluate((el) => el.scrollTop + el.clientHeight >= el.scrollHeight - 1)
        )
        .toBe(true)
      await frames(page)
      const end = await shown(page)
      expect(end.indexes.at(-1)).toBe(truth - 1)
      expect(end.lastRowIndex).toBe(end.rowCount)

      // A filter over all of them: the internal calls only, the count says so.
      await scroller.evaluate((el) => (el.scrollTop = 0))
      await page.locator(byTestId('filter-direction')).selectOption('Internal')
      await expect
        .poll(() => page.locator(COUNT).textContent())
        .toContain(`${INTERNAL} of ${truth} sessions`)
      await frames(page)
      const filtered = await page
        .locator('[data-testid^="session-"][data-index]')
        .evaluateAll((els) => els.map((el) => el.getAttribute('data-direction')))
      expect(filtered.length).toBeGreaterThan(5)
      expect(filtered.every((d) => d === 'Internal')).toBe(true)
      await app.shot('scale-sessions-filtered-internal')
      await page.locator(byTestId('filter-direction')).selectOption('')

      // Below 860 px the grid scrolls sideways instead of squeezing its columns, header and all.
      await page.setViewportSize({ width: 640, height: 700 })
      await frames(page)
      const sideways = await scroller.evaluate((el) => {
        el.scrollLeft = 200
        return { scroll: el.scrollWidth, client: el.clientWidth }
      })
      expect(sideways.scroll).toBeGreaterThan(sideways.client)
      await frames(page)
      const head = page.locator('[data-testid="sessions-table"] [role="rowgroup"]').first()
      expect(await head.evaluate((el) => el.scrollLeft)).toBe(200)
      await app.shot('scale-sessions-narrow')
      await page.setViewportSize({ width: 1400, height: 900 })
    }
  )
})

/** Two animation frames: the grid has seen the scroll and the browser has drawn the rows. */
const frames = (page: Page): Promise<unknown> =>
  page.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(undefined))))
  )

interface Shown {
  readonly indexes: number[]
  readonly firstTop: number
  readonly lastBottom: number
  readonly gaps: number[]
  readonly viewTop: number
  readonly viewBottom: number
  readonly lastRowIndex: number
  readonly rowCount: number
  readonly inDom: number
}

/** The sessions inside the scroller's visible region, top to bottom. */
function shown(page: Page): Promise<Shown> {
  return page.locator(SCROLL).evaluate((scroller) => {
    const view = scroller.getBoundingClientRect()
    const all = Array.from(scroller.querySelectorAll('[data-testid^="session-"][data-index]'))
    const groups = all
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.bottom > view.top && r.top < view.bottom)
      .sort((a, b) => a.r.top - b.r.top)
    const rows = Array.from(scroller.querySelectorAll('[data-index] [aria-rowindex]'))
    return {
      indexes: groups.map(({ el }) => Number(el.getAttribute('data-index'))),
      firstTop: groups[0]?.r.top ?? Infinity,
      lastBottom: groups.at(-1)?.r.bottom ?? -Infinity,
      gaps: groups.slice(1).map(({ r }, i) => r.top - groups[i]!.r.bottom),
      viewTop: view.top,
      viewBottom: view.bottom,
      lastRowIndex: Number(rows.at(-1)?.getAttribute('aria-rowindex') ?? 0),
      rowCount: Number(scroller.closest('[aria-rowcount]')!.getAttribute('aria-rowcount')),
      inDom: all.length
    }
  })
}

function expectFilled(s: Shown): void {
  expect(s.indexes.length).toBeGreaterThan(5)
  // The first session starts at the top of the view (or above it), the last reaches the bottom.
  expect(s.firstTop).toBeLessThanOrEqual(s.viewTop + 1)
  expect(s.lastBottom).toBeGreaterThanOrEqual(s.viewBottom - 1)
  for (const g of s.gaps) expect(Math.abs(g)).toBeLessThanOrEqual(1)
  // Contiguous sessions of the list, in its order.
  s.indexes.forEach((index, i) => expect(index).toBe(s.indexes[0]! + i))
}
