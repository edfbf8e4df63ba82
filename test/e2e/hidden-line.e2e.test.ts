/**
 * Issue 12, a monitored colleague who hides their presence, in Chromium (browser mode): after the
 * readback's bulk read refuses that colleague (403 CMN-408), the tile says the presence is hidden,
 * with the platform's words under "Technical detail", never a status the app cannot know; once the
 * colleague shares it again, the tile shows their status (docs/platform.md#hidden-presence).
 */
import { describe, expect, it } from 'vitest'
import { appPerFile, byTestId, signInDemo } from './support'

const app = appPerFile({ traffic: false })

describe('a hidden colleague on the board (browser mode)', () => {
  it('reads "Presence hidden" with the reason, and comes back when they allow it', async () => {
    const { page } = app
    await signInDemo(page)
    const e = app.emulator()
    const colleague = e.engine.userLines(e.agentExtensionId)[0]
    if (colleague === undefined) throw new Error('the demo monitors no colleague')
    const tile = page.locator(byTestId(`line-${colleague}`))
    await expect.poll(() => tile.getAttribute('data-status')).not.toBe('hidden')

    expect(e.engine.setPresence(colleague, { allowSeeMyPresence: false }).ok).toBe(true)
    // The platform sends no event about a hidden user: the next readback finds it.
    await app.host.core.resync('safety-poll')
    await expect.poll(() => tile.getAttribute('data-status')).toBe('hidden')
    await expect.poll(() => tile.innerText()).toMatch(/Presence hidden/i)
    expect(await tile.innerText()).toMatch(/does not share their status/)
    expect(await page.locator(byTestId(`line-detail-${colleague}`)).innerText()).toMatch(/CMN-408/)
    // Never a status the app cannot know.
    expect(await tile.innerText()).not.toMatch(/\b(Available|Idle|Busy)\b/)
    // Nor in the tooltip: the wire values from before it was hidden are stale.
    expect(await tile.getAttribute('title')).not.toMatch(/Presence: |Telephony: /)
    await tile.scrollIntoViewIfNeeded()
    await app.shot('12-hidden-line')

    expect(e.engine.setPresence(colleague, { allowSeeMyPresence: true }).ok).toBe(true)
    await expect.poll(() => tile.getAttribute('data-status')).not.toBe('hidden')
    await app.shot('12-hidden-line-visible-again')
  }, 90_000)
})
