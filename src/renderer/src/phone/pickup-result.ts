/**
 * How a pickup over SIP ended, in words an agent understands. The SIP answer decides (RFC 3891
 * §3 as docs/phone.md#failures says): 481 no such dialog (the tags Ringside had are stale), 486
 * the call was answered meanwhile, 603 it had ended; and the phone's own troubles (no
 * registration, the socket lost mid-pickup, no answer in time). In every case the call stays
 * where it was: the platform leaves the other leg untouched when a Replaces does not match.
 */
export type PickupFailureKind =
  'no-phone' | 'lost' | 'timeout' | 'stale' | 'busy' | 'ended' | 'refused'

export type PickupResult =
  | { readonly ok: true; readonly callId: string }
  | {
      readonly ok: false
      readonly kind: PickupFailureKind
      /** The SIP status code, when the far end answered. */
      readonly status: number | null
      readonly message: string
    }

const MESSAGES: Readonly<Record<PickupFailureKind, string>> = {
  'no-phone': "Ringside's phone is not registered, so it cannot take the call.",
  lost: "Ringside's phone lost its connection during the pickup; the call stayed where it was.",
  timeout: 'RingCentral did not answer the pickup in time; the call stayed where it was.',
  stale: 'The call changed before Ringside could take it; its details were out of date. Try again.',
  busy: 'The call was answered before Ringside could take it.',
  ended: 'The call had already ended.',
  refused: 'RingCentral refused the pickup; the call stayed where it was.'
}

const BY_STATUS: ReadonlyMap<number, PickupFailureKind> = new Map([
  [481, 'stale'],
  [486, 'busy'],
  [603, 'ended']
])

/** `subject`: the SIP status line the far end sent (`SIP/2.0 481 Call/Transaction Does Not Exist`). */
export function pickupFailure(kind: PickupFailureKind, subject?: string): PickupResult {
  const status = Number(/^SIP\/2\.0 (\d{3})\b/.exec(subject ?? '')?.[1] ?? NaN)
  const known = Number.isFinite(status) ? status : null
  const resolved = kind === 'refused' && known !== null ? (BY_STATUS.get(known) ?? kind) : kind
  const base = MESSAGES[resolved]
  const message = resolved === 'refused' && known !== null ? `${base} (SIP ${known})` : base
  return { ok: false, kind: resolved, status: known, message }
}
