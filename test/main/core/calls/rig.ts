/**
 * A real emulator (no random traffic), the real SDK signed in with a JWT over real sockets, a
 * request spy on the SDK client, the emulator's control API for injecting and driving calls, and a
 * stub of the core's state lookup. A rig closes itself when the test that started it finishes.
 */
import { SDK } from '@ringcentral/sdk'
import { onTestFinished } from 'vitest'
import { startEmulator, type Emulator } from '../../../../src/emulator'
import type { LegTruth, SessionTruth } from '../../../../src/emulator/callcentre/truth'
import type { AppPermission } from '../../../../src/emulator/platform/permissions'
import {
  createCallControl,
  createDeviceDirectory,
  type CallControl,
  type CallLookup,
  type CallSituation,
  type DeviceChoice
} from '../../../../src/main/core/calls'
import {
  createRestClient,
  type PlatformLike,
  type RestClient
} from '../../../../src/main/core/rest'
import { MemoryStorage } from '../../../support/memory-storage'

export interface CallRig {
  readonly emu: Emulator
  readonly sdk: SDK
  /** What the service gets: the SDK Platform, typed as the narrow port. */
  readonly platform: () => PlatformLike
  /** The core's REST client over that platform, as the core builds it. */
  readonly rest: RestClient
  /** Every HTTP request the SDK sent after sign-in, as `METHOD /path`. */
  readonly requests: string[]
  /** Requests whose path contains `part`. */
  sent(part: string): number
  /** The emulator's control API (`/__emulator/calls…`). */
  control<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T>
  truth(telephonySessionId: string): Promise<SessionTruth>
  close(): Promise<void>
}

export interface RigOptions {
  /** Sign in as this extension instead of the demo agent. */
  readonly extensionId?: string
  /** Sign in through a separately registered app with these permissions. */
  readonly scopes?: ReadonlyArray<AppPermission>
}

/** Call it inside a test: the rig is closed when that test finishes, passed or failed. */
export async function startCallRig(options: RigOptions = {}): Promise<CallRig> {
  const emu = await startEmulator({ port: 0, seed: 7, traffic: false })
  let app = { clientId: emu.clientId, clientSecret: emu.clientSecret }
  if (options.scopes !== undefined) {
    const registered = emu.control.registerClient({ scopes: [...options.scopes] })
    app = { clientId: registered.clientId, clientSecret: registered.clientSecret }
  }
  const sdk = new SDK({
    server: emu.url,
    ...app,
    appName: 'RingsideCallsTest',
    appVersion: '0.0.1',
    localStorage: new MemoryStorage()
  })
  const who = options.extensionId ?? emu.agentExtensionId
  await sdk.platform().login({ jwt: emu.control.mintJwt(who, { clientId: app.clientId }) })
  const requests: string[] = []
  const client = sdk.client()
  client.on(client.events.beforeRequest, (req: Request) => {
    requests.push(`${req.method} ${new URL(req.url).pathname}`)
  })
  const control = async <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${emu.url}/__emulator/calls${path}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) })
    })
    const json: unknown = await res.json()
    if (!res.ok) throw new Error(`control ${method} ${path}: ${res.status} ${JSON.stringify(json)}`)
    return json as T
  }
  let closed = false
  const close = async (): Promise<void> => {
    if (closed) return
    closed = true
    await emu.close()
  }
  onTestFinished(close)
  return {
    emu,
    sdk,
    platform: () => sdk.platform(),
    rest: createRestClient({ platform: () => sdk.platform() }),
    requests,
    sent: (part) => requests.filter((r) => r.includes(part)).length,
    control,
    truth: (sid) => control<SessionTruth>('GET', `/${sid}`),
    close
  }
}

export interface ControlRig {
  readonly rig: CallRig
  readonly calls: CallControl
  readonly state: ReturnType<typeof stubLookup>
  /** The phone answer and pickup put calls on. */
  readonly device: DeviceChoice['device']
}

/**
 * A rig with call control as the core builds it, over the rig's REST and a stub lookup. The phone
 * is chosen first and the request log cleared, so every action after this is exactly its own
 * requests on the wire.
 */
export async function startControlRig(options: RigOptions = {}): Promise<ControlRig> {
  const rig = await startCallRig(options)
  const devices = createDeviceDirectory({ rest: rig.rest })
  const choice = await devices.choose()
  if (!choice.ok) throw new Error(choice.error.message)
  const state = stubLookup()
  const calls = createCallControl({ rest: rig.rest, devices, lookup: state.lookup })
  rig.requests.length = 0
  return { rig, calls, state, device: choice.value.device }
}

export interface Leg {
  readonly sid: string
  readonly pid: string
  readonly leg: LegTruth
}

/** An inbound call ringing on `ring` (extension refs); returns `who`'s ringing leg. */
export async function ringing(rig: CallRig, ring: string[], who: string): Promise<Leg> {
  const session = await rig.control<SessionTruth>('POST', '', { type: 'inbound', ring })
  const leg = session.parties.find((p) => p.extensionId === who && p.status.code === 'Proceeding')
  if (leg === undefined) throw new Error(`no ringing leg for ${who}`)
  return { sid: session.telephonySessionId, pid: leg.partyId, leg }
}

/** A call answered by `by` (a ref) and parked by them: the parked leg. */
export async function parkedCall(rig: CallRig, by = '@line1'): Promise<Leg> {
  const session = await rig.control<SessionTruth>('POST', '', { type: 'inbound', ring: [by] })
  const sid = session.telephonySessionId
  await rig.control('POST', `/${sid}/answer`, { by })
  const { party } = await rig.control<{ party: LegTruth }>('POST', `/${sid}/park`, { by })
  if (party.status.code !== 'Parked') throw new Error('park failed')
  return { sid, pid: party.partyId, leg: party }
}

/** The core's state, as a table the test fills; `calls` records every question asked. */
export function stubLookup(): {
  lookup: CallLookup
  set(sid: string, pid: string, s: CallSituation | (() => CallSituation)): void
  calls: Array<[string, string]>
} {
  const table = new Map<string, CallSituation | (() => CallSituation)>()
  const calls: Array<[string, string]> = []
  return {
    calls,
    set: (sid, pid, s) => void table.set(`${sid}/${pid}`, s),
    lookup: (sid, pid) => {
      calls.push([sid, pid])
      const s = table.get(`${sid}/${pid}`) ?? { kind: 'unknown' }
      return typeof s === 'function' ? s() : s
    }
  }
}
