/**
 * Issue 13, item 2: the Sessions filters mean the call's direction and whether the account missed
 * it, judged against the emulator's truth; each party's row names that party and its role; the
 * table fits (or scrolls sideways on purpose) at 1280 px. Screenshots of every filter.
 */
import { describe, expect, it } from 'vitest'
import { appPerFile, byTestId, signInDemo } from './support'

const app = appPerFile({ scenario: 'smoke', traffic: false })

describe('Sessions filters (browser mode)', () => {
  it('filters by the call: Inbound, Outbound, Internal, missed and not missed', async () => {
    const { page } = app
    await signInDemo(page)
    const e = app.emulator()
    const lines = e.engine.lines(e.agentExtensionId)
    // One call between two colleagues, one inbound call that nobody answers.
    const internal = e.engine.directCall(lines[5]!, lines[6]!)
    const lost = e.engine.inboundCall({
      caller: { name: 'Missy Dial', phoneNumber: '+14155550190' },
      ring: [lines[7]!]
    })
    if (!internal.ok || !lost.ok) throw new Error('the emulator refused a call')
    e.engine.miss(lost.value.telephonySessionId)
    const live = e.engine.activeSessions().map((s) => s.telephonySessionId)
    const internalId = internal.value.telephonySessionId
    const missedId = lost.value.telephonySessionId
    const inbound = live.filter((id) => id !== internalId)

    await page.click(byTestId('nav-sessions'))
    const shown = async (): Promise<string[]> =>
      (
        await page
          .locator('[data-testid^="session-"]')
          .evaluateAll((els) => els.map((el) => el.getAttribute('data-testid') ?? ''))
      )
        .map((id) => id.slice('session-'.length))
        .sort()
    await expect.poll(shown, { timeout: 10_000 }).toEqual([...live].sort())
    await app.shot('sessions-all')

    const direction = page.locator(byTestId('filter-direction'))
    await direction.selectOption('Inbound')
    await expect.poll(shown).toEqual([...inbound].sort())
    await app.shot('sessions-inbound')
    await direction.selectOption('Outbound')
    await expect.poll(shown).toEqual([])
    await app.shot('sessions-outbound')
    await direction.selectOption('Internal')
    await expect.poll(shown).toEqual([internalId])
    await app.shot('sessions-internal')
    await direction.selectOption('')

    const missed = page.locator(byTestId('filter-missed'))
    await missed.selectOption('yes')
    await expect.poll(shown).toEqual([missedId])
    await app.shot('sessions-missed')
    await missed.selectOption('no')
    await expect.poll(shown).toEqual(live.filter((id) => id !== missedId).sort())
    await app.shot('sessions-not-missed')
    await missed.selectOption('')
  })

  it("shows each party's own name and role, and the table fits at 1280 px", async () => {
    const { page } = app
    const e = app.emulator()
    const held = e.engine
      .activeSessions()
      .find((s) => e.engine.parties(s.telephonySessionId).some((p) => p.status.code === 'Hold'))!
    const parties = e.engine.parties(held.telephonySessionId)
    const body = page.locator(byTestId(`session-${held.telephonySessionId}`))
    for (const p of parties) {
      const row = body.locator(byTestId(`party-${p.id}`))
      // An extension's leg is named by the extension; the caller's by its own end of the leg.
      const self =
        p.extensionId !== undefined
          ? e.engine.cast.findExtension(p.extensionId)?.name
          : p.direction === 'Outbound'
            ? p.from.name
            : p.to.name
      await expect.poll(() => row.locator(byTestId('party-self')).textContent()).toContain(self!)
      const role = p.extensionId === undefined ? 'Caller' : p.role === 'queue' ? 'Queue' : 'Agent'
      expect((await row.locator(byTestId('party-role')).textContent())?.trim()).toBe(role)
    }
    // Not every row repeats the call's from → to: the caller's row and an agent's row differ.
    const names = await body.locator(byTestId('party-self')).allTextContents()
    expect(new Set(names.map((n) => n.trim())).size).toBe(parties.length)
    // Every header is on screen: nothing is cut at the right edge of the scroll box.
    const box = await page.locator('[data-testid="sessions-scroll"]').boundingBox()
    const headers = await page.locator('[data-testid="sessions-table"] [role="columnheader"]').all()
    expect(headers).toHaveLength(7)
    for (const th of headers) {
      const b = await th.boundingBox()
      expect(b!.x + b!.width).toBeLessThanOrEqual(box!.x + box!.width + 1)
    }
  })
})
