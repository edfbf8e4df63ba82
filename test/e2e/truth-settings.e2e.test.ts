/**
 * Issue 13, item 9: every settings section saves as it changes and says so ("✓ Saved" in its
 * header); none has a Save button. Judged by the emulator: the monitored lines and the account
 * subscription really change. Screenshots of Settings in light and dark.
 */
import { describe, expect, it } from 'vitest'
import { appPerFile, byTestId, signInDemo } from './support'

const app = appPerFile({ traffic: false })

describe('Settings save as they change (browser mode)', () => {
  it('saves monitored lines and supervisor feeds on change, and shows Saved', async () => {
    const { page } = app
    await signInDemo(page)
    const e = app.emulator()
    await page.click(byTestId('nav-settings'))
    const results = page.locator(`${byTestId('directory-results')} li`)
    await results.first().waitFor()
    const before = [...e.engine.lines(e.agentExtensionId)]
    // A colleague not monitored yet: ticking the box is all it takes.
    const me = e.engine.cast.findExtension(e.agentExtensionId)!.name
    const unticked = results
      .filter({ has: page.locator('input[type="checkbox"]:not(:checked)') })
      .filter({ hasNotText: me })
    const name = (await unticked.first().locator('.ext-text').textContent())?.trim() ?? ''
    // Located by name: "the first unticked row" is another row once this one is ticked.
    const row = results.filter({ hasText: name }).first()
    await row.locator('input[type="checkbox"]').click()
    const linesHead = page.locator('section[aria-labelledby="set-lines"] header')
    await expect.poll(() => linesHead.textContent(), { timeout: 10_000 }).toContain('Saved')
    await expect
      .poll(() => e.engine.lines(e.agentExtensionId).length, { timeout: 10_000 })
      .toBe(before.length + 1)
    const added = e.engine.lines(e.agentExtensionId).find((id) => !before.includes(id))!
    expect(e.engine.cast.findExtension(added)?.name).toBe(name)

    const subs = (): string =>
      e.platform.control
        .subscriptions()
        .flatMap((s) => s.eventFilters)
        .join(' ')
    const presenceFilters = (): number => (subs().match(/\/account\/[^/]+\/presence/g) ?? []).length
    const had = presenceFilters()
    const feedsHead = page.locator('section[aria-labelledby="set-sub"] header')
    await page
      .locator('section[aria-labelledby="set-sub"] label', {
        hasText: 'Presence of every extension'
      })
      .locator('input')
      .click()
    await expect.poll(() => feedsHead.textContent(), { timeout: 10_000 }).toContain('Saved')
    await expect.poll(presenceFilters, { timeout: 10_000 }).not.toBe(had)

    // One behaviour everywhere: no section waits for a Save button.
    expect(await page.locator('.settings-view button', { hasText: /^Save/ }).count()).toBe(0)
    await app.shot('settings-saved-light')
    await page.emulateMedia({ colorScheme: 'dark' })
    await app.shot('settings-dark')
    await page.click(byTestId('nav-board'))
    await app.shot('board-dark')
    await page.click(byTestId('nav-calls'))
    await app.shot('calls-dark')
    await page.click(byTestId('nav-sessions'))
    await app.shot('sessions-dark')
    await page.emulateMedia({ colorScheme: 'light' })
  })
})
