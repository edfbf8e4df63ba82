/**
 * The `Replaces` header of a pickup INVITE (RFC 3891), built the way RingCentral's own clients
 * build it (docs/phone.md#pickup-over-sip). The tags are SWAPPED relative to their names in
 * `sipData`: the INVITE is matched by the platform's side of the monitored dialog, for which
 * `sipData.fromTag` is the local tag, and RFC 3891 §3 compares `to-tag` with the recipient's local
 * tag. Pure: the core builds the plan from its own state, the renderer's phone sends it.
 */
import { BLF_TAG, type RemoteTags } from './match'

/** What the core knows about a call on a monitored line that the agent may take. */
export type PickupTarget =
  /** A confirmed dialog on hold: replaced by its Call-ID and tags. */
  | { readonly kind: 'held'; readonly callId: string; readonly tags: RemoteTags }
  /**
   * A ringing leg: replaced through the BLF placeholder (`id` = telephony session id, `toTag`
   * `blf`, `fromTag` = the ringing party id), early-only because only the early dialog may go.
   */
  | { readonly kind: 'ringing'; readonly telephonySessionId: string; readonly partyId: string }
  /**
   * A ringing inbound call named the way RingCentral's own clients pick one up: by the session's
   * legacy `sessionId` and its `serverId` from the telephony session event body, in an
   * `RC-call-type: inbound-pickup` header (docs/phone.md#pickup-over-sip). Used when both are known;
   * the BLF `Replaces` above is the fallback.
   */
  | { readonly kind: 'inbound'; readonly sessionId: string; readonly serverId: string }

/** `Replaces: <call-id>;to-tag=<sipData.fromTag>;from-tag=<sipData.toTag>[;early-only]`. */
export function replacesHeader(target: Exclude<PickupTarget, { kind: 'inbound' }>): string {
  if (target.kind === 'held') {
    return `${target.callId};to-tag=${target.tags.fromTag};from-tag=${target.tags.toTag}`
  }
  return `${target.telephonySessionId};to-tag=${target.partyId};from-tag=${BLF_TAG};early-only`
}

/**
 * The BLF placeholder of a ringing leg from what presence reported, or from the telephony ids when
 * presence has not sent it (the placeholder's `fromTag` IS the party id).
 */
export function ringingTarget(
  telephonySessionId: string,
  partyId: string,
  tags: RemoteTags | null
): PickupTarget {
  const fromBlf = tags !== null && tags.toTag === BLF_TAG ? tags.fromTag : partyId
  return { kind: 'ringing', telephonySessionId, partyId: fromBlf }
}

/** `RC-call-type: inbound-pickup; session-id: <sessionId>; server-id: <serverId>`. */
export function inboundPickupHeader(sessionId: string, serverId: string): string {
  return `inbound-pickup; session-id: ${sessionId}; server-id: ${serverId}`
}

/**
 * The ringing target: RingCentral's `inbound-pickup` when the session's `sessionId` and `serverId`
 * are known, else the BLF placeholder.
 */
export function ringingPickup(
  ids: { readonly sessionId: string | null; readonly serverId: string | null },
  blf: () => PickupTarget
): PickupTarget {
  return ids.sessionId !== null && ids.serverId !== null
    ? { kind: 'inbound', sessionId: ids.sessionId, serverId: ids.serverId }
    : blf()
}

/** The extra headers of the pickup INVITE. */
export function pickupHeaders(target: PickupTarget): Readonly<Record<string, string>> {
  if (target.kind === 'inbound') {
    return { 'RC-call-type': inboundPickupHeader(target.sessionId, target.serverId) }
  }
  return { Replaces: replacesHeader(target), Require: 'replaces' }
}

/**
 * What the core returns for a pickup of a held or ringing monitored call: authorised against its
 * own state, built from its own tags. The renderer's phone sends it as an INVITE to
 * `sip:<target>@<domain>` with these headers.
 */
export interface SipPickupPlan {
  readonly telephonySessionId: string
  readonly partyId: string
  /** What the call was (the renderer labels and tracks by it). */
  readonly kind: 'held' | 'ringing'
  /** How the INVITE names the call: `Replaces`, or RingCentral's `inbound-pickup`. */
  readonly via: 'replaces' | 'inbound-pickup'
  /** The monitored line's extension number. */
  readonly target: string
  readonly headers: Readonly<Record<string, string>>
}
