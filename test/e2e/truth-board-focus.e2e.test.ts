/**
 * Issue 13, item 7 on the board, in Chromium: a keyboard user reaches a tile's Pick up (the grid
 * is one Tab stop, arrows move the roving tile, Enter picks up), and after the action, or the
 * call leaving under the focus, the focus stays on that tile, or on the next tile when the tile
 * leaves the filtered list. Never `<body>`.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { agentWebPhone, legOf } from './phone-support'
import { appPerFile, byTestId, signInDemo } from './support'

const app = appPerFile({ traffic: false })

const focused = (page: Page): Promise<string> =>
  page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? 'body')

/** Arrow keys only, from the tile that holds the roving focus to the tile of `lineId`. */
async function arrowTo(page: Page, lineId: string): Promise<void> {
  for (let i = 0; i < 60 && (await focused(page)) !== `line-${lineId}`; i++)
    await page.keyboard.press('ArrowRight')
  expect(await focused(page)).toBe(`line-${lineId}`)
}

describe('the board keeps the focus (browser mode)', () => {
  it('Enter on a tile picks up; when the call leaves, the focus stays on the board', async () => {
    const { page } = app
    await signInDemo(page)
    // Pick up works only with Ringside's phone registered (the tiles say why not before it is).
    await expect
      .poll(() => page.locator(byTestId('phone-status')).getAttribute('data-state'), {
        timeout: 30_000
      })
      .toBe('registered')
    const e = app.emulator()
    const lines = e.engine.userLines(e.agentExtensionId)
    await page.waitForSelector(byTestId(`line-${lines.at(-1)}`))
    // Three ringing lines, so the tile that takes the focus back is neither the first nor the only
    // one with a Pick up button.
    const legs = new Map<string, string>()
    const sessions = new Map<string, string>()
    for (const [i, line] of lines.slice(0, 3).entries()) {
      const out = e.engine.inboundCall({
        caller: { name: `Focus ${i}`, phoneNumber: `+1415555040${i}` },
        ring: [line]
      })
      if (!out.ok) throw new Error(out.error.message)
      const leg = e.engine.parties(out.value.telephonySessionId).find((p) => p.extensionId === line)
      legs.set(line, leg!.id)
      sessions.set(line, out.value.telephonySessionId)
      await page.waitForSelector(`${byTestId(`line-${line}`)}[data-status="ringing"]`)
    }

    // Only the ringing lines; the tiles in the order the board shows them.
    await page.click(byTestId('count-ringing'))
    await expect.poll(() => page.locator('[data-testid^="line-"]').count()).toBe(3)
    const order = await page
      .locator('[data-testid^="line-"]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')!.slice('line-'.length)))
    const [, a, b] = order as [string, string, string]
    // The grid is one Tab stop: Tab from the filter box passes the status counts and lands on a
    // tile, whatever the number of lines.
    await page.focus(byTestId('board-filter'))
    for (let i = 0; i < 12 && !(await focused(page)).startsWith('line-'); i++)
      await page.keyboard.press('Tab')
    expect(await focused(page)).toMatch(/^line-/)
    await page.keyboard.press('Tab')
    expect(
      await page.evaluate(() =>
        document.querySelector('[role=grid]')?.contains(document.activeElement)
      )
    ).toBe(false)
    await page.keyboard.press('Shift+Tab')
    await arrowTo(page, a)
    // Enter reaches the tile's Pick up: the phone takes the ringing call over (by the emulator's
    // truth, the agent holds it on this computer), the line stops ringing and its tile leaves the
    // "Ringing" list under the focus, which moves to the next ringing tile, the one the agent
    // works on next.
    const device = await agentWebPhone(e)
    await page.keyboard.press('Enter')
    await expect
      .poll(async () => (await legOf(e, sessions.get(a)!, e.agentExtensionId))?.deviceId, {
        timeout: 30_000
      })
      .toBe(device)
    await page.locator(byTestId(`line-${a}`)).waitFor({ state: 'detached' })
    await expect.poll(() => focused(page)).toBe(`line-${b}`)
    await app.shot('board-focus-next-tile')

    // With the focus on Pick up (as after a pointer press that did not pick up), when someone
    // else takes the call the button goes, and its own tile keeps the focus.
    await page.click(byTestId('count-ringing'))
    await page.waitForSelector(byTestId(`line-${lines.at(-1)}`))
    await page.locator(`${byTestId(`line-${b}`)} button`).focus()
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('BUTTON')
    e.engine.answer(legs.get(b)!)
    await page.waitForSelector(`${byTestId(`line-${b}`)}:not([data-status="ringing"])`)
    await expect.poll(() => focused(page)).toBe(`line-${b}`)
    await app.shot('board-focus-same-tile')
    // And the arrows go on from there.
    await page.keyboard.press('ArrowRight')
    expect(await focused(page)).toMatch(/^line-/)
  })
})
