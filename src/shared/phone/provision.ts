/**
 * The SIP-provision answer (`POST /restapi/v1.0/client-info/sip-provision`, docs/phone.md#sip-provision)
 * and what the core hands the renderer's phone. One codec, decoded twice: by the core when the
 * platform answers, and by the renderer when the credentials arrive over the bridge, so neither
 * trusts the other's copy. Every object is exact: encoding drops the fields the phone does not
 * use, so nothing the platform adds travels further than the core.
 *
 * `outboundProxy` ends up in the renderer's Content-Security-Policy (`connect-src wss://<proxy>`),
 * so it is held to `host:port[/path]` with no character a CSP or URL could be bent by.
 */
import * as t from 'io-ts'
import { boundedArray, boundedString } from '../ipc/bounded'

/** RingCentral's SIP fields are short; 256 leaves room and keeps a hostile answer small. */
const MAX_SIP_FIELD = 256
const SipText = boundedString(MAX_SIP_FIELD, 'a SIP field')

/** `host:port` or `host:port/path`: letters, digits, `.`, `-`, `_`, one `:` port, an optional path. */
const PROXY = /^[A-Za-z0-9.-]+:\d{1,5}(\/[A-Za-z0-9._~/-]*)?$/
export const ProxyAddress = t.refinement(SipText, (s) => PROXY.test(s), 'ProxyAddress')
export type ProxyAddress = t.TypeOf<typeof ProxyAddress>

export const SipInfo = t.exact(
  t.intersection([
    t.type({
      transport: t.literal('WSS'),
      username: SipText,
      password: SipText,
      authorizationId: SipText,
      domain: SipText,
      outboundProxy: ProxyAddress
    }),
    t.partial({
      outboundProxyBackup: ProxyAddress,
      stunServers: boundedArray(SipText, 8, 'STUN servers'),
      authorizationTypes: boundedArray(SipText, 8, 'authorization types')
    })
  ])
)
export type SipInfo = t.TypeOf<typeof SipInfo>

export const SipDevice = t.exact(
  t.intersection([
    t.type({ id: SipText }),
    t.partial({
      type: SipText,
      extension: t.exact(t.partial({ extensionNumber: SipText }))
    })
  ])
)

/** The provision answer as far as Ringside reads it; `sipInfo[0]` is the WSS entry asked for. */
export const SipProvision = t.exact(
  t.type({
    device: SipDevice,
    sipInfo: t.refinement(
      boundedArray(SipInfo, 4, 'SIP entries'),
      (a) => a.length > 0,
      'non-empty sipInfo'
    )
  })
)
export type SipProvision = t.TypeOf<typeof SipProvision>

/** What the renderer's phone starts with: the provision and this installation's instance id. */
export const PhoneSetup = t.exact(
  t.type({
    provision: SipProvision,
    /** One per installation (RingCentral allows five per extension); not a secret. */
    instanceId: SipText
  })
)
export type PhoneSetup = t.TypeOf<typeof PhoneSetup>

/** The body that asks for WSS credentials, optionally for a known device. */
export function provisionRequest(deviceId?: string): {
  sipInfo: Array<{ transport: 'WSS' }>
  device?: { id: string }
} {
  return { sipInfo: [{ transport: 'WSS' }], ...(deviceId ? { device: { id: deviceId } } : {}) }
}

/** The password shown in the UI: never the value, never its length. */
export const MASKED_PASSWORD = '••••••••'
