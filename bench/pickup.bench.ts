/**
 * `npm run bench:pickup`: how long a one-click pickup takes, from the click to the call being
 * answered on this computer BY THE EMULATOR'S TRUTH (the agent's leg `Answered` on the WebPhone
 * device, and for SIP the phone's dialog confirmed). Real parts end to end: Chromium, the real
 * renderer and ringcentral-web-phone, browser mode, the real core, the emulator's SIP side.
 *
 * 20 pickups each of held, ringing and parked calls, beside the baseline measured in the same run:
 * today's REST parked pickup to another of the agent's devices (no phone involved). Prints p50 and
 * p95 of each, and the ratio to the baseline. Target: p95 ≤ 1 s on loopback (docs/phone.md).
 */
import type { Page } from 'playwright-core'
import type { Emulator } from '../src/emulator'
import { act, agentWebPhone, control, startCall, truth } from '../test/e2e/phone-support'
import { launchBrowser, openApp } from '../test/e2e/support'

const RUNS = 20
const byTestId = (id: string): string => `[data-testid="${id}"]`

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? Number.NaN
}

/** Polls truth until `extensionId` has an Answered leg on `deviceId` (and, for SIP, a dialog). */
async function answeredAt(
  e: Emulator,
  extensionId: string,
  deviceId: string,
  sipToo: boolean
): Promise<{ at: number; sid: string }> {
  const deadline = Date.now() + 15_000
  while (Date.now() < deadline) {
    for (const s of await truth(e)) {
      const leg = s.parties.find(
        (p) =>
          p.extensionId === extensionId && p.deviceId === deviceId && p.status.code === 'Answered'
      )
      if (leg === undefined) continue
      if (sipToo) {
        const d = (await control(e, 'GET', '/__emulator/sip/dialogs')).json as {
          records: Array<{ partyId: string; state: string }>
        }
        if (!d.records.some((r) => r.partyId === leg.partyId && r.state === 'confirmed')) continue
      }
      return { at: Date.now(), sid: s.telephonySessionId }
    }
    await new Promise((r) => setTimeout(r, 5))
  }
  throw new Error('the pickup was not answered in 15 s')
}

async function untilIdle(e: Emulator, extensionId: string): Promise<void> {
  const deadline = Date.now() + 10_000
  while (Date.now() < deadline) {
    const busy = (await truth(e)).some((s) =>
      s.parties.some(
        (p) =>
          p.extensionId === extensionId &&
          p.status.code !== 'Disconnected' &&
          p.status.code !== 'Gone'
      )
    )
    if (!busy) return
    await new Promise((r) => setTimeout(r, 20))
  }
  throw new Error('the agent did not go idle')
}

type Kind = 'held' | 'ringing' | 'parked' | 'rest-parked (baseline)'

async function prepare(e: Emulator, page: Page, kind: Kind): Promise<string> {
  const sid = await startCall(e, { type: 'inbound', ring: ['@line1'] })
  if (kind !== 'ringing') {
    await act(e, sid, 'answer', { by: '@line1' })
    await act(e, sid, kind === 'held' ? 'hold' : 'park', { by: '@line1' })
  }
  const where = kind === 'ringing' ? 'nav-board' : 'nav-calls'
  await page.click(byTestId(where))
  const scope = kind === 'ringing' ? `${byTestId('incoming-pane')} ` : ''
  await page.locator(`${scope}${byTestId(`pickup-${sid}`)}`).waitFor()
  return `${scope}${byTestId(`pickup-${sid}`)}`
}

async function measure(e: Emulator, page: Page, kind: Kind, device: string): Promise<number[]> {
  const agent = e.agentExtensionId
  const out: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const button = await prepare(e, page, kind)
    const t0 = Date.now()
    await page.click(button)
    const done = await answeredAt(e, agent, device, kind !== 'rest-parked (baseline)')
    out.push(done.at - t0)
    await act(e, done.sid, 'drop', { by: '@demo' })
    await untilIdle(e, agent)
  }
  return out
}

async function main(): Promise<void> {
  const browser = await launchBrowser()
  const app = await openApp(browser, { traffic: false })
  try {
    const { page } = app
    await page.click(byTestId('signin-demo'))
    await page.waitForSelector(`${byTestId('phone-status')}[data-state="registered"]`, {
      timeout: 30_000
    })
    const e = app.emulator()
    const webPhone = await agentWebPhone(e)
    const results: Array<[Kind, number[]]> = []
    for (const kind of ['held', 'ringing', 'parked'] as const)
      results.push([kind, await measure(e, page, kind, webPhone)])
    // Today's path: the agent's other device chosen in settings, so the REST pickup rings no phone.
    const listing = await app.host.core.devices.list()
    const other = listing.ok
      ? listing.value.devices.find((d) => d.id !== webPhone && d.status === 'Online')
      : undefined
    if (other === undefined) throw new Error('the agent has no other online device')
    app.host.core.devices.setPreferred(other.id)
    results.push([
      'rest-parked (baseline)',
      await measure(e, page, 'rest-parked (baseline)', other.id)
    ])

    const base = results.at(-1)![1]
    const b95 = quantile(base, 0.95)
    console.log(`pickup, click → answered by the emulator's truth, ${RUNS} runs each (ms)`)
    for (const [kind, xs] of results) {
      const p50 = quantile(xs, 0.5)
      const p95 = quantile(xs, 0.95)
      const ratio = (p95 / b95).toFixed(2)
      const target =
        kind === 'rest-parked (baseline)' ? '' : p95 <= 1000 ? '  ≤ 1 s ✓' : '  > 1 s ✗'
      console.log(
        `${kind.padEnd(24)} p50 ${String(p50).padStart(5)}  p95 ${String(p95).padStart(5)}  p95/baseline ${ratio}${target}`
      )
    }
  } finally {
    await app.close()
    await browser.close()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
