/**
 * Issue 13, item 8: Diagnostics list every counted warning with its path and the value that was
 * not known, say what a connection problem means in words with the code one click away, and
 * count in the right plural. Also item 9's screenshots of Settings, in light and dark.
 */
import { describe, expect, it } from 'vitest'
import { appPerFile, byTestId, signInDemo } from './support'

const app = appPerFile({ traffic: false })

describe('Diagnostics in words (browser mode)', () => {
  it('lists the warning it counts, explains a connection problem, and counts in the singular', async () => {
    const { page } = app
    await signInDemo(page)
    const e = app.emulator()
    const sub = e.platform.control.subscriptions()[0]!
    // A presence event with a telephonyStatus RingCentral may add one day: decoded, kept, warned.
    e.platform.control.rawFrame(
      'all',
      JSON.stringify([
        { type: 'ServerNotification', messageId: 'm-w', status: 200, headers: {} },
        {
          uuid: 'e2e-warn-1',
          event: `/restapi/v1.0/account/${e.accountId}/extension/${e.agentExtensionId}/presence?detailedTelephonyState=true&sipData=true`,
          timestamp: new Date().toISOString(),
          subscriptionId: sub.id,
          ownerId: e.agentExtensionId,
          body: {
            extensionId: e.agentExtensionId,
            sequence: 999_999,
            telephonyStatus: 'Teleporting',
            activeCalls: []
          }
        }
      ])
    )
    // A frame that is not JSON at all: a connection problem.
    e.platform.control.rawFrame('all', 'this is not json')
    await page.click(byTestId('nav-diagnostics'))
    const warnings = page.locator(byTestId('diagnostics-warnings'))
    await expect.poll(() => warnings.textContent(), { timeout: 10_000 }).toContain('Teleporting')
    expect(await warnings.textContent()).toContain('body.telephonyStatus')
    await expect
      .poll(() => page.locator(byTestId('diagnostics-counts')).textContent())
      .toMatch(/· 1 warning$/)
    const problem = page.locator(byTestId('diagnostics-problem')).first()
    await expect.poll(() => problem.textContent()).toMatch(/could not read/)
    expect(await problem.locator('details').isVisible()).toBe(true)
    expect(await problem.locator('details .mono').isVisible()).toBe(false)
    await problem.locator('summary').click()
    expect(await problem.locator('details .mono').textContent()).toBe('malformed-frame')
    await app.shot('diagnostics-warnings-and-problems')
    await page.emulateMedia({ colorScheme: 'dark' })
    await app.shot('diagnostics-dark')
    await page.emulateMedia({ colorScheme: 'light' })
  })
})
