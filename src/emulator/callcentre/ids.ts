/**
 * Identifier and SIP tag formats, modelled on real payloads (docs/platform.md#presence-sip-data,
 * docs/platform.md#parties):
 * - telephony session `s-<32 hex>`, parties `p-<same hex>-<n>`;
 * - legacy `sessionId` a 12-digit decimal, `serverId` like `10.13.22.28.TAM`;
 * - SIP Call-ID of an INVITE the platform sends: an opaque base36 token (the event document's
 *   example shows `1nf2mhj51dp3asb3l0r5` as a connected call's id, which equals its Call-ID);
 * - the platform's from-tag `<proxy ip>-5070-<14 hex>` (`10.14.20.199-5070-63fbd8da20314c`);
 * - the device's to-tag: 10 base36 characters, what SIP.js-based web phones generate
 *   (`7lcee2ho88`).
 */
import type { SipDialog } from './model'
import type { Rng } from './random'

const SIP_PROXIES = ['10.14.20.199', '10.14.21.37', '10.13.22.28'] as const
const SERVERS = ['10.13.22.28.TAM', '10.13.23.41.TAM', '10.14.20.199.TAM'] as const
export const SIP_DOMAIN = 'sip.ringcentral.com'

export interface SessionIds {
  readonly telephonySessionId: string
  readonly sessionId: string
  readonly serverId: string
  readonly hex: string
}

export function newSessionIds(rng: Rng): SessionIds {
  const hex = rng.hex(32)
  return {
    telephonySessionId: `s-${hex}`,
    sessionId: rng.digits(12),
    serverId: rng.pick(SERVERS),
    hex
  }
}

export const partyIdOf = (hex: string, n: number): string => `p-${hex}-${n}`

/** `sip:+14155550123@sip.ringcentral.com`, or the extension number for internal ends. */
export const sipUri = (user: string): string => `sip:${user}@${SIP_DOMAIN}`

export function newDialog(rng: Rng, localUser: string, remoteUser: string): SipDialog {
  return {
    callId: rng.base36(20),
    fromTag: `${rng.pick(SIP_PROXIES)}-5070-${rng.hex(14)}`,
    toTag: rng.base36(10),
    localUri: sipUri(localUser),
    remoteUri: sipUri(remoteUser)
  }
}

/**
 * Recording ids are decimal strings in real data (`recordings[{id, active}]`,
 * docs/platform.md#parties).
 */
export const newRecordingId = (rng: Rng): string => rng.digits(10)
