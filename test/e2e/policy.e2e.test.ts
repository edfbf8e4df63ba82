/**
 * The admin policy in browser mode (RINGSIDE_POLICY_FILE), in real Chromium: locked settings show
 * as locked and are disabled, the pop-up style and the pickup shortcut can be set where they are
 * not, a shortcut without a modifier is refused, and a refused policy file shows its banner on
 * every screen with the demo kept off. Screenshots of each state.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { type App, byTestId, launchBrowser, openApp, signInDemo } from './support'

let browser: Browser
let app: App | undefined
let dir: string

const LOCKED = {
  version: 1,
  popupStyle: { value: 'window', locked: true },
  notifications: {
    value: {
      enabled: true,
      lines: 'all',
      selectedLines: [],
      queueCallsOnly: true,
      quietWhenDnd: true
    },
    locked: true
  },
  globalShortcut: { value: 'CommandOrControl+Alt+P', locked: false }
}

async function openWithPolicy(policy: unknown): Promise<App> {
  const file = join(dir, 'policy.json')
  writeFileSync(file, JSON.stringify(policy))
  vi.stubEnv('RINGSIDE_POLICY_FILE', file)
  app = await openApp(browser, { traffic: false })
  return app
}

beforeAll(async () => {
  browser = await launchBrowser()
  dir = mkdtempSync(join(tmpdir(), 'ringside-policy-e2e-'))
}, 120_000)

afterEach(async () => {
  await app?.close()
  app = undefined
  vi.unstubAllEnvs()
})

afterAll(async () => {
  await browser?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('the admin policy (browser mode)', () => {
  it('shows locked settings as locked, and records a shortcut or refuses one', async () => {
    const { page, host } = await openWithPolicy(LOCKED)
    await signInDemo(page)
    await page.click(byTestId('nav-settings'))

    const style = page.locator(byTestId('popup-style'))
    await style.scrollIntoViewIfNeeded()
    await expect.poll(() => style.locator('input').first().isDisabled()).toBe(true)
    await expect.poll(() => style.textContent()).toContain('Set by your administrator')
    expect(await style.locator('svg[role="img"]').getAttribute('aria-label')).toBe('Locked')
    const notify = page.locator('section[aria-labelledby="set-notify"]')
    expect(await notify.locator(byTestId('locked')).count()).toBe(1)
    expect(await notify.locator('input[type="checkbox"]').first().isDisabled()).toBe(true)
    await app!.shot('policy-locked')

    const record = page.locator(byTestId('shortcut-record'))
    await record.click()
    await expect.poll(() => page.textContent(byTestId('shortcut-keys'))).toContain('Press the keys')
    await app!.shot('policy-shortcut-recording')
    await page.keyboard.press('Control+Alt+K')
    await expect.poll(() => host.settings.get().globalShortcut).toBe('CommandOrControl+Alt+K')
    const head = page.locator('section[aria-labelledby="set-popups"] header')
    await expect.poll(() => head.textContent()).toContain('Saved')

    await record.click()
    await page.keyboard.press('K')
    await expect
      .poll(() => page.textContent(byTestId('shortcut-refused')))
      .toContain('needs Ctrl, Alt, Super or Cmd')
    expect(host.settings.get().globalShortcut).toBe('CommandOrControl+Alt+K')
    await app!.shot('policy-shortcut-refused')

    // The style the policy locks is refused by main too, not only greyed out in the page.
    const refused = await page.evaluate(() =>
      (
        window as unknown as {
          ringside: { settings: { update(p: object): Promise<unknown> } }
        }
      ).ringside.settings.update({ popupStyle: 'none' })
    )
    expect(refused).toMatchObject({ ok: false, error: { code: 'locked' } })
    expect(host.settings.get().popupStyle).toBe('window')
  }, 120_000)

  it('lets the agent choose the pop-up style where the policy does not lock it', async () => {
    const { page, host } = await openWithPolicy({ version: 1 })
    await signInDemo(page)
    await page.click(byTestId('nav-settings'))
    const style = page.locator(byTestId('popup-style'))
    await style.scrollIntoViewIfNeeded()
    await style.getByLabel('A system notification').check()
    await expect.poll(() => host.settings.get().popupStyle).toBe('native')
    await style.getByLabel('Nothing outside Ringside', { exact: false }).check()
    await expect.poll(() => host.settings.get().popupStyle).toBe('none')
    expect(await page.locator(byTestId('locked')).count()).toBe(0)
    await app!.shot('policy-popup-style')
  }, 120_000)

  it('draws a locked server, client id and monitored lines as locked, and main refuses them', async () => {
    const server = 'https://platform.devtest.ringcentral.com'
    const { page, host } = await openWithPolicy({
      version: 1,
      server: { value: server, locked: true },
      clientId: { value: 'IT-REGISTERED-APP', locked: true },
      monitoredLines: { value: ['1001', '1002'], locked: true }
    })
    const picker = page.locator(byTestId('signin-server'))
    await expect.poll(() => picker.textContent()).toContain('Set by your administrator')
    expect(await picker.locator('svg[role="img"]').getAttribute('aria-label')).toBe('Locked')
    expect(await picker.evaluate((el) => (el as HTMLFieldSetElement).disabled)).toBe(true)
    expect(await picker.locator('input[type="radio"]').first().isDisabled()).toBe(true)
    expect(await page.locator(byTestId('signin-server-url')).inputValue()).toBe(server)
    expect(await picker.getByText('Use this server').count()).toBe(0)
    await page.getByText('Sign in with a JWT (administrators)').click()
    const clientId = page.locator(byTestId('jwt-client-id'))
    expect(await clientId.locator(byTestId('locked')).count()).toBe(1)
    expect(await clientId.locator('input').isDisabled()).toBe(true)
    expect(await clientId.locator('input').inputValue()).toBe('IT-REGISTERED-APP')
    await app!.shot('policy-locked-signin')
    const moved = await page.evaluate(() =>
      (
        window as unknown as {
          ringside: { signIn: { setServer(url: string): Promise<unknown> } }
        }
      ).ringside.signIn.setServer('https://platform.ringcentral.com')
    )
    expect(moved).toMatchObject({ ok: false, error: { code: 'locked' } })
    expect(host.settings.get().server).toBe(server)

    await signInDemo(page)
    await page.click(byTestId('nav-settings'))
    const lines = page.locator('section[aria-labelledby="set-lines"]')
    await lines.scrollIntoViewIfNeeded()
    await expect.poll(() => lines.locator(byTestId('locked')).count()).toBe(1)
    expect(await lines.textContent()).toContain('Set by your administrator')
    await expect.poll(() => lines.locator('input[type="checkbox"]').count()).toBeGreaterThan(0)
    for (const box of await lines.locator('input[type="checkbox"]').all())
      expect(await box.isDisabled()).toBe(true)
    for (const remove of await lines.getByRole('button', { name: /^Stop monitoring/ }).all())
      expect(await remove.isDisabled()).toBe(true)
    expect(await page.locator(byTestId('directory-search')).isDisabled()).toBe(true)
    await app!.shot('policy-locked-lines')
    const refused = await page.evaluate(() =>
      (
        window as unknown as {
          ringside: { lines: { setMonitored(ids: string[]): Promise<unknown> } }
        }
      ).ringside.lines.setMonitored([])
    )
    expect(refused).toMatchObject({ ok: false, error: { code: 'locked' } })
  }, 120_000)

  it('refuses a bad policy file whole, with a banner and the demo off', async () => {
    const { page, host } = await openWithPolicy({ ...LOCKED, popUpStyle: 'window' })
    const banner = page.locator(byTestId('policy-banner'))
    await banner.waitFor()
    expect(await banner.textContent()).toContain('The admin policy could not be read')
    await banner.locator('summary').click()
    expect(await banner.textContent()).toContain('popUpStyle: the policy has no "popUpStyle"')
    // Nothing of it applied: the locked style is the agent's to change.
    expect(host.settings.locked).toEqual([])
    expect(await page.locator(byTestId('signin-demo')).isDisabled()).toBe(true)
    expect(await page.textContent(byTestId('demo-off'))).toContain('turned the demo off')
    // Main refuses it too, whatever the page does.
    const refused = await page.evaluate(() =>
      (
        window as unknown as { ringside: { signIn: { startDemo(): Promise<unknown> } } }
      ).ringside.signIn.startDemo()
    )
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'policy', message: expect.stringContaining('could not be read') }
    })
    await app!.shot('policy-invalid')
  }, 120_000)
})
