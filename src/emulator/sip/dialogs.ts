/**
 * The emulator's side of each SIP dialog with a phone, and the requests it sends inside one. Header
 * names are spelled as the web phone spells them (`Call-Id`, `CSeq`, `Via`): it copies our names
 * into its replies and reads some back by exact property name (docs/platform.md#sip-web-phone).
 */
import { randomBytes } from 'node:crypto'
import type { MediaPeer } from './media'
import type { Header, SipRequest } from './message'
import type { SipConnection } from './transport'

export type DialogState = 'calling' | 'early' | 'confirmed' | 'ended'

export interface PhoneDialog {
  readonly callId: string
  /** The engine leg this dialog carries (changes never: a takeover makes a new dialog). */
  partyId: string
  readonly extensionId: string
  readonly deviceId: string
  /** Who sent the INVITE: the platform (a call to the phone) or the phone (a pickup). */
  readonly initiator: 'platform' | 'phone'
  state: DialogState
  /** The platform's tag and the phone's tag. */
  readonly platformTag: string
  phoneTag: string | undefined
  /** The platform's From/To as the platform's requests in this dialog carry them. */
  readonly platformUri: string
  readonly phoneAor: string
  /** Where requests to the phone go (its Contact). */
  readonly phoneTarget: string
  connection: SipConnection
  /** The INVITE the platform sent (CANCEL and ACK reuse its Via and CSeq number). */
  invite: SipRequest | undefined
  cseq: number
  peer: MediaPeer | undefined
  /** Our last SDP: a re-INVITE is answered from it (direction changed, version bumped). */
  localSdp: string
  sdpVersion: number
  autoAnswer: boolean
  /** A pickup's dialog: how the phone named the call it took (`Replaces` or `inbound-pickup`). */
  readonly pickup?: 'replaces' | 'inbound-pickup'
}

/**
 * Our CSeq numbers start far above the web phone's (it starts below 10,000 and counts up): it
 * matches replies to its requests by CSeq number alone, so ours must never collide with its own.
 */
let cseqBase = 5_000_000
export const nextCseq = (): number => ++cseqBase

export const newBranch = (): string => `z9hG4bK-emu-${randomBytes(8).toString('hex')}`

/** A platform tag shaped like the model's (`<proxy ip>-5070-<14 hex>`). */
export const newPlatformTag = (): string => `10.14.20.199-5070-${randomBytes(7).toString('hex')}`

export const newCallId = (): string => randomBytes(10).toString('hex')

/** The platform's view of the dialog as From/To header values. */
export function platformFrom(d: PhoneDialog, displayName?: string): string {
  const name = displayName === undefined ? '' : `"${displayName.replace(/["\\\r\n]/g, '')}" `
  return `${name}<${d.platformUri}>;tag=${d.platformTag}`
}

export function phoneTo(d: PhoneDialog): string {
  return d.phoneTag === undefined ? `<${d.phoneAor}>` : `<${d.phoneAor}>;tag=${d.phoneTag}`
}

/** A request from the platform inside the dialog (BYE, INFO, re-INVITE), with a fresh CSeq. */
export function inDialogRequest(
  d: PhoneDialog,
  via: string,
  method: string,
  extra: ReadonlyArray<Header> = [],
  body = ''
): SipRequest {
  d.cseq = nextCseq()
  return {
    kind: 'request',
    method,
    uri: d.phoneTarget,
    headers: [
      ['Via', `${via};branch=${newBranch()}`],
      ['From', platformFrom(d)],
      ['To', phoneTo(d)],
      ['Call-Id', d.callId],
      ['CSeq', `${d.cseq} ${method}`],
      ['Max-Forwards', '70'],
      ...extra
    ],
    body
  }
}

/**
 * The answer to a re-INVITE: our last SDP with the direction that mirrors the offer's (the web
 * phone holds with `sendonly`, so we answer `recvonly`) and the `o=` version bumped.
 */
export function reanswer(d: PhoneDialog, offer: string): string {
  const direction = /a=sendonly/.test(offer)
    ? 'recvonly'
    : /a=inactive/.test(offer)
      ? 'inactive'
      : /a=recvonly/.test(offer)
        ? 'sendonly'
        : 'sendrecv'
  d.sdpVersion++
  return d.localSdp
    .replace(/a=(sendrecv|sendonly|recvonly|inactive)/g, `a=${direction}`)
    .replace(/^(o=\S+ \S+) (\d+)/m, `$1 ${d.sdpVersion}`)
}

export function sdpVersionOf(sdp: string): number {
  return Number(/^o=\S+ \S+ (\d+)/m.exec(sdp)?.[1] ?? '1')
}
