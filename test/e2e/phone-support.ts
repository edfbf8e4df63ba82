/**
 * What the phone's end-to-end tests read from the emulator: its truth (`GET /__emulator/calls`),
 * its SIP registrations, and the control calls that make calls happen (docs/emulator.md "SIP
 * control"). The page's word is never enough: every outcome is judged here.
 */
import type { SessionTruth, LegTruth } from '../../src/emulator/callcentre/truth'
import type { Emulator } from '../../src/emulator'
import type { PowerEvents } from '../../src/main/core/ports'
import type { Page } from 'playwright-core'
import { expect } from 'vitest'

export interface Registration {
  readonly extensionId: string
  readonly deviceId: string
  /** `connection` is the emulator's id of the socket the contact registered on. */
  readonly contacts: ReadonlyArray<{ readonly instanceId: string; readonly connection: string }>
}

export async function control(
  e: Emulator,
  method: string,
  path: string,
  body?: unknown
): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${e.url}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) })
  })
  const text = await res.text()
  return { status: res.status, json: text === '' ? undefined : (JSON.parse(text) as unknown) }
}

export async function truth(e: Emulator): Promise<SessionTruth[]> {
  return ((await control(e, 'GET', '/__emulator/calls')).json as { records: SessionTruth[] })
    .records
}

export async function registrations(e: Emulator): Promise<Registration[]> {
  const r = await control(e, 'GET', '/__emulator/sip/registrations')
  return (r.json as { records: Registration[] }).records
}

export interface SipDialogRecord {
  readonly callId: string
  readonly partyId: string
  readonly extensionId: string
  readonly initiator: 'platform' | 'phone'
  readonly state: string
  /** A pickup's: how the phone named the call (`Replaces` or RingCentral's `inbound-pickup`). */
  readonly pickup?: 'replaces' | 'inbound-pickup'
}

/** The emulator's own record of its dialogs with phones. */
export async function sipDialogs(e: Emulator): Promise<SipDialogRecord[]> {
  const r = await control(e, 'GET', '/__emulator/sip/dialogs')
  return (r.json as { records: SipDialogRecord[] }).records
}

/** The leg of `extensionId` in session `sid` that is not over, if any. */
export async function legOf(
  e: Emulator,
  sid: string,
  extensionId: string
): Promise<LegTruth | undefined> {
  const session = (await truth(e)).find((s) => s.telephonySessionId === sid)
  return session?.parties.find(
    (p) =>
      p.extensionId === extensionId && p.status.code !== 'Disconnected' && p.status.code !== 'Gone'
  )
}

/** Every leg of session `sid` (ended ones included), as truth has them. */
export async function legsOf(e: Emulator, sid: string): Promise<readonly LegTruth[]> {
  return (await truth(e)).find((s) => s.telephonySessionId === sid)?.parties ?? []
}

/** Starts a call through the control API; its telephony session id. */
export async function startCall(e: Emulator, body: object): Promise<string> {
  const r = await control(e, 'POST', '/__emulator/calls', body)
  if (r.status !== 201) throw new Error(`call not started: ${r.status} ${JSON.stringify(r.json)}`)
  return (r.json as SessionTruth).telephonySessionId
}

export async function act(e: Emulator, sid: string, action: string, body?: object): Promise<void> {
  const r = await control(e, 'POST', `/__emulator/calls/${sid}/${action}`, body ?? {})
  if (r.status >= 300) throw new Error(`${action} refused: ${r.status} ${JSON.stringify(r.json)}`)
}

/** The agent's WebPhone device: where "this computer" is, by the emulator's own cast. */
export async function agentWebPhone(e: Emulator): Promise<string> {
  const regs = await registrations(e)
  const mine = regs.find((r) => r.extensionId === e.agentExtensionId)
  if (!mine) throw new Error('the agent has no registration')
  return mine.deviceId
}

/** The session where `extensionId` has an Answered leg on `deviceId`, by the emulator's truth. */
export async function answeredOn(
  e: Emulator,
  extensionId: string,
  deviceId: string
): Promise<{ sid: string } | undefined> {
  for (const s of await truth(e)) {
    const leg = s.parties.find(
      (p) =>
        p.extensionId === extensionId && p.deviceId === deviceId && p.status.code === 'Answered'
    )
    if (leg) return { sid: s.telephonySessionId }
  }
  return undefined
}

/**
 * Power events that the test drives, for the core's `power` option: `resume()` is the OS waking
 * up (the core resyncs with reason `resume`, which the phone store re-registers on). The network
 * side is left to the page's own `online`/`offline` events (Playwright's `context.setOffline`).
 */
export interface DrivenPower extends PowerEvents {
  resume(): void
}

export function drivenPower(): DrivenPower {
  const resumed = new Set<() => void>()
  return {
    onResume(listener) {
      resumed.add(listener)
      return () => resumed.delete(listener)
    },
    onNetworkChange: () => () => undefined,
    isOnline: () => true,
    resume: () => {
      for (const l of [...resumed]) l()
    }
  }
}

/** The header badge's phone state (`registered`, `failed`, …). */
export const phoneState = (page: Page): Promise<string | null> =>
  page.locator('[data-testid="phone-status"]').getAttribute('data-state')

/** Signs in to the demo and waits for the board and a registered phone. */
export async function signInWithPhone(page: Page): Promise<void> {
  await page.click('[data-testid="signin-demo"]')
  await page.waitForSelector('[data-testid="board"]')
  await expect.poll(() => phoneState(page), { timeout: 30_000 }).toBe('registered')
}

/**
 * The ringtone's <audio> element is never put in the document (ringer.ts), so the page cannot be
 * queried for it: this init script keeps every audio element the page plays in `__played`, in
 * order, without changing what `play` does.
 */
export async function recordPlayedAudio(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __played: HTMLMediaElement[] }
    w.__played = []
    const play = HTMLMediaElement.prototype.play
    HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
      if (!w.__played.includes(this)) w.__played.push(this)
      return play.call(this)
    }
  })
}

/** How many audio elements the page has played so far. */
export async function playedCount(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __played?: unknown[] }).__played?.length ?? 0)
}

/** What a played audio element is doing: `index` in play order. */
export async function playedAudio(
  page: Page,
  index: number
): Promise<{ paused: boolean; sinkId: string } | undefined> {
  return page.evaluate((i) => {
    const el = (window as unknown as { __played?: Array<HTMLMediaElement & { sinkId: string }> })
      .__played?.[i]
    return el === undefined ? undefined : { paused: el.paused, sinkId: el.sinkId }
  }, index)
}

/** A call that rang `line` and that its colleague answered and holds: its telephony session. */
export async function heldOn(e: Emulator, line = '@line1'): Promise<string> {
  const sid = await startCall(e, { type: 'inbound', ring: [line] })
  await act(e, sid, 'answer', { by: line })
  await act(e, sid, 'hold', { by: line })
  return sid
}

/** Reloads the page and waits until its phone has registered again. */
export async function reloadRegistered(page: Page): Promise<void> {
  await page.reload()
  await expect.poll(() => phoneState(page), { timeout: 30_000 }).toBe('registered')
}

/**
 * Reloads the page with every text frame main sends it through the bridge passed through `rewrite`
 * first (a plan tampered with on its way, or the platform acting the moment a plan goes out), and
 * waits for the phone to register again. The page's own frames reach main untouched.
 */
export async function reloadThroughBridge(
  page: Page,
  rewrite: (frame: string) => string | Promise<string>
): Promise<void> {
  await page.routeWebSocket(/\/bridge/, (ws) => {
    const server = ws.connectToServer()
    ws.onMessage((m) => server.send(m))
    server.onMessage((m) => {
      if (typeof m !== 'string') return ws.send(m)
      const out = rewrite(m)
      if (typeof out === 'string') ws.send(out)
      else void out.then((frame) => ws.send(frame))
    })
  })
  await reloadRegistered(page)
}
