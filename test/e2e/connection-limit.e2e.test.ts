/**
 * The gateway refuses the reconnect's socket for `maxConnectionsPerSession`
 * (docs/platform.md#connection-limits): in real Chromium the connection note says so in the
 * gateway's words and counts down to the next attempt; once a place is free, "Retry now" goes live.
 * The screenshot lands in test-results/.
 */
import { describe, expect, it } from 'vitest'
import { appPerFile, signInDemo } from './support'

const app = appPerFile(
  { traffic: false },
  { width: 1280, height: 800 },
  {
    coreOptions: {
      supervisor: {
        connectTimeoutMs: 3_000,
        backoff: { baseMs: 10_000, capMs: 12_000, floorMs: 6_000 }
      }
    }
  }
)

const badge = '[data-testid="connection-badge"]'
const note = '[data-testid="note-connection"]'

describe('a refused extra connection, in Chromium', () => {
  it('says the gateway refused it, waits, and goes live once a place is free', async () => {
    const { page } = app
    await signInDemo(page)
    const e = app.emulator()
    e.platform.control.setWsgSettings({ maxConnectionsPerSession: 0 })
    e.platform.control.killSockets()

    await expect
      .poll(() => page.locator(note).textContent(), { timeout: 15_000 })
      .toMatch(
        /RingCentral refused the connection: Connections limit per session exceeded \(WSG-429\)\. Reconnecting in \d+ s\.$/
      )
    await app.shot('12-connection-limit')

    e.platform.control.setWsgSettings({ maxConnectionsPerSession: 50 })
    await page.click('[data-testid="retry-now"]')
    await page.waitForSelector(`${badge}[data-status="live"]`, { timeout: 10_000 })
  }, 60_000)
})
