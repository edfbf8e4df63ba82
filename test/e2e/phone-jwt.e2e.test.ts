/**
 * Ringside's phone after a JWT sign-in to the emulator as a custom server (not the demo): the
 * server is chosen and the JWT typed in the sign-in screen, the phone provisions and registers,
 * and a call to the agent rings here and is answered on this computer, by the emulator's truth.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../../src/emulator'
import { UNLIMITED } from '../support/demo-emulator'
import { agentWebPhone, legOf, registrations, startCall } from './phone-support'
import { appPerFile, byTestId } from './support'

let emulator: Emulator

// Registered before the app's hooks, so it closes after the app (after-hooks run in reverse): the
// page's phone must not see its server go away while the page is still open.
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, traffic: false, rateLimits: UNLIMITED })
}, 120_000)

afterAll(async () => {
  await emulator?.close()
})

const app = appPerFile({ traffic: false })

describe("Ringside's phone after a JWT sign-in to a custom server", () => {
  it('registers, and answers a call to the agent here', async () => {
    const { page } = app
    await page.check('input[name="server"][value="custom"]')
    await page.fill('input[aria-label="Custom server URL"]', emulator.url)
    await page.click('button:has-text("Use this server")')
    await page.locator('button:has-text("Use this server")').waitFor({ state: 'detached' })
    await page.click('summary:has-text("Sign in with a JWT")')
    await page.fill('.jwt__form textarea', emulator.mintJwt(emulator.agentExtensionId))
    await page.fill('.jwt__form input[type="text"]', emulator.clientId)
    await page.fill('.jwt__form input[type="password"]', emulator.clientSecret)
    await page.click('.jwt__form button[type="submit"]')
    await page.waitForSelector(byTestId('board'))
    const state = page.locator(byTestId('phone-status'))
    await expect
      .poll(() => state.getAttribute('data-state'), { timeout: 30_000 })
      .toBe('registered')
    const mine = (await registrations(emulator)).find(
      (r) => r.extensionId === emulator.agentExtensionId
    )
    expect(mine?.contacts).toHaveLength(1)

    const device = await agentWebPhone(emulator)
    const sid = await startCall(emulator, { type: 'direct', from: '@line1', to: '@demo' })
    await page.click(byTestId(`phone-answer-${sid}`))
    const agent = emulator.agentExtensionId
    await expect.poll(async () => (await legOf(emulator, sid, agent))?.status.code).toBe('Answered')
    expect((await legOf(emulator, sid, agent))?.deviceId).toBe(device)
    await app.shot('30-phone-after-jwt-sign-in')
    await page.click(byTestId(`phone-hangup-${sid}`))
    await expect.poll(async () => legOf(emulator, sid, agent)).toBeUndefined()
  })
})
