/**
 * The real renderer in Chromium under the lockout attack of test/main/web/bridge.lockout.test.ts:
 * 64 sockets that fake the page's Origin, never send the secret and reopen as soon as they are
 * closed, started before the page loads. The page still connects, shows the sign-in, signs in to
 * the demo and goes live.
 */
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Attack, lockoutAttack } from '../support/lockout'
import { type App, byTestId, launchBrowser, openApp, signInDemo } from './support'

let browser: Browser
let app: App | undefined
let attack: Attack | undefined
let openedBeforePage = 0

async function churning(a: Attack): Promise<void> {
  const deadline = Date.now() + 10_000
  while (a.opens() <= 128) {
    if (Date.now() > deadline) throw new Error('the attack never got under way')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

beforeAll(async () => {
  browser = await launchBrowser()
  app = await openApp(browser, { traffic: false }, undefined, {
    beforeOpen: async (host) => {
      attack = lockoutAttack(Number(new URL(host.url).port), { sockets: 64 })
      await churning(attack)
      openedBeforePage = attack.opens()
    }
  })
}, 120_000)

afterAll(async () => {
  await attack?.stop()
  await app?.close()
  await browser?.close()
})

describe('Ringside in Chromium under a lockout attack', () => {
  it('connects, signs in to the demo and goes live while 64 sockets knock without the secret', async () => {
    const { page } = app!
    const started = Date.now()
    await page.waitForSelector(byTestId('signin-demo'))
    const connectedMs = Date.now() - started
    await signInDemo(page)
    await app!.shot('lockout-live')
    // The attack was going on the whole time: more of its sockets were opened after the page loaded.
    expect(attack!.opens()).toBeGreaterThan(openedBeforePage)
    console.log(
      `[lockout e2e] sign-in shown ${connectedMs} ms after load, live after ${Date.now() - started} ms; ` +
        `${attack!.opens()} attacking sockets opened (${openedBeforePage} before the page)`
    )
  })
})
