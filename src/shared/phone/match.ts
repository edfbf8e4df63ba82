/**
 * Pairs the web phone's local SIP dialogs with the calls RingCentral reports for the agent, so the
 * pane can say where each call is: on this computer, ringing here, or on another device. Pure, no
 * I/O: the renderer feeds it the phone's sessions and the core's views (docs/phone.md#matching).
 *
 * What identifies a leg on each side:
 * - locally: the Call-ID, the local and remote tags, the telephony session and party ids parsed from
 *   `p-rc-api-ids`, and the queue from `p-rc-api-call-info`;
 * - on RingCentral's side: presence `activeCalls[]` (`id`, `sipData {toTag, fromTag}`,
 *   `telephonySessionId`, `partyId`) and telephony parties (`sipData {callId, toTag, fromTag}`).
 *
 * The rules, in order (each one a row of test/shared/phone/match.test.ts):
 * 1. Call-ID. RingCentral's `sipData.callId` (or a presence `id` once the call is connected) equal
 *    to the local Call-ID names the dialog, unless the tags prove it is another fork: forked legs
 *    share a Call-ID and the platform's from-tag and differ only in the device's tag, so a leg whose
 *    tags are known and include neither of ours is someone else's fork, once our dialog is
 *    confirmed (while it rings its own tag is not settled).
 * 2. Early dialogs. While a call rings RingCentral may not know the Call-ID yet (no to-tag, the
 *    `blf` placeholder, a presence `id` that is the telephony session id): then the ids from
 *    `p-rc-api-ids` (session and party) pair them, because RingCentral put them on the INVITE.
 * 3. A RingCentral leg whose Call-ID is known and different is another dialog even when the party
 *    ids agree: that is a call being switched between devices, and it is here only once
 *    RingCentral reports the new dialog.
 */

/** The SIP identity RingCentral reports for a leg (presence or telephony `sipData`). */
export interface RemoteTags {
  readonly callId: string | null
  readonly toTag: string
  readonly fromTag: string
}

/** One of the web phone's sessions, as the phone service describes it. */
export interface LocalDialog {
  readonly callId: string
  /** Null while the dialog is early and the web phone has not chosen or learned it. */
  readonly localTag: string | null
  readonly remoteTag: string | null
  /** `inbound`: RingCentral sent the INVITE to this phone; `outbound`: this phone sent it. */
  readonly direction: 'inbound' | 'outbound'
  readonly telephonySessionId: string | null
  readonly partyId: string | null
  readonly queueName: string | null
  /** Still ringing (not answered here yet). */
  readonly ringing: boolean
}

/** One call RingCentral reports on the agent's own extension. */
export interface RemoteLeg {
  /** The pane's key for the call (the view item id). */
  readonly key: string
  readonly telephonySessionId: string | null
  readonly partyId: string | null
  /** Presence `activeCalls[].id`: the Call-ID once connected, the session id while ringing. */
  readonly presenceId: string | null
  readonly sip: RemoteTags | null
  /** The device the leg is on, by name, when RingCentral says. */
  readonly deviceName: string | null
}

/** Where one call is, for the pane's label and for which path its actions take. */
export type Placement =
  | {
      readonly kind: 'here'
      readonly local: LocalDialog
      /** Null while RingCentral does not know the answered dialog yet. */
      readonly remote: RemoteLeg | null
    }
  | {
      readonly kind: 'ringing-here'
      readonly local: LocalDialog
      /** Null while RingCentral does not know the call rings here. */
      readonly remote: RemoteLeg | null
    }
  | { readonly kind: 'elsewhere'; readonly remote: RemoteLeg; readonly deviceName: string | null }

/** The placeholder to-tag of a leg seen through line monitoring (docs/platform.md#presence-sip-data). */
export const BLF_TAG = 'blf'

/** Telephony session ids look like `s-…`; a SIP Call-ID never does on RingCentral. */
const isSessionId = (id: string): boolean => id.startsWith('s-')

/** The Call-ID RingCentral reports for the leg, or null while it does not know it yet. */
export function remoteCallId(leg: Pick<RemoteLeg, 'presenceId' | 'sip'>): string | null {
  if (leg.sip?.callId && !isSessionId(leg.sip.callId)) return leg.sip.callId
  if (leg.presenceId && !isSessionId(leg.presenceId)) return leg.presenceId
  return null
}

/**
 * Which of RingCentral's tags is this phone's own, for the dialog's direction. For an inbound leg
 * the platform sent the INVITE, so its tag is the From's and this phone's is the To's; for an
 * outbound leg the phone's is the From's. Null when RingCentral only has the placeholder.
 */
export function localTagOf(tags: RemoteTags, direction: LocalDialog['direction']): string | null {
  if (tags.toTag === BLF_TAG) return null
  return direction === 'inbound' ? tags.toTag : tags.fromTag
}

/** Whether RingCentral's tags can belong to this local dialog (rule 1's fork test). */
export function tagsAgree(local: LocalDialog, tags: RemoteTags): boolean {
  if (tags.toTag === BLF_TAG || local.localTag === null) return true
  // An early dialog's own tag is not settled yet: the web phone invents one for its 180, and the
  // platform may still report another until the 200. Only a confirmed dialog can tell forks apart.
  if (local.ringing) return true
  // Either orientation: platforms disagree on how they name a leg the device itself set up (a
  // pickup's INVITE), but the Call-ID and one of our own tags together are still unique.
  return tags.toTag === local.localTag || tags.fromTag === local.localTag
}

/** Whether `local` and `remote` are the same leg (rules 1 to 3 of the module comment). */
export function sameLeg(local: LocalDialog, remote: RemoteLeg): boolean {
  const callId = remoteCallId(remote)
  if (callId === local.callId) return remote.sip === null || tagsAgree(local, remote.sip)
  // The BLF placeholder stands for a ringing leg whatever Call-ID it names; a real dialog with
  // another Call-ID is another leg (rule 3).
  if (callId !== null && remote.sip?.toTag !== BLF_TAG) return false
  return (
    local.telephonySessionId !== null &&
    local.partyId !== null &&
    remote.telephonySessionId === local.telephonySessionId &&
    remote.partyId === local.partyId
  )
}

/**
 * Places every call: each local dialog once, each RingCentral leg once. A RingCentral leg matched
 * to no local dialog is on another device; a local dialog matched to none is here, ringing or
 * answered, with RingCentral not knowing it yet. Order: RingCentral's legs first, in their order.
 */
export function placeCalls(
  locals: readonly LocalDialog[],
  remotes: readonly RemoteLeg[]
): Placement[] {
  const used = new Set<LocalDialog>()
  const out: Placement[] = []
  for (const remote of remotes) {
    const local = locals.find((l) => !used.has(l) && sameLeg(l, remote))
    if (local === undefined) {
      out.push({ kind: 'elsewhere', remote, deviceName: remote.deviceName })
      continue
    }
    used.add(local)
    out.push({ kind: local.ringing ? 'ringing-here' : 'here', local, remote })
  }
  for (const local of locals) {
    if (used.has(local)) continue
    out.push({ kind: local.ringing ? 'ringing-here' : 'here', local, remote: null })
  }
  return out
}

/** The pane's label for a placement. */
export function placementLabel(p: Placement): string {
  if (p.kind === 'here') return 'on this computer'
  if (p.kind === 'ringing-here') return 'ringing here'
  return p.deviceName ? `on another device (${p.deviceName})` : 'on another device'
}
