/**
 * The agent's day in real Chromium: sign in to the demo, see the monitored lines, a ringing call on
 * the right line and in the pane, a held call, one-click pickup of a parked call, the connection
 * indicator through a socket kill, and a malformed notification in diagnostics. Screenshots of
 * every view land in test-results/.
 */
import { describe, expect, it } from 'vitest'
import { appPerFile, byTestId } from './support'

// REST replies take as long as they do on the real platform, so the first resync overlaps the
// scenario's notifications (the race a slow CI machine once caught).
const app = appPerFile({ scenario: 'smoke', traffic: false, faults: { restLatencyMs: 200 } })

describe('Ringside in Chromium (browser mode)', () => {
  it('signs in to the demo and shows the monitored lines', async () => {
    const { page } = app
    await page.waitForSelector(byTestId('signin-demo'))
    await app.shot('01-sign-in')
    await page.click(byTestId('signin-demo'))
    await page.waitForSelector(byTestId('board'))
    await page.waitForSelector(`${byTestId('connection-badge')}[data-status="live"]`)
    const e = app.emulator()
    const monitored = e.engine.lines(e.agentExtensionId)
    await page.waitForSelector(byTestId(`line-${monitored[0]}`))
    expect(await page.locator('[data-testid^="line-"]').count()).toBeGreaterThanOrEqual(
      Math.min(monitored.length, 6)
    )
  })

  it('shows a scripted ringing call on the right line and in the incoming pane', async () => {
    const { page } = app
    const e = app.emulator()
    // Dana's queue call is the one the smoke scenario leaves ringing (Rohan's is answered at 0.6 s,
    // which a fast test can still catch ringing).
    await expect
      .poll(
        () =>
          e.engine
            .activeSessions()
            .find((s) =>
              e.engine.parties(s.telephonySessionId).some((p) => p.from.name === 'Dana Whitfield')
            ),
        { timeout: 10_000 }
      )
      .toBeDefined()
    const ringing = e.engine
      .activeSessions()
      .find((s) =>
        e.engine.parties(s.telephonySessionId).some((p) => p.from.name === 'Dana Whitfield')
      )
    // The legs ringing on the agent's monitored lines (the queue's own leg is not a line).
    const monitored = new Set(e.engine.lines(e.agentExtensionId))
    const legs = e.engine
      .parties(ringing!.telephonySessionId)
      .filter(
        (p) =>
          p.status.code === 'Proceeding' &&
          p.extensionId !== undefined &&
          monitored.has(p.extensionId)
      )
    expect(legs.length).toBe(2)
    for (const leg of legs) {
      await page.waitForSelector(`${byTestId(`line-${leg.extensionId}`)}[data-status="ringing"]`)
    }
    await page.waitForSelector(byTestId(`ringing-${ringing!.telephonySessionId}`))
    const pane = page.locator(byTestId('incoming-pane'))
    await expect.poll(() => pane.textContent(), { timeout: 10_000 }).toContain('Dana Whitfield')
    await app.shot('02-board-ringing')
  })

  it('lists the held call and picks up the parked call with one click', async () => {
    const { page } = app
    await page.click(byTestId('nav-calls'))
    await page.waitForSelector(byTestId('held-list'))
    await expect
      .poll(() => page.locator(byTestId('held-list')).textContent(), { timeout: 10_000 })
      .toContain('Rohan Mehta')
    await page.waitForSelector('[data-testid^="parked-"]:not([data-testid="parked-list"])')
    await app.shot('03-calls-held-and-parked')
    const e = app.emulator()
    const parked = e.engine
      .activeSessions()
      .find((s) => e.engine.parties(s.telephonySessionId).some((p) => p.status.code === 'Parked'))!
    await page.click(byTestId(`pickup-${parked.telephonySessionId}`))
    await page.waitForSelector(byTestId(`parked-${parked.telephonySessionId}`), {
      state: 'detached'
    })
    // The platform agrees: the parked leg is gone and the agent has the caller.
    const agentLegs = e.engine
      .activeSessions()
      .flatMap((s) => e.engine.parties(s.telephonySessionId))
      .filter((p) => p.extensionId === e.agentExtensionId && p.status.code === 'Answered')
    expect(agentLegs.length).toBeGreaterThan(0)
    await app.shot('04-calls-after-pickup')
  })

  it('shows recovering when the socket dies, then live again', async () => {
    const { page } = app
    app.emulator().platform.control.killSockets()
    await page.waitForSelector(`${byTestId('connection-badge')}[data-status="recovering"]`)
    await app.shot('05-recovering')
    await page.waitForSelector(`${byTestId('connection-badge')}[data-status="live"]`, {
      timeout: 20_000
    })
  })

  it('shows a malformed notification in diagnostics with its path', async () => {
    const { page } = app
    const e = app.emulator()
    const sub = e.platform.control.subscriptions()[0]!
    e.platform.control.rawFrame(
      'all',
      JSON.stringify([
        { type: 'ServerNotification', messageId: 'm1', status: 200, headers: {} },
        {
          uuid: 'e2e-bad-1',
          event: `/restapi/v1.0/account/${e.accountId}/extension/${e.agentExtensionId}/presence?detailedTelephonyState=true&sipData=true`,
          timestamp: new Date().toISOString(),
          subscriptionId: sub.id,
          ownerId: e.agentExtensionId,
          body: { extensionId: e.agentExtensionId, sequence: 'not-a-number' }
        }
      ])
    )
    await page.click(byTestId('nav-diagnostics'))
    await expect
      .poll(() => page.locator(byTestId('diagnostics-errors')).textContent(), { timeout: 10_000 })
      .toContain('body.sequence')
    await app.shot('06-diagnostics')
  })

  it('renders the sessions and settings views', async () => {
    const { page } = app
    await page.click(byTestId('nav-sessions'))
    await page.waitForTimeout(300)
    await app.shot('07-sessions')
    await page.click(byTestId('nav-settings'))
    await page.waitForTimeout(300)
    await app.shot('08-settings')
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.click(byTestId('nav-board'))
    await page.waitForTimeout(300)
    await app.shot('09-board-dark')
  })
})
