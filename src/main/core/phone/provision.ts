/**
 * The web phone's SIP credentials, fetched by the core through the one REST client and handed to
 * the renderer over the typed bridge (`phone:setup`). The answer is decoded with the shared codec;
 * the password stays in memory, is never logged, and is registered as a secret so the support
 * bundle removes it wherever it might appear (docs/security.md#sip-credentials).
 */
import { PhoneSetup, provisionRequest, SipProvision } from '../../../shared/phone/provision'
import { explain } from '../calls/errors'
import { failWith, success, type CallResult } from '../calls/result'
import type { RestClient } from '../rest'

export const SIP_PROVISION_PATH = '/restapi/v1.0/client-info/sip-provision'

export interface PhoneProvisioning {
  /** Provisions (once per sign-in; concurrent callers share the request) and returns the setup. */
  setup(): Promise<CallResult<PhoneSetup>>
  /** The provisioned device, once provisioned: the default pickup device, "this computer". */
  deviceId(): string | undefined
  /** The proxies of the last provision (outbound and backup), for the renderer's CSP. */
  proxies(): readonly string[]
  /** Values the support bundle must never contain (the SIP password). */
  secrets(): readonly string[]
  /** Forgets the credentials (sign-out, another account). */
  reset(): void
}

export interface PhoneProvisioningOptions {
  readonly rest: RestClient
  /** This installation's stable instance id (kept in settings). */
  readonly instanceId: () => string
  readonly timeoutMs?: number
}

export function createPhoneProvisioning(options: PhoneProvisioningOptions): PhoneProvisioning {
  let current: Promise<CallResult<SipProvision>> | undefined
  let known: SipProvision | undefined

  const fetchProvision = async (): Promise<CallResult<SipProvision>> => {
    const out = await options.rest.post(SIP_PROVISION_PATH, provisionRequest(), {
      timeoutMs: options.timeoutMs ?? 15_000,
      codec: SipProvision
    })
    if (!out.ok) return failWith(explain(out.failure, { action: 'provision' }))
    known = out.value
    return success(out.value)
  }

  return {
    async setup() {
      const mine = current ?? fetchProvision()
      current = mine
      const r = await mine
      // Failures are not kept: the next call tries again.
      if (!r.ok && current === mine) current = undefined
      if (!r.ok) return r
      // Encoding through the exact codec drops whatever else the platform sent.
      return success(PhoneSetup.encode({ provision: r.value, instanceId: options.instanceId() }))
    },
    deviceId: () => known?.device.id,
    secrets: () => (known ? known.sipInfo.map((s) => s.password) : []),
    proxies: () =>
      known
        ? known.sipInfo.flatMap((s) => [
            s.outboundProxy,
            ...(s.outboundProxyBackup ? [s.outboundProxyBackup] : [])
          ])
        : [],
    reset() {
      current = undefined
      known = undefined
    }
  }
}
