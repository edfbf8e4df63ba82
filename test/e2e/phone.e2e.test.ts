/**
 * Ringside's own phone in real Chromium (browser mode) with the real ringcentral-web-phone against
 * the emulator's SIP side: it registers, a call to the agent rings in the pane and is answered
 * here, held, ringing and parked calls are picked up to this computer, pickups that cannot work
 * fail cleanly with the other leg untouched, and the phone registers again after the emulator
 * drops its socket. The emulator's truth judges every outcome; screenshots land in test-results/.
 */
import type { Locator } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import {
  act,
  agentWebPhone,
  answeredOn,
  heldOn,
  legOf,
  legsOf,
  phoneState,
  registrations,
  reloadRegistered,
  reloadThroughBridge,
  sipDialogs,
  startCall
} from './phone-support'
import { appPerFile, byTestId } from './support'

const app = appPerFile({ traffic: false })

/** Seconds in the last `m:ss` of a text ("Was on hold 0:03" → 3); NaN when there is none. */
const seconds = (text: string | null): number => {
  const m = /(\d+):(\d\d)(?!.*\d+:\d\d)/.exec(text ?? '')
  return m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN
}

/** Hangs up call `sid` on this computer; the agent's leg ends, by the emulator's truth. */
async function hangUpHere(sid: string): Promise<void> {
  const e = app.emulator()
  await app.page.click(byTestId(`phone-hangup-${sid}`))
  await expect.poll(async () => legOf(e, sid, e.agentExtensionId)).toBeUndefined()
}

/** A call ringing the first monitored line, shown in the board's pane: its Pick up button. */
async function ringingOnLine1(): Promise<{ sid: string; pickup: Locator }> {
  const sid = await startCall(app.emulator(), { type: 'inbound', ring: ['@line1'] })
  await app.page.click(byTestId('nav-board'))
  const pickup = app.page.locator(`${byTestId('incoming-pane')} ${byTestId(`pickup-${sid}`)}`)
  await pickup.waitFor()
  return { sid, pickup }
}

/** The agent's extension and its first monitored line, by the emulator's cast. */
function ids(): { agent: string; line1: string; line2: string } {
  const e = app.emulator()
  const lines = e.engine.lines(e.agentExtensionId)
  return { agent: e.agentExtensionId, line1: lines[0]!, line2: lines[1]! }
}

describe("Ringside's phone in Chromium", () => {
  it('registers after the demo sign-in, and the header says so', async () => {
    const { page } = app
    await page.click(byTestId('signin-demo'))
    await page.waitForSelector(byTestId('board'))
    await expect.poll(() => phoneState(page), { timeout: 30_000 }).toBe('registered')
    const e = app.emulator()
    const mine = (await registrations(e)).find((r) => r.extensionId === e.agentExtensionId)
    expect(mine?.contacts).toHaveLength(1)
    await app.shot('20-phone-registered')
  })

  it('shows the SIP identity with the password masked; no page, bundle or shot holds it', async () => {
    const { page } = app
    const setup = await app.host.core.phone.setup()
    if (!setup.ok) throw new Error(setup.error.message)
    const password = setup.value.provision.sipInfo[0]!.password
    await page.click(byTestId('nav-settings'))
    await page.locator(byTestId('phone-identity')).waitFor()
    expect(await page.locator(byTestId('phone-password')).textContent()).toBe('••••••••')
    expect(await page.content()).not.toContain(password)
    expect(app.host.core.diagnostics.bundle()).not.toContain(password)
    expect(await page.locator(byTestId('phone-device-ringer')).count()).toBe(1)
    await page.locator('#set-phone').scrollIntoViewIfNeeded()
    await app.shot('20b-settings-phone')
    await page.click(byTestId('nav-board'))
  })

  it('rings a call to the agent in the pane, matched, and answers it here', async () => {
    const { page } = app
    const e = app.emulator()
    const { agent } = ids()
    const device = await agentWebPhone(e)
    const sid = await startCall(e, { type: 'direct', from: '@line1', to: '@demo' })
    const card = page.locator(byTestId(`phonecall-${sid}`))
    await card.waitFor()
    await expect.poll(() => card.getAttribute('data-placement')).toBe('ringing-here')
    await expect.poll(() => card.getAttribute('data-matched')).toBe('true')
    expect(await card.locator(byTestId('placement')).textContent()).toBe('ringing here')
    await app.shot('21-pane-ringing-here')

    await page.click(byTestId(`phone-answer-${sid}`))
    await expect.poll(async () => (await legOf(e, sid, agent))?.status.code).toBe('Answered')
    expect((await legOf(e, sid, agent))?.deviceId).toBe(device)
    await expect.poll(() => card.getAttribute('data-placement')).toBe('here')
    expect(await card.locator(byTestId('placement')).textContent()).toBe('on this computer')
    await app.shot('22-pane-on-this-computer')

    await page.click(byTestId(`phone-hold-${sid}`))
    await expect.poll(async () => (await legOf(e, sid, agent))?.status.code).toBe('Hold')
    await page.locator(byTestId(`phone-unhold-${sid}`)).waitFor()
    await app.shot('23-pane-on-hold-here')
    await page.click(byTestId(`phone-unhold-${sid}`))
    await expect.poll(async () => (await legOf(e, sid, agent))?.status.code).toBe('Answered')
    await page.click(byTestId(`phone-mute-${sid}`))
    await page.locator(byTestId(`phone-unmute-${sid}`)).waitFor()
    await hangUpHere(sid)
    await card.waitFor({ state: 'detached' })
  })

  it("names the agent's other device a call is answered on: on another device (RingCentral App)", async () => {
    const { page } = app
    const e = app.emulator()
    const { agent } = ids()
    const other = e.cast.findExtension(agent)?.devices.find((d) => d.type !== 'WebPhone')
    if (other === undefined) throw new Error('the demo agent has no second device')
    const sid = await startCall(e, { type: 'direct', from: '@line1', to: '@demo' })
    await page.locator(byTestId(`phonecall-${sid}`)).waitFor()
    // Answered on the agent's second device (what its RingCentral App would do), not here.
    const ringing = (await legOf(e, sid, agent))!
    expect(e.engine.answer(ringing.partyId, other.id).ok).toBe(true)
    await expect.poll(async () => (await legOf(e, sid, agent))?.deviceId).toBe(other.id)
    expect((await legOf(e, sid, agent))?.status.code).toBe('Answered')
    const card = page.locator(byTestId(`mycall-${sid}`))
    await expect
      .poll(() => card.locator(byTestId('placement')).textContent())
      .toBe(`on another device (${other.name})`)
    await page.locator(byTestId(`phonecall-${sid}`)).waitFor({ state: 'detached' })
    await app.shot('22b-pane-on-another-device')
    await act(e, sid, 'drop', { by: '@line1' })
    await card.waitFor({ state: 'detached' })
  })

  it('takes a held call on a monitored line with one click; the colleague goes idle', async () => {
    const { page } = app
    const e = app.emulator()
    const { agent, line1 } = ids()
    const device = await agentWebPhone(e)
    const sid = await heldOn(e)
    await expect.poll(async () => (await legOf(e, sid, line1))?.status.code).toBe('Hold')

    await page.click(byTestId('nav-calls'))
    const pickup = page.locator(byTestId(`pickup-${sid}`))
    await pickup.waitFor()
    // Held, resumed and held again, each hold ≥ 2 s by the row's own hold timer: the call is then
    // clearly older than its current hold, and "Was on hold" must read the hold, not the age.
    const row = page.locator(byTestId(`held-${sid}`))
    const holdTime = async (): Promise<number> =>
      seconds(await row.locator(byTestId('hold-time')).textContent())
    await expect.poll(holdTime, { timeout: 10_000 }).toBeGreaterThanOrEqual(2)
    await act(e, sid, 'unhold', { by: '@line1' })
    await act(e, sid, 'hold', { by: '@line1' })
    await expect.poll(holdTime, { timeout: 10_000 }).toBeLessThan(2)
    await expect.poll(holdTime, { timeout: 10_000 }).toBeGreaterThanOrEqual(2)
    const heldBefore = await holdTime()
    const ageBefore = seconds(await row.locator(byTestId('call-age')).textContent())
    expect(ageBefore).toBeGreaterThanOrEqual(heldBefore + 2)
    await pickup.click()
    await expect.poll(async () => (await legOf(e, sid, agent))?.status.code).toBe('Answered')
    expect((await legOf(e, sid, agent))?.deviceId).toBe(device)
    // The colleague's leg is gone with TakeOver: their line is idle.
    expect(await legOf(e, sid, line1)).toBeUndefined()
    const old = (await legsOf(e, sid)).find((p) => p.extensionId === line1)
    expect(old?.status).toMatchObject({ code: 'Gone', reason: 'TakeOver' })
    const taken = (await legOf(e, sid, agent))!
    expect((await sipDialogs(e)).find((d) => d.partyId === taken.partyId)?.pickup).toBe('replaces')

    const card = page.locator(byTestId(`phonecall-${sid}`))
    await expect.poll(() => card.getAttribute('data-placement')).toBe('here')
    expect(await card.locator(byTestId('placement')).textContent()).toBe('on this computer')
    expect(await card.locator(byTestId('held-for')).count()).toBe(1)
    // How long the call was held when it was taken: the hold's figure, not the call's age.
    const heldFor = seconds(await card.locator(byTestId('held-for')).textContent())
    expect(heldFor).toBeGreaterThanOrEqual(heldBefore)
    expect(heldFor).toBeLessThan(heldBefore + 2)
    await page.locator(byTestId(`line-${line1}`)).count()
    await app.shot('24-held-call-taken-here')
    await hangUpHere(sid)
  })

  it('lists a held call without pickUpCallsOnHold, Pick up disabled with the reason', async () => {
    const { page } = app
    const e = app.emulator()
    const { agent, line1 } = ids()
    const sid = await heldOn(e)
    e.engine.setPresence(agent, { pickUpCallsOnHold: false })
    try {
      await page.click(byTestId('nav-calls'))
      const pickup = page.locator(byTestId(`pickup-${sid}`))
      await expect.poll(() => pickup.getAttribute('aria-disabled')).toBe('true')
      const reason = page.locator(`${byTestId(`held-${sid}`)} ${byTestId('pickup-blocked')}`)
      expect(await reason.textContent()).toMatch(/line does not let you pick up held calls/)
      await app.shot('24b-held-no-right-calls-view')
      await pickup.click({ force: true })

      await page.click(byTestId('nav-board'))
      const tile = page.locator(byTestId(`tile-pickup-${sid}`))
      await expect.poll(() => tile.getAttribute('aria-disabled')).toBe('true')
      expect(await tile.getAttribute('title')).toMatch(/line does not let you pick up held calls/)
      await app.shot('24c-held-no-right-board')
      await tile.click({ force: true })
      // Neither click moved the call: the colleague still holds it, by the emulator's truth.
      expect((await legOf(e, sid, line1))?.status.code).toBe('Hold')
      expect(await legOf(e, sid, agent)).toBeUndefined()
    } finally {
      e.engine.setPresence(agent, { pickUpCallsOnHold: true })
    }
    // The right granted: the same listed call loses that reason in place (takeable once the
    // phone is registered).
    await expect
      .poll(
        async () => (await page.locator(byTestId(`tile-pickup-${sid}`)).getAttribute('title')) ?? ''
      )
      .not.toMatch(/does not let you pick up held calls/)
    await act(e, sid, 'drop', { by: '@line1' })
  })

  it('picks up a ringing monitored line the same way', async () => {
    const { page } = app
    const e = app.emulator()
    const { agent, line1 } = ids()
    const { sid, pickup } = await ringingOnLine1()
    await app.shot('25-pane-ringing-monitored-line')
    await pickup.click()
    await expect.poll(async () => (await legOf(e, sid, agent))?.status.code).toBe('Answered')
    const old = (await legsOf(e, sid)).find((p) => p.extensionId === line1)
    expect(old?.status).toMatchObject({ code: 'Disconnected', reason: 'Pickup' })
    // The session's sessionId and serverId were known, so the phone asked the way RingCentral's
    // own clients do (RC-call-type: inbound-pickup), by the emulator's record of the dialog.
    const mine = (await legOf(e, sid, agent))!
    const dialog = (await sipDialogs(e)).find((d) => d.partyId === mine.partyId)
    expect(dialog).toMatchObject({ initiator: 'phone', pickup: 'inbound-pickup' })
    await page.locator(byTestId(`phonecall-${sid}`)).waitFor()
    await hangUpHere(sid)
  })

  it('picks up a parked call to this computer, and the toast says so', async () => {
    const { page } = app
    const e = app.emulator()
    const { agent } = ids()
    const device = await agentWebPhone(e)
    const sid = await startCall(e, { type: 'inbound', ring: ['@line1'] })
    await act(e, sid, 'answer', { by: '@line1' })
    await act(e, sid, 'park', { by: '@line1' })
    await page.click(byTestId('nav-calls'))
    const pickup = page.locator(byTestId(`pickup-${sid}`))
    await pickup.waitFor()
    await pickup.click()
    // The pickup from park is a new session on the platform (the parked leg goes Gone with a
    // peerId): find the agent's answered leg on the WebPhone device wherever it is.
    let mine: { sid: string } | undefined
    await expect
      .poll(async () => {
        mine = await answeredOn(e, agent, device)
        return mine !== undefined
      })
      .toBe(true)
    const card = page.locator(byTestId(`phonecall-${mine!.sid}`))
    await expect.poll(() => card.getAttribute('data-placement')).toBe('here')
    await expect
      .poll(() => page.locator(byTestId('toasts')).textContent())
      .toContain('the call is on this computer')
    await app.shot('26-parked-call-here')
    await page.click(byTestId(`phone-hangup-${mine!.sid}`))
    await expect.poll(async () => answeredOn(e, agent, device)).toBeUndefined()
  })

  it('fails cleanly on swapped tags; the held call stays with the colleague', async () => {
    const { page } = app
    const e = app.emulator()
    const { agent, line1 } = ids()
    const sid = await heldOn(e)
    // Main's plan, swapped on its way to the page: the INVITE then carries the tags unswapped.
    await reloadThroughBridge(page, swapReplaces)
    await page.click(byTestId('nav-calls'))
    await page.locator(byTestId(`pickup-${sid}`)).click()
    const row = page.locator(byTestId(`held-${sid}`))
    await expect.poll(() => row.textContent()).toContain('out of date')
    expect((await legOf(e, sid, line1))?.status.code).toBe('Hold')
    expect(await legOf(e, sid, agent)).toBeUndefined()
    await app.shot('27-pickup-failed-stale')
    await page.unrouteAll()
    await reloadRegistered(page)
    await act(e, sid, 'drop', { by: '@line1' })
  })

  it('fails cleanly against a call someone else just took, naming them', async () => {
    const { page } = app
    const e = app.emulator()
    const { agent, line1 } = ids()
    const { sid, pickup } = await ringingOnLine1()
    // The colleague answers between main's plan and the INVITE.
    await reloadThroughBridge(page, async (m) => {
      // Main's pickup plan (a ringing call: RingCentral's inbound-pickup, by its `via`).
      if (m.includes('"via":"inbound-pickup"')) await act(e, sid, 'answer', { by: '@line1' })
      return m
    })
    // The same selector after the reload: a locator finds its element anew.
    await pickup.click()
    await expect
      .poll(() => page.locator(byTestId('toasts')).textContent())
      .toContain(`${e.cast.findExtension(line1)?.name} took the call first.`)
    expect((await legOf(e, sid, line1))?.status.code).toBe('Answered')
    expect(await legOf(e, sid, agent)).toBeUndefined()
    await app.shot('28-pickup-failed-taken')
    await page.unrouteAll()
    await act(e, sid, 'drop', { by: '@line1' })
  })

  it('fails plainly when the registration is lost mid-pickup; the held call stays, the phone re-registers', async () => {
    const { page } = app
    const e = app.emulator()
    const { agent, line1 } = ids()
    const sid = await heldOn(e)
    // The emulator drops the phone's socket the moment main's pickup plan reaches the page, so
    // the INVITE with Replaces meets a lost registration.
    let dropped = false
    await reloadThroughBridge(page, async (m) => {
      if (!dropped && m.includes('"Replaces"')) {
        dropped = true
        await fetch(`${e.url}/__emulator/sip/drop`, { method: 'POST' })
      }
      return m
    })
    await page.click(byTestId('nav-calls'))
    await page.locator(byTestId(`pickup-${sid}`)).click()
    const row = page.locator(byTestId(`held-${sid}`))
    await expect.poll(() => row.textContent(), { timeout: 20_000 }).toMatch(/lost|not registered/)
    expect(dropped).toBe(true)
    // By the emulator's truth the colleague still holds the call; nothing reached the agent.
    expect((await legOf(e, sid, line1))?.status.code).toBe('Hold')
    expect(await legOf(e, sid, agent)).toBeUndefined()
    await app.shot('29b-pickup-failed-registration-lost')
    await expect.poll(() => phoneState(page), { timeout: 40_000 }).toBe('registered')
    await page.unrouteAll()
    await act(e, sid, 'drop', { by: '@line1' })
  })

  it('registers again after the emulator drops its socket, saying it will retry', async () => {
    const { page } = app
    const e = app.emulator()
    await reloadRegistered(page)
    const before = (await registrations(e)).find((r) => r.extensionId === e.agentExtensionId)
    const instance = before?.contacts[0]?.instanceId
    await page.evaluate(() => undefined)
    const dropped = await fetch(`${e.url}/__emulator/sip/drop`, { method: 'POST' })
    expect(dropped.status).toBe(200)
    await expect.poll(() => phoneState(page)).toBe('failed')
    const label = await page.locator(byTestId('phone-status')).textContent()
    expect(label).toMatch(/retrying in \d+ s/)
    await app.shot('29-phone-retrying')
    await expect.poll(() => phoneState(page), { timeout: 40_000 }).toBe('registered')
    const after = (await registrations(e)).find((r) => r.extensionId === e.agentExtensionId)
    // The same installation: the same instance id, one contact.
    expect(after?.contacts.map((c) => c.instanceId)).toEqual([instance])
  })
})

/** The pickup plan with the tags as `sipData` names them: the orientation RFC 3891 rejects. */
function swapReplaces(frame: string): string {
  return frame.replace(
    /"Replaces":"([^";]+);to-tag=([^";]+);from-tag=([^";]+)"/,
    (_m, id: string, to: string, from: string) => `"Replaces":"${id};to-tag=${from};from-tag=${to}"`
  )
}
