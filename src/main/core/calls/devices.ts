/**
 * The agent's phones (`GET …/extension/~/device`, docs/platform.md#devices) and
 * which one answer and pickup put a call on. The list is fetched once and cached: devices change
 * rarely, and a click should cost exactly one call-control request, not a device lookup as well.
 * The core refreshes it at sign-in and when RingCentral rejects a device.
 */
import { enumText } from '../../../shared/events'
import type { RestClient } from '../rest'
import { DeviceListPage, DeviceRecord, decodeWith } from './codecs'
import { explain } from './errors'
import { failure, success, type CallResult } from './result'

export const DEVICE_LIST_PATH = '/restapi/v1.0/account/~/extension/~/device'

export interface AgentDevice {
  readonly id: string
  readonly name: string
  /** Wire text (`WebPhone`, `SoftPhone`, `HardPhone`, …), unknown types included. */
  readonly type: string
  /** A device without a status is treated as Offline: nothing says a call would reach it. */
  readonly status: 'Online' | 'Offline'
}

export interface DeviceChoice {
  readonly device: AgentDevice
  /** `preferred`: the agent's setting; `default`: Ringside's pick (no setting, or it is offline). */
  readonly reason: 'preferred' | 'default'
}

export interface DeviceListing {
  readonly devices: ReadonlyArray<AgentDevice>
  /** Records that did not decode, as `path: problem` lines (for diagnostics). */
  readonly skipped: ReadonlyArray<string>
}

/** What call control needs from the device directory. */
export interface DeviceSource {
  choose(): Promise<CallResult<DeviceChoice>>
  /** Forget the cached list (RingCentral rejected a device); the next `choose` fetches again. */
  invalidate(): void
}

export interface DeviceDirectory extends DeviceSource {
  /** The cached list, fetched on first use; concurrent callers share one request. */
  list(options?: { readonly refresh?: boolean }): Promise<CallResult<DeviceListing>>
  /** The agent's preferred device id; the caller persists it. `undefined` clears it. */
  setPreferred(deviceId: string | undefined): void
  /** Ringside's own phone, once provisioned; `undefined` when there is none. */
  setThisComputer(here: ThisComputer | undefined): void
  readonly thisComputer: ThisComputer | undefined
  readonly preferredId: string | undefined
}

export interface DeviceDirectoryOptions {
  readonly rest: RestClient
  readonly preferredId?: string
  readonly timeoutMs?: number
}

/**
 * Ringside's default: an online web phone (what Ringside's own softphone registers as, and where the
 * platform rings first), then the RingCentral desktop app (SoftPhone), then anything else online.
 */
const RANK: Readonly<Record<string, number>> = { WebPhone: 0, SoftPhone: 1 }
const rank = (d: AgentDevice): number => RANK[d.type] ?? 2

/** Ringside's own web phone: the provisioned device, and whether it is registered right now. */
export interface ThisComputer {
  readonly deviceId: string
  readonly registered: boolean
}

/** What the agent sees the provisioned device called, in settings and in toasts. */
export const THIS_COMPUTER = 'this computer'

/**
 * Pure: the preferred device when it is listed and online; else this computer's phone when it is
 * registered; else the best online one. This computer's device is never the default while its
 * phone is not registered: the call would ring nothing, and the toast would name a phone that does
 * not run (browser mode without a phone, a failed registration).
 */
export function chooseDevice(
  devices: ReadonlyArray<AgentDevice>,
  preferredId?: string,
  here?: ThisComputer
): DeviceChoice | undefined {
  const named = devices.map((d) => (d.id === here?.deviceId ? { ...d, name: THIS_COMPUTER } : d))
  const online = named.filter((d) =>
    d.id === here?.deviceId ? here.registered : d.status === 'Online'
  )
  const preferred = online.find((d) => d.id === preferredId)
  if (preferred !== undefined) return { device: preferred, reason: 'preferred' }
  const local = online.find((d) => d.id === here?.deviceId)
  if (local !== undefined) return { device: local, reason: 'default' }
  // Stable: among equal ranks RingCentral's order wins.
  const best = online.reduce<AgentDevice | undefined>(
    (acc, d) => (acc === undefined || rank(d) < rank(acc) ? d : acc),
    undefined
  )
  return best === undefined ? undefined : { device: best, reason: 'default' }
}

/** Decodes a device-list body; records that fail are skipped and reported, not fatal. */
export function decodeDeviceList(body: unknown): CallResult<DeviceListing> {
  const page = decodeWith(DeviceListPage, body)
  if (!page.ok) {
    return failure('unknown', 'RingCentral sent a device list Ringside cannot read.', page.issues)
  }
  const devices: AgentDevice[] = []
  const skipped: string[] = []
  page.value.records.forEach((raw, i) => {
    const r = decodeWith(DeviceRecord, raw)
    if (!r.ok) {
      skipped.push(`records[${i}]: ${r.issues}`)
      return
    }
    const { id, name, type, status } = r.value
    devices.push({
      id,
      name: name ?? (type === undefined ? `Device ${id}` : enumText(type)),
      type: type === undefined ? 'OtherPhone' : enumText(type),
      status: status === 'Online' ? 'Online' : 'Offline'
    })
  })
  return success({ devices, skipped })
}

/** The agent's devices, cached, with the preferred-device setting. */
export function createDeviceDirectory(options: DeviceDirectoryOptions): DeviceDirectory {
  const timeoutMs = options.timeoutMs ?? 15_000
  let preferredId = options.preferredId
  let here: ThisComputer | undefined
  let cached: Promise<CallResult<DeviceListing>> | undefined

  const fetchList = async (): Promise<CallResult<DeviceListing>> => {
    // Listed on the way to a click (answer, pickup): a 429 is reported at once, as call control's.
    const out = await options.rest.get(DEVICE_LIST_PATH, { timeoutMs, maxRateLimitWaits: 0 })
    return out.ok
      ? decodeDeviceList(out.value)
      : { ok: false, error: explain(out.failure, { action: 'devices' }) }
  }

  const list: DeviceDirectory['list'] = (opts) => {
    if (cached === undefined || opts?.refresh === true) {
      const mine = fetchList()
      cached = mine
      // Failures are not cached: the next click tries again.
      void mine.then((r) => {
        if (!r.ok && cached === mine) cached = undefined
      })
    }
    return cached
  }

  return {
    list,
    async choose() {
      const listing = await list()
      if (!listing.ok) return listing
      const choice = chooseDevice(listing.value.devices, preferredId, here)
      if (choice !== undefined) return success(choice)
      // The list may predate the agent opening their phone app: the next click fetches it again.
      cached = undefined
      return failure(
        'no-device',
        'None of your phones is online. Open the RingCentral app or your phone and try again.'
      )
    },
    invalidate() {
      cached = undefined
    },
    setPreferred(deviceId) {
      preferredId = deviceId
    },
    get preferredId() {
      return preferredId
    },
    setThisComputer(next) {
      here = next
    },
    get thisComputer() {
      return here
    }
  }
}
