/**
 * Issue 13, item 3: the demo's simulated call centre never acts for the signed-in agent. Calls
 * may ring the agent's line, but only the agent answers or picks up as the agent, so "Your calls"
 * holds nothing the agent did not take. A "Demo" marker stays on every screen while the demo runs.
 * The traffic runs fast (many minutes of a shift in seconds); the emulator's own change feed is
 * the judge of who did what.
 */
import { describe, expect, it } from 'vitest'
import { appPerFile, byTestId, signInDemo } from './support'

const app = appPerFile({ traffic: true, speed: 40 })

const TAKEN = new Set(['Answered', 'Hold', 'Parked'])

describe('the demo (browser mode)', () => {
  it('never answers, holds, parks or picks up as the agent, and says it is a demo', async () => {
    const { page } = app
    await signInDemo(page)
    const e = app.emulator()
    const actedForAgent: string[] = []
    let offered = 0
    let colleaguesTook = 0
    const stop = e.engine.onChanges((changes) => {
      for (const c of changes) {
        if (c.kind !== 'party' || c.party.role !== 'agent') continue
        if (c.party.extensionId === e.agentExtensionId) {
          if (c.party.status.code === 'Proceeding') offered++
          if (TAKEN.has(c.party.status.code))
            actedForAgent.push(`${c.party.id} ${c.party.status.code}`)
        } else if (TAKEN.has(c.party.status.code)) colleaguesTook++
      }
    })
    try {
      // Long enough (about ten minutes of the shift) for calls to ring the agent's line too.
      await expect.poll(() => offered, { timeout: 30_000, interval: 250 }).toBeGreaterThan(1)
      await expect
        .poll(() => colleaguesTook, { timeout: 30_000, interval: 250 })
        .toBeGreaterThan(10)
    } finally {
      stop()
    }
    expect(actedForAgent).toEqual([])
    // Nothing on the agent's pane is a call they are on.
    const mine = page.locator('[data-testid^="mycall-"]')
    for (const card of await mine.all())
      expect(await card.textContent()).not.toMatch(/on call|on hold/)
    for (const view of ['board', 'calls', 'sessions', 'settings', 'diagnostics']) {
      await page.click(byTestId(`nav-${view}`))
      await expect(page.locator(byTestId('demo-marker')).isVisible()).resolves.toBe(true)
    }
    await page.click(byTestId('nav-board'))
    await app.shot('demo-board-with-marker')
  })
})
