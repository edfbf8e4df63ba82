/**
 * The core's side of Ringside's web phone. The phone itself runs in the renderer (it needs
 * WebRTC); the core provisions its credentials and learns whether it is registered, which decides
 * whether "this computer" is the default device for answers and parked pickups.
 */
import { randomUUID } from 'node:crypto'
import type { PhoneSetup } from '../../../shared/phone/provision'
import type { DeviceDirectory } from '../calls/devices'
import type { CallResult } from '../calls/result'
import type { PhoneProvisioning } from './provision'

export interface CorePhone {
  /** The SIP credentials and instance id for the renderer's phone (provisions once per sign-in). */
  setup(): Promise<CallResult<PhoneSetup>>
  /** The renderer's phone registered, or lost its registration (and why, for diagnostics). */
  report(registered: boolean, reason?: string): void
  /** Why the phone last failed to register, as the renderer said. */
  lastProblem(): string | undefined
  /** What the renderer last reported. */
  registered(): boolean
  /** The provisioned SIP proxies (`host:port`), for the renderer's CSP. */
  proxies(): readonly string[]
}

export function corePhone(provisioning: PhoneProvisioning, devices: DeviceDirectory): CorePhone {
  let registered = false
  let problem: string | undefined
  const apply = (): void => {
    const deviceId = provisioning.deviceId()
    devices.setThisComputer(deviceId === undefined ? undefined : { deviceId, registered })
  }
  return {
    async setup() {
      const r = await provisioning.setup()
      apply()
      return r
    },
    report(next, reason) {
      registered = next
      problem = next ? undefined : reason
      apply()
    },
    lastProblem: () => problem,
    registered: () => registered,
    proxies: () => provisioning.proxies()
  }
}

/** Without settings (tests, the headless runner): one instance id for the core's lifetime. */
export function constantInstanceId(): () => string {
  const id = randomUUID()
  return () => id
}
