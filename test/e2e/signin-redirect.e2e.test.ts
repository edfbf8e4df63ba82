/**
 * Browser sign-in against an app registration with exact redirect URIs (RingCentral's OAU-109
 * rule), in real Chromium through browser mode: a port the registration does not list is refused
 * and the sign-in view explains it in IT's terms, with the platform's code under technical detail.
 */
import { createServer } from 'node:net'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPlatform, type Platform } from '../../src/emulator/platform'
import { type App, byTestId, launchBrowser, openApp } from './support'

let browser: Browser
let app: App
let platform: Platform
let unregistered: number

/** A port that was free a moment ago. */
async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  if (address === null || typeof address === 'string') throw new Error('no port')
  return address.port
}

beforeAll(async () => {
  browser = await launchBrowser()
  platform = await createPlatform({ port: 0, autoApprove: true })
  const registered = await freePort()
  unregistered = await freePort()
  const registration = platform.control.registerClient({
    redirectUris: [`http://127.0.0.1:${registered}/oauth/callback`]
  })
  app = await openApp(
    browser,
    {},
    { width: 1280, height: 800 },
    {
      coreOptions: {
        client: { clientId: registration.clientId },
        server: platform.url,
        loopbackPorts: [unregistered]
      }
    }
  )
}, 120_000)

afterAll(async () => {
  await app?.close()
  await platform?.close()
  await browser?.close()
})

describe('sign-in refused for an unregistered loopback port', () => {
  it('explains the refusal with the port and the URI to register, the code under detail', async () => {
    const { page } = app
    await page.click(byTestId('signin-browser'))
    const alert = page.locator('.signin__error[role="alert"]')
    await alert.waitFor()
    const uri = `http://127.0.0.1:${unregistered}/oauth/callback`
    expect(await alert.innerText()).toContain(
      `This computer's sign-in port ${unregistered} is not registered for this RingCentral app. ` +
        `Ask IT to register ${uri}`
    )
    const detail = page.locator(byTestId('signin-error-detail'))
    expect(await detail.locator('code').isVisible()).toBe(false)
    await app.shot('signin-redirect-refused')
    await detail.locator('summary').click()
    expect(await detail.locator('code').innerText()).toBe(
      `OAU-109 Redirect URIs do not match (redirect_uri ${uri})`
    )
    await app.shot('signin-redirect-refused-detail')
    // Nothing signed in, and the button is back for another try.
    await page.locator(byTestId('signin-browser')).waitFor()
  })
})
