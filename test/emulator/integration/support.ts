/**
 * Real SDK + real subscriptions client over real sockets against `startEmulator({ port: 0 })`.
 * Every test owns its emulator and clients (`startWorld`) and closes them, even when it fails.
 */
import { SDK } from '@ringcentral/sdk'
import { onTestFinished } from 'vitest'
import { Subscriptions } from '@ringcentral/subscriptions'
import { decodeNotification, type DecodeResult } from '../../../src/shared/events'
import { startEmulator, type Emulator, type EmulatorOptions } from '../../../src/emulator'
import { MemoryStorage } from '../../support/memory-storage'
import { waitFor } from '../../support/wait'

export interface Received {
  readonly raw: Record<string, unknown>
  readonly decoded: DecodeResult
}

/** Every filter family of the event documents, as the app writes them (with `~`). */
export const SEED_FILTERS = [
  '/restapi/v1.0/account/~/extension/~/presence?detailedTelephonyState=true&sipData=true',
  '/restapi/v1.0/account/~/extension/~/presence/line/presence?detailedTelephonyState=true&sipData=true',
  '/restapi/v1.0/account/~/extension/~/favorite/presence',
  '/restapi/v1.0/account/~/presence',
  '/restapi/v1.0/account/~/telephony/sessions',
  '/restapi/v1.0/account/~/telephony/sessions?direction=Inbound',
  '/restapi/v1.0/account/~/telephony/sessions?statusCode=Parked',
  '/restapi/v1.0/account/~/telephony/sessions?sipData=true',
  '/restapi/v1.0/account/~/extension/~/presence/line',
  '/restapi/v1.0/account/~/extension/~/favorite'
]

export class World {
  readonly received: Received[] = []
  private readonly cleanups: Array<() => unknown> = []
  emulator!: Emulator
  sdk!: SDK

  async start(options: EmulatorOptions = {}): Promise<Emulator> {
    this.emulator = await startEmulator({ port: 0, traffic: false, ...options })
    this.cleanups.push(() => this.emulator.close())
    this.sdk = new SDK({
      server: this.emulator.url,
      clientId: this.emulator.clientId,
      clientSecret: this.emulator.clientSecret,
      localStorage: new MemoryStorage()
    })
    await this.sdk.platform().login({ jwt: this.emulator.jwt })
    this.cleanups.push(() =>
      this.sdk
        .platform()
        .logout()
        .catch(() => undefined)
    )
    return this.emulator
  }

  /** ONE subscription with all `filters`; every notification is decoded on arrival. */
  async subscribe(filters: ReadonlyArray<string> = SEED_FILTERS): Promise<void> {
    const subscriptions = new Subscriptions({ sdk: this.sdk })
    const sub = subscriptions.createSubscription()
    sub.on(sub.events.notification, (evt: unknown) => {
      const raw = evt as Record<string, unknown>
      this.received.push({ raw, decoded: decodeNotification(raw) })
    })
    const registered = await sub.setEventFilters([...filters]).register()
    this.cleanups.push(() => dispose(registered))
  }

  /** Control API call (loopback, no auth). */
  async control(
    method: string,
    path: string,
    body?: unknown
  ): Promise<{ status: number; json: unknown }> {
    const res = await fetch(`${this.emulator.url}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) })
    })
    const text = await res.text()
    return { status: res.status, json: text === '' ? undefined : (JSON.parse(text) as unknown) }
  }

  /** REST through the SDK; a non-2xx comes back as status + body instead of a throw. */
  async rest(
    method: 'get' | 'post' | 'put' | 'delete',
    path: string,
    body?: unknown
  ): Promise<{ status: number; json: unknown }> {
    try {
      const p = this.sdk.platform()
      const res =
        method === 'get'
          ? await p.get(path)
          : method === 'delete'
            ? await p.delete(path)
            : await p[method](path, body)
      const text = await res.text()
      return { status: res.status, json: text === '' ? undefined : (JSON.parse(text) as unknown) }
    } catch (e) {
      const response = (e as { response?: Response }).response
      if (response === undefined) throw e
      return { status: response.status, json: (await response.json()) as unknown }
    }
  }

  waitFor(condition: () => boolean, what: string, timeoutMs = 8000): Promise<void> {
    return waitFor(condition, what, timeoutMs)
  }

  /** Bodies of received notifications whose event matches. */
  bodies(match: (event: string) => boolean): Array<Record<string, unknown>> {
    return this.received
      .filter((r) => match(String(r.raw['event'])))
      .map((r) => r.raw['body'] as Record<string, unknown>)
  }

  /** Parties of the received telephony bodies whose event matches, in arrival order. */
  parties(match: (event: string) => boolean): PartyJson[] {
    return this.bodies(match).flatMap(partiesOf)
  }

  async close(): Promise<void> {
    for (const c of this.cleanups.reverse()) await c()
  }
}

/** A started world, closed when the test that started it finishes, passed or failed. */
export async function startWorld(options: EmulatorOptions = {}): Promise<World> {
  const world = new World()
  onTestFinished(() => world.close())
  await world.start(options)
  return world
}

/** The parts of @rc-ex/ws's WebSocketExtension that must be stopped after revoke. */
interface WsExtension {
  readonly intervalHandle?: ReturnType<typeof setInterval>
  readonly pingServerHandle?: ReturnType<typeof setTimeout>
  readonly ws?: { terminate(): void }
  disable(): void
}

/**
 * `revoke()` sends the DELETE but leaves the client's auto-recover loop running, which would try to
 * reconnect to the closed emulator; stop it too.
 */
async function dispose(registered: { revoke(): Promise<void>; wse: unknown }): Promise<void> {
  const wse = registered.wse as WsExtension
  try {
    await Promise.race([
      registered.revoke().catch(() => undefined),
      new Promise((r) => setTimeout(r, 1500))
    ])
  } finally {
    clearInterval(wse.intervalHandle)
    clearTimeout(wse.pingServerHandle)
    wse.disable()
    wse.ws?.terminate()
  }
}

export type PartyJson = {
  id: string
  extensionId?: string
  status: { code: string; reason?: string; parkData?: string }
  sipData?: { callId: string; fromTag: string; toTag: string }
}
export const partiesOf = (b: Record<string, unknown>): PartyJson[] =>
  (b['parties'] ?? []) as PartyJson[]
