/**
 * A busy line in real Chromium: more calls ring one monitored line than detailed presence lists
 * (the latest 7, docs/platform.md#active-calls). Every one of them is on the screen, judged
 * against the emulator's truth, not only the 7 the presence names.
 */
import { describe, expect, it } from 'vitest'
import { PRESENCE_CALL_LIMIT } from '../../src/main/core/state/calls'
import { appPerFile, signInDemo } from './support'

const app = appPerFile({ seed: 3, agents: 12, traffic: false }, { width: 1400, height: 900 })

describe('a line ringing with more calls than its presence lists', () => {
  it('shows every ringing call in the pane', async () => {
    const { page } = app
    await signInDemo(page)
    const e = app.emulator()
    const line = e.engine.userLines(e.agentExtensionId)[0]!
    const count = PRESENCE_CALL_LIMIT + 3
    for (let i = 0; i < count; i++) {
      const out = e.engine.inboundCall({
        caller: { name: `Busy Caller ${i}`, phoneNumber: `+1415555${2000 + i}` },
        ring: [line]
      })
      expect(out.ok).toBe(true)
    }
    // The truth: every session still has a Proceeding leg on the line.
    const ringing = e.engine
      .activeSessions()
      .filter((s) =>
        e.engine
          .parties(s.telephonySessionId)
          .some((p) => p.extensionId === line && p.status.code === 'Proceeding')
      )
      .map((s) => s.telephonySessionId)
    expect(ringing).toHaveLength(count)
    const cards = page.locator('[data-testid^="ringing-"]')
    await expect.poll(() => cards.count(), { timeout: 15_000 }).toBe(count)
    for (const id of ringing) await page.waitForSelector(`[data-testid="ringing-${id}"]`)
    await app.shot('busy-line-ringing')
  })
})
