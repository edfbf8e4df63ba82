/**
 * An INVITE from the phone (docs/platform.md#sip-web-phone, docs/platform.md#replaces-orientation): 407 with
 * the digest challenge first, then, on the authorised retry, 100, exactly one 183 (the web phone
 * needs one provisional before any final answer), then 200 with the werift far end's SDP or the
 * failure. Only pickups are modelled: an INVITE with one `Replaces` that matches a held or ringing
 * monitored leg, or one `RC-call-type: inbound-pickup` naming a ringing session (inbound-pickup.ts);
 * a plain outbound call is refused with 480. On success the engine moves the party
 * before the 183 goes out, so the 183 carries the new leg's `p-rc-api-ids`.
 */
import type { SipDialog } from '../callcentre/model'
import type { SipAccount } from './accounts'
import type { Calls } from './calls'
import { challenge, verifyDigest } from './digest'
import { newPlatformTag, sdpVersionOf, type PhoneDialog } from './dialogs'
import type { MediaPeer } from './media'
import {
  header,
  headersNamed,
  responseTo,
  tagOf,
  uriOf,
  userOf,
  type Header,
  type SipRequest
} from './message'
import { matchInboundPickup, parseInboundPickup } from './inbound-pickup'
import { matchReplaces, parseReplaces, type Match } from './replaces'
import type { SipConnection } from './transport'

interface Attempt {
  readonly calls: Calls
  readonly connection: SipConnection
  readonly req: SipRequest
  readonly account: SipAccount
  readonly tag: string
}

function authorise(
  calls: Calls,
  connection: SipConnection,
  req: SipRequest
): SipAccount | undefined {
  const { accounts, nonces } = calls.deps
  const value = header(req, 'Proxy-Authorization')
  const check = verifyDigest(value, 'INVITE', accounts.domain, nonces, (id) => {
    return accounts.byAuthorizationId(id)?.password
  })
  if (check.ok) return accounts.byAuthorizationId(check.authorizationId)
  if (value === undefined || check.reason === 'stale or unknown nonce') {
    const nonce = nonces.issue()
    const auth: Header = ['Proxy-Authenticate', challenge(accounts.domain, nonce)]
    connection.send(responseTo(req, 407, { headers: [auth] }))
  } else {
    connection.send(responseTo(req, 403))
  }
  return undefined
}

/** One 183, then the failure: the web phone's call() ends cleanly, and nothing else changed. */
function refuse(a: Attempt, status: number, reason?: string): void {
  a.connection.send(responseTo(a.req, 183, { toTag: a.tag }))
  a.connection.send(
    responseTo(a.req, status, { toTag: a.tag, ...(reason === undefined ? {} : { reason }) })
  )
  a.calls.deps.log('sip.pickup-refused', {
    status,
    ...(reason === undefined ? {} : { why: reason })
  })
}

export async function handleNewInvite(
  calls: Calls,
  connection: SipConnection,
  req: SipRequest
): Promise<void> {
  const account = authorise(calls, connection, req)
  if (account === undefined) return
  connection.send(responseTo(req, 100))
  const a: Attempt = { calls, connection, req, account, tag: newPlatformTag() }
  if ((header(req, 'Call-Id') ?? '') === '') return refuse(a, 400, 'No Call-Id')
  const target = pickupTarget(a)
  if (!target.ok) return refuse(a, target.status, target.reason)
  const first = target.match()
  if (!first.ok) return refuse(a, first.status, first.reason)
  let peer
  try {
    peer = await calls.deps.media.answer(req.body)
  } catch {
    return refuse(a, 488)
  }
  // The line may have changed while the far end gathered: match again, then act.
  const second = target.match()
  if (!second.ok) {
    peer.close()
    return refuse(a, second.status, second.reason)
  }
  takeOver(a, second, peer, target.via)
}

/** How the phone named the call it takes: `Replaces`, or RingCentral's `inbound-pickup`. */
export type PickupVia = 'replaces' | 'inbound-pickup'

type Target =
  | { readonly ok: true; readonly via: PickupVia; match(): Match }
  | { readonly ok: false; readonly status: number; readonly reason: string }

/** The one header that names the call: two, or one malformed, is a 400; none is not a pickup. */
function pickupTarget(a: Attempt): Target {
  const replaces = headersNamed(a.req, 'Replaces')
  const callType = headersNamed(a.req, 'RC-call-type')
  const bad = (reason: string): Target => ({ ok: false, status: 400, reason })
  if (replaces.length + callType.length > 1) return bad('More than one pickup header')
  const { engine } = a.calls.deps
  const number = userOf(a.req.uri)
  if (callType.length === 1) {
    const inbound = parseInboundPickup(callType[0]!)
    if (inbound === undefined) return bad('Malformed RC-call-type')
    const match = (): Match => matchInboundPickup(engine, inbound, a.account.extensionId, number)
    return { ok: true, via: 'inbound-pickup', match }
  }
  if (replaces.length === 0) return { ok: false, status: 480, reason: 'Only pickups are modelled' }
  const header = parseReplaces(replaces[0]!)
  if (header === undefined) return bad('Malformed Replaces')
  const match = (): Match => matchReplaces(engine, header, a.account.extensionId, number)
  return { ok: true, via: 'replaces', match }
}

/** The match held twice: the engine moves the party, then the 183 and the 200 go out. */
function takeOver(
  a: Attempt,
  m: Extract<Match, { ok: true }>,
  peer: MediaPeer,
  via: PickupVia
): void {
  const { calls, connection, req, account } = a
  const d = { ...dialogOf(a, m), pickup: via }
  d.peer = peer
  d.localSdp = peer.sdp
  d.sdpVersion = sdpVersionOf(peer.sdp)
  const out = calls.deps.engine.takeOver(m.leg.id, {
    extensionId: account.extensionId,
    deviceId: account.deviceId,
    dialog: sipDialog(a, m)
  })
  if (!out.ok) {
    peer.close()
    return refuse(a, 500, out.error.message)
  }
  d.partyId = out.value.id
  calls.track(d)
  const ids: Header = [
    'p-rc-api-ids',
    `party-id=${out.value.id};session-id=${out.value.telephonySessionId}`
  ]
  const contact: Header = ['Contact', calls.deps.contact]
  connection.send(responseTo(req, 183, { toTag: a.tag, headers: [contact, ids] }))
  const sdp: Header = ['Content-Type', 'application/sdp']
  connection.send(
    responseTo(req, 200, { toTag: a.tag, headers: [contact, ids, sdp], body: peer.sdp })
  )
  calls.deps.log('sip.pickup', { partyId: out.value.id, from: m.leg.id, mode: m.mode, via })
}

/** The new leg's dialog in the model's orientation: fromTag the platform's, toTag the device's. */
function sipDialog(a: Attempt, m: Extract<Match, { ok: true }>): SipDialog {
  const cast = a.calls.deps.engine.cast
  const picker = cast.findExtension(a.account.extensionId)
  return {
    callId: header(a.req, 'Call-Id') ?? '',
    fromTag: a.tag,
    toTag: tagOf(header(a.req, 'From') ?? '') ?? '',
    localUri: `sip:${picker?.phoneNumber ?? a.account.extensionNumber}@${a.calls.deps.accounts.domain}`,
    remoteUri: m.leg.dialog.remoteUri
  }
}

function dialogOf(a: Attempt, m: Extract<Match, { ok: true }>): PhoneDialog {
  return {
    callId: header(a.req, 'Call-Id') ?? '',
    partyId: m.leg.id,
    extensionId: a.account.extensionId,
    deviceId: a.account.deviceId,
    initiator: 'phone',
    state: 'early',
    platformTag: a.tag,
    phoneTag: tagOf(header(a.req, 'From') ?? ''),
    platformUri: uriOf(a.req.uri),
    phoneAor: uriOf(header(a.req, 'From') ?? ''),
    phoneTarget: uriOf(header(a.req, 'Contact') ?? header(a.req, 'From') ?? ''),
    connection: a.connection,
    invite: undefined,
    cseq: 0,
    peer: undefined,
    localSdp: '',
    sdpVersion: 1,
    autoAnswer: false
  }
}
