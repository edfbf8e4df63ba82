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

/** `Replaces: <call-id>;to-tag=<sipData.fromTag>;from-tag=<sipData.toTag>[;early-only]`. */
export function replacesHeader(target: PickupTarget): string {
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

/** The extra headers of the pickup INVITE. */
export function pickupHeaders(target: PickupTarget): Readonly<Record<string, string>> {
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
  readonly kind: PickupTarget['kind']
  /** The monitored line's extension number. */
  readonly target: string
  readonly headers: Readonly<Record<string, string>>
}
