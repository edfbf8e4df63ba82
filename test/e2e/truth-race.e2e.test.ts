/**
 * Issue 13, item 1: a lost race for a parked call names the colleague who took it (from the parked
 * leg's `Gone`/`peerId` link), never the one who parked it. Delivery is paused so the board still
 * shows the call parked when the agent clicks, as it does when a colleague is a moment faster.
 */
import { describe, expect, it } from 'vitest'
import { appPerFile, byTestId } from './support'

const app = appPerFile({ scenario: 'smoke', traffic: false })

describe('a lost race for a parked call (browser mode)', () => {
  it('names the colleague who picked the call up first', async () => {
    const { page } = app
    await page.click(byTestId('signin-demo'))
    await page.click(byTestId('nav-calls'))
    const e = app.emulator()
    const parkedRow = page.locator('[data-testid^="parked-"]:not([data-testid="parked-list"])')
    await parkedRow.first().waitFor()
    const parked = e.engine
      .activeSessions()
      .flatMap((s) => e.engine.parties(s.telephonySessionId))
      .find((p) => p.status.code === 'Parked')!
    const parker = e.engine
      .parties(parked.telephonySessionId)
      .find((p) => p.extensionId !== undefined && p.status.code === 'Parked')!
    // A colleague who did not park it is faster; the agent's board has not heard yet.
    const colleague = e.engine.lines(e.agentExtensionId)[1]!
    e.platform.control.pauseDelivery()
    const taken = e.engine.pickup(parked.id, colleague)
    if (!taken.ok) throw new Error(`the colleague could not pick up: ${taken.error.message}`)
    const takerName = taken.value.to.name ?? ''
    expect(takerName).not.toBe('')
    expect(takerName).not.toBe(parker.to.name)

    await page.click(byTestId(`pickup-${parked.telephonySessionId}`))
    const row = page.locator(byTestId(`parked-${parked.telephonySessionId}`))
    await expect
      .poll(() => row.locator('.row__error').textContent(), { timeout: 10_000 })
      .toBe(`The call was already picked up by ${takerName}.`)
    await app.shot('race-lost-names-the-taker')
    e.platform.control.resumeDelivery()
    await row.waitFor({ state: 'detached' })
  })
})
