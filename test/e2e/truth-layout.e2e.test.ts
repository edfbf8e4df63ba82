/**
 * Issue 13, items 5, 6 and 7 in Chromium: the board keeps its columns when calls come and go and
 * toasts never cover the pane's buttons; search finds people as they type their names (no case,
 * no accents) on the board and in the directory; after Enter on a parked call's Pick up, the
 * focus stays in the list instead of falling to <body>.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { phoneState } from './phone-support'
import { appPerFile, byTestId, signInDemo } from './support'

// A bigger call centre, so the directory has every name the issue tried.
const app = appPerFile({ traffic: false, agents: 30 })

/** Each tile's left edge and top, by line id. */
async function tilePlaces(page: Page): Promise<Record<string, string>> {
  return page.locator('[data-testid^="line-"]').evaluateAll((els) =>
    Object.fromEntries(
      els.map((el) => {
        const r = el.getBoundingClientRect()
        return [el.getAttribute('data-testid') ?? '', `${Math.round(r.x)},${Math.round(r.y)}`]
      })
    )
  )
}

interface Box {
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
}

const overlaps = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height

/** The part of `a` inside `b` (what the scrolling pane lets show of a button). */
function clip(a: Box, b: Box): Box {
  const x = Math.max(a.x, b.x)
  const y = Math.max(a.y, b.y)
  return {
    x,
    y,
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - x),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - y)
  }
}

describe('a stable screen (browser mode)', () => {
  it('keeps every tile in place when calls come, and toasts clear of the pane buttons', async () => {
    const { page } = app
    await signInDemo(page)
    const e = app.emulator()
    const monitored = e.engine.lines(e.agentExtensionId)
    await page.waitForSelector(byTestId(`line-${monitored.at(-1)}`))
    const lines = e.engine.userLines(e.agentExtensionId)
    await app.shot('board-quiet')
    const quiet = await tilePlaces(page)
    // Ringside's phone registered, so that the pick-ups below take the calls: each stacks a
    // "Picked up" toast, and the taller cards of calls on this computer make the pane scroll
    // above the docked toasts (without the phone, each pick-up was a refusal, by a race).
    await expect.poll(() => phoneState(page), { timeout: 30_000 }).toBe('registered')
    // Four calls at once: the pane appears.
    for (const [i, name] of ['Ann Arbor', 'Ben Nevis', 'Cal Tech', 'Dee Side'].entries()) {
      const out = e.engine.inboundCall({
        caller: { name, phoneNumber: `+1415555020${i}` },
        ring: [lines[i]!]
      })
      if (!out.ok) throw new Error(out.error.message)
    }
    await expect
      .poll(() => page.locator('[data-testid^="ringing-"]').count(), { timeout: 10_000 })
      .toBe(4)
    expect(await tilePlaces(page)).toEqual(quiet)
    // By each button's own id: a pick-up that took its call removes its button, so a position
    // in the list would point at the next call's, or at none.
    const pickups = await page
      .locator(`${byTestId('incoming-pane')} [data-testid^="pickup-"]`)
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-testid') ?? ''))
    expect(pickups).toHaveLength(4)
    for (const id of pickups) await page.click(byTestId(id))
    await expect.poll(() => page.locator('.toast').count(), { timeout: 10_000 }).toBe(4)
    // Every box measured in one go in the page: toasts expire, and one measured seconds after
    // another (a loaded machine) may be gone.
    const boxes = await page.evaluate(() => {
      const rect = (el: Element): { x: number; y: number; width: number; height: number } => {
        const r = el.getBoundingClientRect()
        return { x: r.x, y: r.y, width: r.width, height: r.height }
      }
      const pane = document.querySelector('[data-testid="incoming-pane"]')
      return {
        pane: pane === null ? null : rect(pane),
        buttons: pane === null ? [] : [...pane.querySelectorAll('button')].map(rect),
        toasts: [...document.querySelectorAll('.toast')].map(rect)
      }
    })
    expect(boxes.toasts).toHaveLength(4)
    const pane = boxes.pane!
    let onScreen = 0
    for (const b of boxes.buttons) {
      // A button scrolled out of the pane is not covered; the pane scrolls to it. Of a button cut
      // by the pane's edge, only the part the pane shows counts: the rest is clipped, not covered.
      if (b.width === 0 || !overlaps(b, pane)) continue
      onScreen++
      const shown = clip(b, pane)
      const covered = boxes.toasts.some((t) => overlaps(shown, t))
      if (covered) await app.shot('board-toast-covers-a-button')
      expect(covered).toBe(false)
    }
    expect(onScreen).toBeGreaterThan(0)
    await app.shot('board-four-ringing-with-toasts')
  })

  it('finds people by name without regard to case or accents, on the board and in the directory', async () => {
    const { page } = app
    await page.click(byTestId('nav-board'))
    const filter = page.locator(byTestId('board-filter'))
    const tiles = page.locator('[data-testid^="line-"]')
    const e = app.emulator()
    const onBoard = new Set(
      e.engine.lines(e.agentExtensionId).map((id) => e.engine.cast.findExtension(id)?.name)
    )
    const typedAs = [
      ['siobhan', "Siobhán O'Neill"],
      ['malgorzata', 'Małgorzata Nowak'],
      ['FRANCOIS', 'François Dubois'],
      ['zoe muller', 'Zoë Müller'],
      ['lucia', 'Lucía Ortega'],
      ['ilker yildiz', 'İlker Yıldız'],
      ['soren', 'Søren Lindqvist'],
      ['nguyen', 'Hà Nguyễn']
    ].filter(([, name]) => onBoard.has(name))
    expect(typedAs.length).toBeGreaterThanOrEqual(2)
    for (const [typed, name] of typedAs) {
      await filter.fill(typed!)
      await expect.poll(() => tiles.allTextContents()).toEqual([expect.stringContaining(name!)])
    }
    await app.shot('board-search-accents')
    await filter.fill('')
    await page.click(byTestId('nav-settings'))
    const search = page.locator(byTestId('directory-search'))
    const results = page.locator(`${byTestId('directory-results')} li`)
    for (const [typed, name] of [
      ['jose', 'José Peña'],
      ['pena', 'José Peña'],
      ['Chloe', 'Chloé Martin'],
      ['siobhan', "Siobhán O'Neill"],
      ['bjorn', 'Björn Åkesson']
    ]) {
      await search.fill(typed!)
      await expect.poll(() => results.allTextContents()).toEqual([expect.stringContaining(name!)])
    }
    await app.shot('settings-directory-search')
    await search.fill('')
  })

  it('keeps the focus in the list after Enter on a parked call’s Pick up', async () => {
    const { page } = app
    const e = app.emulator()
    const lines = e.engine.userLines(e.agentExtensionId)
    // Two parked calls: picking up the first leaves the focus on the second.
    const sids: string[] = []
    for (const [i, name] of ['Park One', 'Park Two'].entries()) {
      const out = e.engine.inboundCall({
        caller: { name, phoneNumber: `+1415555030${i}` },
        ring: [lines.at(-1 - i)!]
      })
      if (!out.ok) throw new Error(out.error.message)
      const leg = e.engine
        .parties(out.value.telephonySessionId)
        .find((p) => p.extensionId === lines.at(-1 - i))!
      e.engine.answer(leg.id)
      e.engine.park(leg.id)
      sids.push(out.value.telephonySessionId)
    }
    await page.click(byTestId('nav-calls'))
    const first = page.locator(byTestId(`pickup-${sids[0]}`))
    await first.waitFor()
    await page.locator(byTestId(`pickup-${sids[1]}`)).waitFor()
    await first.focus()
    await page.keyboard.press('Enter')
    await page.locator(byTestId(`parked-${sids[0]}`)).waitFor({ state: 'detached' })
    await expect
      .poll(() =>
        page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? 'body')
      )
      .toBe(`pickup-${sids[1]}`)
    await app.shot('calls-focus-after-pickup')
    // The last one: the focus goes to the list's heading, still not <body>.
    await page.keyboard.press('Enter')
    await page.locator(byTestId(`parked-${sids[1]}`)).waitFor({ state: 'detached' })
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.id ?? 'body'))
      .toBe('parked-title')
  })
})
