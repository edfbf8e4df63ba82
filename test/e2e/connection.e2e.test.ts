/**
 * The connection badge and banner in real Chromium while the connection is down: "Reconnecting in
 * N s" counting down, "Retry now" starting an attempt at once, and "Offline" when the OS reports
 * no network. The gateway leaves every upgrade hanging, so each attempt runs into its deadline
 * (shortened here, with a backoff whose floor keeps each countdown on screen for seconds).
 * Screenshots land in test-results/.
 */
import { describe, expect, it } from 'vitest'
import type { PowerEvents } from '../../src/main/core/ports'
import { appPerFile, signInDemo } from './support'

const network = new Set<(online: boolean) => void>()
let online = true
const power: PowerEvents = {
  onResume: () => () => undefined,
  onNetworkChange(listener) {
    network.add(listener)
    return () => network.delete(listener)
  },
  isOnline: () => online
}
const setOnline = (next: boolean): void => {
  online = next
  for (const l of [...network]) l(next)
}

const app = appPerFile({ traffic: false }, undefined, {
  coreOptions: {
    power,
    supervisor: {
      connectTimeoutMs: 3_000,
      silenceTimeoutMs: 8_000,
      backoff: { baseMs: 10_000, capMs: 12_000, floorMs: 6_000 }
    }
  }
})

const badge = '[data-testid="connection-badge"]'
const label = async (): Promise<string> =>
  (await app.page.locator(`${badge} .badge__label`).textContent()) ?? ''

describe('the connection while it is down, in Chromium', () => {
  it('counts down to the next attempt, retries now on request, and says Offline', async () => {
    const { page } = app
    await signInDemo(page)
    const e = app.emulator()
    e.platform.control.hangUpgrades(1_000)
    e.platform.control.killSockets()

    await expect.poll(label, { timeout: 10_000 }).toMatch(/^Connection: Reconnecting in \d+ s$/)
    const first = await label()
    await expect.poll(label, { timeout: 5_000 }).not.toBe(first)
    expect(await label()).toMatch(/^Connection: Reconnecting in \d+ s$/)
    await expect
      .poll(() => page.locator('[data-testid="note-connection"]').textContent())
      .toMatch(/^Connection lost: the connection dropped\. Reconnecting in \d+ s\.$/)
    await app.shot('10-reconnecting-countdown')

    // Retry now: the attempt starts at once (and hangs until its deadline).
    const hungBefore = e.platform.control.faults().hangUpgrades
    await page.click('[data-testid="retry-now"]')
    await expect
      .poll(label, { timeout: 5_000 })
      .toMatch(/^Connection: Reconnecting… \(attempt 1\)$/)
    await expect.poll(() => e.platform.control.faults().hangUpgrades).toBe(hungBefore - 1)
    await expect.poll(label, { timeout: 5_000 }).toMatch(/^Connection: Reconnecting in \d+ s$/)

    // The OS says the network is gone.
    setOnline(false)
    await page.waitForSelector(`${badge}[data-status="offline"]`)
    await expect.poll(label).toMatch(/^Connection: Offline — retry in \d+ s$/)
    await expect
      .poll(() => page.locator('[data-testid="note-connection"]').textContent())
      .toMatch(/^Offline: the network is down\. Reconnecting in \d+ s\.$/)
    await app.shot('11-offline')

    // The network is back: Ringside tries at once instead of waiting out the countdown.
    e.platform.control.hangUpgrades(0)
    const backAt = Date.now()
    setOnline(true)
    await page.waitForSelector(`${badge}[data-status="live"]`, { timeout: 5_000 })
    console.info(`Chromium: "Live" ${Date.now() - backAt} ms after the network came back`)
    await expect.poll(() => page.locator('[data-testid="note-connection"]').count()).toBe(0)
  }, 60_000)
})
