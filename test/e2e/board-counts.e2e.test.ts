/**
 * The board's status chips in Chromium: a chip for each status some line is in, none at 0 ("0
 * Presence hidden" is noise for an agent), except the status the board is narrowed to, whose chip
 * is the way back to every line.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { appPerFile, byTestId, signInDemo } from './support'

const app = appPerFile({ traffic: false })

/** Each chip's status and count, as the page shows them. */
const chips = (page: Page): Promise<Array<[string, number]>> =>
  page
    .locator('[data-testid^="count-"]')
    .evaluateAll((els) =>
      els.map((el) => [
        el.getAttribute('data-testid')!.slice('count-'.length),
        Number(el.querySelector('.count__n')?.textContent ?? 'NaN')
      ])
    )

describe('the status chips (browser mode)', () => {
  it('show only the statuses lines are in, and the narrowed one at 0', async () => {
    const { page } = app
    await signInDemo(page)
    const e = app.emulator()
    const lines = e.engine.userLines(e.agentExtensionId)
    await page.waitForSelector(byTestId(`line-${lines.at(-1)}`))
    const call = e.engine.inboundCall({
      caller: { name: 'Chip Caller', phoneNumber: '+14155550499' },
      ring: [lines[0]!]
    })
    if (!call.ok) throw new Error(call.error.message)
    await page.waitForSelector(byTestId('count-ringing'))
    const shown = await chips(page)
    expect(shown.length).toBeGreaterThan(1)
    expect(shown.filter(([, n]) => !(n > 0))).toEqual([])
    // The chips count every tile on the board, each in one status.
    const tiles = await page.locator('[data-testid^="line-"][data-status]').count()
    expect(shown.reduce((sum, [, n]) => sum + n, 0)).toBe(tiles)
    await app.shot('board-status-chips')

    await page.click(byTestId('count-ringing'))
    e.engine.endSession(call.value.telephonySessionId, true)
    await page.waitForSelector(`${byTestId('count-ringing')}[aria-pressed="true"]`)
    await expect.poll(async () => (await chips(page)).find(([s]) => s === 'ringing')?.[1]).toBe(0)
    expect((await chips(page)).filter(([s, n]) => s !== 'ringing' && !(n > 0))).toEqual([])
    await app.shot('board-status-chips-narrowed-to-none')
    await page.click(byTestId('count-ringing'))
    await expect.poll(async () => (await chips(page)).map(([s]) => s)).not.toContain('ringing')
  })
})
