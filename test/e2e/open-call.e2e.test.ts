/**
 * A click on a call's notification opens the pane on that call, in real Chromium through browser
 * mode: the host's `openCall` (what the desktop's notification click calls) sends
 * `notify:open-call` over the bridge, and the page scrolls the virtualised pane to a card far down
 * a long list and focuses it; a held call opens the Calls view on its row; a call that ended
 * before the click says so. Screenshots in test-results/open-call-*.png.
 */
import type { Browser, Locator } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type App, launchBrowser, openApp, signInDemo } from './support'

let browser: Browser
let app: App

const byTestId = (id: string): string => `[data-testid="${id}"]`
const PANE = byTestId('incoming-pane')
const CALLS = 120

beforeAll(async () => {
  browser = await launchBrowser()
  app = await openApp(browser, { seed: 3, agents: 300, traffic: false })
  await signInDemo(app.page)
}, 120_000)

afterAll(async () => {
  await app?.close()
  await browser?.close()
})

/** The agent's monitored lines that are people (a queue's own line rings differently). */
function userLines(): string[] {
  const e = app.emulator()
  return e.engine.userLines(e.agentExtensionId)
}

function ring(name: string, lines: readonly string[]): string {
  const out = app.emulator().engine.inboundCall({
    caller: { name, phoneNumber: '+14155550100' },
    ring: [...lines]
  })
  if (!out.ok) throw new Error(out.error.message)
  return out.value.telephonySessionId
}

/** Whether the focus is inside the element, and the element inside the pane's visible region. */
function focusedAndVisible(card: Locator): Promise<{ focused: boolean; inView: boolean }> {
  return card.evaluate((el, pane) => {
    const scroller = document.querySelector(pane)!.getBoundingClientRect()
    const box = el.getBoundingClientRect()
    return {
      focused: el.contains(document.activeElement),
      inView: box.top >= scroller.top - 1 && box.bottom <= scroller.bottom + 1
    }
  }, PANE)
}

describe('a click on a call notification (browser mode)', () => {
  it('opens the pane on a ringing call far down a long list, focused and in view', async () => {
    const { page } = app
    const lines = userLines().slice(0, 12)
    const sessions: string[] = []
    for (let i = 0; i < CALLS; i++)
      sessions.push(ring(`Queue Caller ${i}`, [lines[i % lines.length]!]))
    await expect
      .poll(async () => Number(await page.locator(byTestId('pane-ringing-count')).textContent()), {
        timeout: 30_000
      })
      .toBe(CALLS)
    const target = sessions[CALLS - 8]!
    const card = page.locator(`${PANE} ${byTestId(`ringing-${target}`)}`)
    // Far down: the virtualised list has not even rendered it.
    expect(await card.count()).toBe(0)

    expect(app.host.openCall(target)).toBe(true)

    await page.waitForSelector(`${PANE} ${byTestId(`ringing-${target}`)}[data-opened="true"]`)
    await expect.poll(() => focusedAndVisible(card)).toEqual({ focused: true, inView: true })
    expect(await card.textContent()).toContain(`Queue Caller ${CALLS - 8}`)
    // Enter would take it: the focus is on the card's Pick up.
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Pick up')
    expect(await page.locator(byTestId('open-call-notice')).count()).toBe(0)
    await app.shot('open-call-ringing-far-down')
  })

  it('says the call has ended when it ended before the click, and opens nothing', async () => {
    const { page } = app
    const sid = ring('Gone Before The Click', [userLines()[0]!])
    const card = page.locator(`${PANE} ${byTestId(`ringing-${sid}`)}`)
    await expect
      .poll(() => page.locator(byTestId('pane-ringing-count')).textContent())
      .toBe(String(CALLS + 1))
    expect(app.emulator().engine.endSession(sid, true).ok).toBe(true)
    await expect
      .poll(() => page.locator(byTestId('pane-ringing-count')).textContent())
      .toBe(String(CALLS))
    expect(app.emulator().engine.session(sid)?.ended).toBe(true)

    expect(app.host.openCall(sid)).toBe(true)

    const notice = page.locator(byTestId('open-call-notice'))
    await notice.waitFor()
    expect(await notice.textContent()).toContain('That call has ended.')
    expect(await card.count()).toBe(0)
    expect(await page.locator('[data-opened="true"]').count()).toBe(0)
    await app.shot('open-call-ended')
    await notice.locator('button').click()
    await notice.waitFor({ state: 'detached' })
  })

  it("opens a held call's row in the Calls view", async () => {
    const { page } = app
    const e = app.emulator()
    const line = userLines()[1]!
    const sid = ring('Held Caller', [line])
    const leg = e.engine.parties(sid).find((p) => p.extensionId === line)!
    expect(e.engine.answer(leg.id).ok).toBe(true)
    expect(e.engine.hold(leg.id).ok).toBe(true)
    await expect.poll(() => e.engine.party(leg.id)?.status.code).toBe('Hold')
    await page.click(byTestId('nav-board'))

    expect(app.host.openCall(`held:${sid}`)).toBe(true)

    const row = page.locator(byTestId(`held-${sid}`))
    await row.waitFor()
    await expect.poll(() => row.evaluate((el) => el.contains(document.activeElement))).toBe(true)
    expect(await page.locator(`${byTestId('nav-calls')}[aria-current="page"]`).count()).toBe(1)
    await app.shot('open-call-held-row')
  })

  it('a tag that names no call opens nothing', () => {
    expect(app.host.openCall('ringside-alert')).toBe(false)
    expect(app.host.openCall('s-1/../x')).toBe(false)
  })
})
