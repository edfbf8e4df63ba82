/**
 * The life of Ringside's phone around a call and around the computer, in real Chromium (browser
 * mode) with the real ringcentral-web-phone against the emulator's SIP side: a call ringing here
 * is declined and ends for the caller, the ringtone plays on the chosen ringer device only while
 * the call rings, and the phone registers again when the network comes back or the OS resumes,
 * each before its own retry timer would have. The emulator's truth judges every outcome.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import {
  agentWebPhone,
  answeredOn,
  drivenPower,
  legOf,
  legsOf,
  phoneState,
  playedAudio,
  playedCount,
  recordPlayedAudio,
  type Registration,
  registrations,
  signInWithPhone,
  sipDialogs,
  startCall
} from './phone-support'
import { appPerFile, byTestId } from './support'

const power = drivenPower()

const app = appPerFile({ traffic: false }, undefined, {
  coreOptions: { power },
  beforeLoad: recordPlayedAudio,
  // Offline, the phone's attempts fail as they must, and the browser logs each one.
  expectedErrors: [/ERR_INTERNET_DISCONNECTED/, /WebSocket is already in CLOSING or CLOSED/]
})

/** The ringer device the test chooses: the first audio output that is not the default. */
async function chooseRinger(page: Page): Promise<string> {
  await page.click(byTestId('nav-settings'))
  const select = page.locator(byTestId('phone-device-ringer'))
  await select.waitFor()
  // The screen lists the outputs once enumerateDevices answers; Chromium's fake devices give some.
  const choices = (): Promise<string[]> =>
    select
      .locator('option')
      .evaluateAll((os) =>
        os.map((o) => (o as HTMLOptionElement).value).filter((v) => v !== '' && v !== 'default')
      )
  await expect.poll(async () => (await choices()).length).toBeGreaterThan(0)
  const device = (await choices())[0]!
  await select.selectOption(device)
  await page.click(byTestId('nav-board'))
  return device
}

describe("Ringside's phone around calls and the computer, in Chromium", () => {
  it('signs in and registers', async () => {
    await signInWithPhone(app.page)
  })

  it('declines a call ringing here: the caller leg ends, the agent never answered', async () => {
    const { page } = app
    const e = app.emulator()
    const agent = e.agentExtensionId
    const sid = await startCall(e, { type: 'direct', from: '@line1', to: '@demo' })
    const card = page.locator(byTestId(`phonecall-${sid}`))
    await expect.poll(() => card.getAttribute('data-placement')).toBe('ringing-here')
    const caller = e.engine.lines(agent)[0]!
    const ringing = await legsOf(e, sid)
    expect(ringing.find((p) => p.extensionId === caller)?.status.code).toBe('Proceeding')
    const mine = ringing.find((p) => p.extensionId === agent)!
    expect(mine.status.code).toBe('Proceeding')
    await page.click(byTestId(`phone-decline-${sid}`))
    // By the emulator's truth: the caller's leg ends with the agent's (nobody else rang, so the
    // session is over: gone from the truth or every leg disconnected), and the agent's leg ends
    // without ever being answered, on this phone or anywhere.
    await expect
      .poll(async () => (await legsOf(e, sid)).filter((p) => p.status.code !== 'Disconnected'))
      .toEqual([])
    expect(await legOf(e, sid, caller)).toBeUndefined()
    expect(await answeredOn(e, agent, await agentWebPhone(e))).toBeUndefined()
    expect((await sipDialogs(e)).filter((d) => d.partyId === mine.partyId)).toEqual([])
    await card.waitFor({ state: 'detached' })
    await app.shot('30-declined-here')
  })

  it('rings on the chosen ringer device while a call rings here; stops on answer and on decline', async () => {
    const { page } = app
    const e = app.emulator()
    const agent = e.agentExtensionId
    const ringer = await chooseRinger(page)
    const ringAndEnd = async (end: 'answer' | 'decline'): Promise<void> => {
      const index = await playedCount(page)
      const sid = await startCall(e, { type: 'direct', from: '@line1', to: '@demo' })
      const card = page.locator(byTestId(`phonecall-${sid}`))
      await expect.poll(() => card.getAttribute('data-placement')).toBe('ringing-here')
      // The ringtone is the next element the page plays: playing, on the ringer device.
      await expect.poll(() => playedAudio(page, index)).toEqual({ paused: false, sinkId: ringer })
      await page.click(byTestId(`phone-${end}-${sid}`))
      await expect.poll(async () => (await playedAudio(page, index))?.paused).toBe(true)
      if (end === 'answer') {
        await expect.poll(async () => (await legOf(e, sid, agent))?.status.code).toBe('Answered')
        await page.click(byTestId(`phone-hangup-${sid}`))
      }
      await expect.poll(async () => legOf(e, sid, agent)).toBeUndefined()
      await card.waitFor({ state: 'detached' })
    }
    await ringAndEnd('answer')
    await ringAndEnd('decline')
  })
})

/**
 * The emulator closes the phone's socket while the page cannot reach it, and the test waits (for
 * the badge, never a clock) until the phone's own retry is at least `AHEAD_S` seconds away. From
 * then on a registration sooner than `AHEAD_S - 2` seconds can only come from the event under test.
 */
const AHEAD_S = 6
const retryIn = async (page: Page): Promise<number> => {
  const m = /retrying in (\d+) s/.exec(
    (await page.locator(byTestId('phone-status')).textContent()) ?? ''
  )
  return m ? Number(m[1]) : 0
}

async function dropWhileUnreachable(page: Page, cutOff: () => Promise<void>): Promise<string> {
  const e = app.emulator()
  await expect.poll(() => phoneState(page), { timeout: 40_000 }).toBe('registered')
  const mine = async (): Promise<Registration | undefined> =>
    (await registrations(e)).find((r) => r.extensionId === e.agentExtensionId)
  await expect.poll(async () => (await mine())?.contacts.length).toBe(1)
  const before = await mine()
  await cutOff()
  expect((await fetch(`${e.url}/__emulator/sip/drop`, { method: 'POST' })).status).toBe(200)
  await expect.poll(() => phoneState(page)).toBe('failed')
  // Cut off, every attempt fails at once and the backoff grows until a retry is far enough away.
  await expect.poll(() => retryIn(page), { timeout: 90_000 }).toBeGreaterThanOrEqual(AHEAD_S)
  return before!.contacts[0]!.connection
}

async function expectRegisteredAgain(page: Page, oldConnection: string): Promise<void> {
  const e = app.emulator()
  await expect.poll(() => phoneState(page), { timeout: (AHEAD_S - 2) * 1_000 }).toBe('registered')
  // The header badge says so, and the emulator has the one contact again, on a new socket.
  expect(await page.locator(byTestId('phone-status')).textContent()).not.toMatch(/retrying/)
  const mine = (await registrations(e)).find((r) => r.extensionId === e.agentExtensionId)
  expect(mine?.contacts).toHaveLength(1)
  expect(mine?.contacts[0]?.connection).not.toBe(oldConnection)
}

describe("Ringside's phone after the network returns or the computer resumes", () => {
  it('registers again at once when the page goes online', async () => {
    const { page } = app
    const old = await dropWhileUnreachable(page, () => page.context().setOffline(true))
    await app.shot('31-phone-offline-retrying')
    await page.context().setOffline(false)
    await expectRegisteredAgain(page, old)
  }, 150_000)

  it('registers again at once when the OS resumes', async () => {
    const { page } = app
    // The phone server alone is cut off (its sockets close as they open) and the page stays
    // online, so no 'online' event can start the attempt: only the resume can.
    const sip = /^wss:\/\/127\.0\.0\.1:\d+\/?$/
    let cut = true
    const old = await dropWhileUnreachable(page, () =>
      page.routeWebSocket(sip, (ws) => {
        if (cut) void ws.close({ code: 1011, reason: 'unreachable' })
        else ws.connectToServer()
      })
    )
    cut = false
    expect(await phoneState(page)).toBe('failed')
    power.resume()
    await expectRegisteredAgain(page, old)
    await page.unrouteAll()
  }, 150_000)
})
