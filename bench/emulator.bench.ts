/**
 * `npm run bench:emulator`: notifications per second the emulator delivers to ONE real
 * `@ringcentral/subscriptions` client on loopback, against a baseline measured in the same run: a raw
 * `ws` client on the same gateway receiving the same frames (JSON.parse + count, nothing else).
 * The ratio says how much of the delivery cost is the client library rather than the emulator.
 * Bodies are realistic: the projection of ten virtual minutes of seeded call-centre traffic.
 */
import { SDK } from '@ringcentral/sdk'
import { Subscriptions } from '@ringcentral/subscriptions'
import WebSocket from 'ws'
import { Director } from '../src/emulator/callcentre/director'
import { Engine } from '../src/emulator/callcentre/engine'
import type { Change } from '../src/emulator/callcentre/model'
import { Projector } from '../src/emulator/callcentre/project'
import type { Delivery } from '../src/emulator/callcentre/wire'
import { startEmulator } from '../src/emulator'
import { MemoryStorage } from '../test/support/memory-storage'

const COUNT = 20_000
const ROUNDS = 5
const FILTERS = [
  '/restapi/v1.0/account/~/extension/~/presence?detailedTelephonyState=true&sipData=true',
  '/restapi/v1.0/account/~/extension/~/presence/line/presence?detailedTelephonyState=true&sipData=true',
  '/restapi/v1.0/account/~/presence',
  '/restapi/v1.0/account/~/telephony/sessions?sipData=true'
]

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const rate = (ms: number): string => Math.round((COUNT * 1000) / ms).toLocaleString('en-US')

async function main(): Promise<void> {
  const emu = await startEmulator({
    port: 0,
    traffic: false,
    seed: 42,
    rateLimits: { limits: { auth: 1000 } }
  })
  const sdk = new SDK({
    server: emu.url,
    clientId: emu.clientId,
    clientSecret: emu.clientSecret,
    localStorage: new MemoryStorage()
  })
  await sdk.platform().login({ jwt: emu.jwt })

  // Client under test: the real subscriptions client.
  let sdkReceived = 0
  const sub = new Subscriptions({ sdk }).createSubscription()
  sub.on(sub.events.notification, () => sdkReceived++)
  const registered = await sub.setEventFilters(FILTERS).register()
  const sdkSubId = registered.subscriptionInfo?.id
  if (sdkSubId === undefined) throw new Error('the subscription has no id')

  // Baseline: a raw ws client speaking the WSG protocol (docs/platform.md#websocket-gateway).
  const token = (await (await sdk.platform().post('/restapi/oauth/wstoken')).json()) as {
    uri: string
    ws_access_token: string
  }
  const raw = new WebSocket(
    `${token.uri}?access_token=${encodeURIComponent(token.ws_access_token)}`
  )
  let rawReceived = 0
  let rawSubId = ''
  await new Promise<void>((resolve, reject) => {
    raw.on('error', reject)
    raw.on('message', (data) => {
      const frame = JSON.parse(String(data)) as [
        { type: string; messageId?: string },
        { id?: string }?
      ]
      const meta = frame[0]
      if (meta.type === 'ServerNotification') rawReceived++
      else if (meta.type === 'ConnectionDetails') {
        raw.send(
          JSON.stringify([
            {
              type: 'ClientRequest',
              messageId: 'bench/0',
              method: 'POST',
              path: '/restapi/v1.0/subscription',
              headers: {}
            },
            { deliveryMode: { transportType: 'WebSocket' }, eventFilters: FILTERS }
          ])
        )
      } else if (meta.type === 'ClientRequest' && meta.messageId === 'bench/0') {
        rawSubId = frame[1]?.id ?? ''
        resolve()
      }
    })
  })

  // Realistic drafts for this subscriber: ten virtual minutes of traffic on a private engine.
  const view = emu.platform.gateway.subscriptions().find((s) => s.id === sdkSubId)!
  const engine = new Engine(emu.cast, { seed: 42, now: () => Date.UTC(2026, 10, 21, 9, 30) })
  const changes: Change[] = []
  engine.onChanges((c) => changes.push(...c))
  const director = new Director(engine, {
    seed: 42,
    demoExtensionId: emu.agentExtensionId,
    timers: { setTimeout: () => 0, clearTimeout: () => undefined, now: () => 0 }
  })
  director.startTraffic()
  director.scheduler.drain(600_000)
  director.close()
  const pool: Delivery[] = new Projector(engine).deliveries(view, changes)
  const drafts = Array.from({ length: COUNT }, (_, i) => pool[i % pool.length]!)
  const bytes = drafts.reduce((n, d) => n + JSON.stringify(d.body).length, 0)

  /** Publishes all drafts to one subscription at once and waits until its client has them all. */
  async function round(target: string, received: () => number): Promise<number> {
    const start = received()
    const t0 = performance.now()
    emu.platform.gateway.publish((s) => (s.id === target ? drafts : []))
    while (received() - start < COUNT) await new Promise((r) => setImmediate(r))
    return performance.now() - t0
  }

  await round(sdkSubId, () => sdkReceived) // warm-up
  await round(rawSubId, () => rawReceived)
  const sdkMs: number[] = []
  const rawMs: number[] = []
  for (let i = 0; i < ROUNDS; i++) {
    rawMs.push(await round(rawSubId, () => rawReceived))
    sdkMs.push(await round(sdkSubId, () => sdkReceived))
  }
  const r = median(rawMs)
  const s = median(sdkMs)
  console.log(
    `notifications: ${COUNT} per round (${Math.round(bytes / COUNT)} bytes of body on average, ${pool.length} distinct), ${ROUNDS} rounds, median`
  )
  console.log(`raw ws client (baseline):        ${rate(r)} notifications/s`)
  console.log(`@ringcentral/subscriptions 5.x:  ${rate(s)} notifications/s`)
  // Same COUNT per round, so the rate ratio is the inverse ratio of the median times.
  console.log(`ratio: subscriptions client / raw ws = ${(r / s).toFixed(2)}× the baseline rate`)

  raw.close()
  const wse = registered.wse as unknown as {
    intervalHandle?: ReturnType<typeof setInterval>
    pingServerHandle?: ReturnType<typeof setTimeout>
    disable(): void
  }
  await registered.revoke().catch(() => undefined)
  clearInterval(wse.intervalHandle)
  clearTimeout(wse.pingServerHandle)
  wse.disable()
  await sdk
    .platform()
    .logout()
    .catch(() => undefined)
  await emu.close()
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
