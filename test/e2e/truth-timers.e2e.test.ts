/**
 * Issue 13, item 4: a call's timer shows its age from the real start, through answer, hold and
 * resume, and the time on hold as its own figure; both read the same after a reload.
 */
import type { Locator } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { appPerFile, byTestId, signInDemo } from './support'

// No SIP side: the call is answered and held through RingCentral's call control and shown from
// the core's views, whose times this test is about (with Ringside's phone registered the call
// would ring on this computer instead; test/e2e/phone.e2e.test.ts covers that path).
const app = appPerFile({ scenario: 'smoke', traffic: false, sip: false })

/** "4:19" → 259 s. */
async function seconds(l: Locator): Promise<number> {
  const text = (await l.textContent())?.trim() ?? ''
  const parts = text.split(':').map(Number)
  return parts.reduce((acc, n) => acc * 60 + n, 0)
}

describe('call timers (browser mode)', () => {
  it('counts from the start through answer and hold, with hold time apart, across a reload', async () => {
    const { page } = app
    await signInDemo(page)
    const e = app.emulator()
    const call = e.engine.inboundCall({
      caller: { name: 'Timer Tina', phoneNumber: '+14155550177' },
      ring: [e.agentExtensionId]
    })
    if (!call.ok) throw new Error(call.error.message)
    const sid = call.value.telephonySessionId
    const card = page.locator(byTestId(`mycall-${sid}`))
    const age = card.locator(byTestId('call-age'))
    await expect.poll(() => seconds(age), { timeout: 10_000 }).toBeGreaterThanOrEqual(3)

    await page.click(byTestId(`answer-${sid}`))
    await card.locator(byTestId(`hold-${sid}`)).waitFor()
    // Answering does not restart the call's age.
    expect(await seconds(age)).toBeGreaterThanOrEqual(3)
    await expect.poll(() => seconds(age), { timeout: 10_000 }).toBeGreaterThanOrEqual(5)

    await page.click(byTestId(`hold-${sid}`))
    const hold = card.locator(byTestId('hold-time'))
    await hold.waitFor()
    expect(await seconds(age)).toBeGreaterThanOrEqual(5)
    await expect.poll(() => seconds(hold), { timeout: 10_000 }).toBeGreaterThanOrEqual(2)
    await app.shot('pane-held-call-timers')
    const before = { age: await seconds(age), hold: await seconds(hold) }
    // The hold began after the call did: its figure is its own.
    expect(before.hold).toBeLessThan(before.age)

    await page.reload()
    await hold.waitFor()
    const after = { age: await seconds(age), hold: await seconds(hold) }
    // A reload takes a second or two; the figures carry on from where they were.
    expect(after.age).toBeGreaterThanOrEqual(before.age)
    expect(after.age).toBeLessThanOrEqual(before.age + 3)
    expect(after.hold).toBeGreaterThanOrEqual(before.hold)
    expect(after.hold).toBeLessThanOrEqual(before.hold + 3)

    await page.click(byTestId(`unhold-${sid}`))
    await hold.waitFor({ state: 'detached' })
    expect(await seconds(age)).toBeGreaterThanOrEqual(after.age)
  })
})
