/**
 * Calls to the phone (docs/emulator.md "SIP side"): the INVITE with an SDP offer from the werift far
 * end, `p-rc-api-ids` and `p-rc-api-call-info` (the web phone reads both) and a `P-rc` header (its
 * decline and voicemail buttons answer through it); then the phone's 180/200, our ACK, and the
 * engine told which dialog the leg now has. CANCEL and BYE when the engine ends it first.
 */
import type { Party } from '../callcentre/model'
import type { Calls } from './calls'
import {
  newBranch,
  nextCseq,
  phoneTo,
  platformFrom,
  sdpVersionOf,
  type PhoneDialog
} from './dialogs'
import { header, tagOf, type Header, type SipRequest, type SipResponse } from './message'
import type { Binding } from './registrar'

const xmlAttr = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** A header value with nothing that would break the web phone's `;`/`=` split. */
const plain = (s: string): string => s.replace(/[;=\r\n]/g, ' ').trim()

function callHeaders(calls: Calls, party: Party, d: PhoneDialog): Header[] {
  const { engine, accounts } = calls.deps
  const session = engine.session(party.telephonySessionId)
  const caller = party.direction === 'Inbound' ? party.from : party.to
  const name = caller.name ?? caller.phoneNumber ?? 'Unknown'
  const info =
    `callerIdName=${plain(name)}` +
    (party.queueCall && party.queueName !== undefined ? `;queueName=${plain(party.queueName)}` : '')
  const account = accounts.forDevice(d.deviceId)
  const prc =
    `<Msg><Hdr SID="${xmlAttr(session?.sessionId ?? '')}" Req="${xmlAttr(party.id)}" ` +
    `From="${xmlAttr(caller.phoneNumber ?? '')}" To="${xmlAttr(account?.username ?? '')}" Cmd="6"/>` +
    `<Bdy Cln="${xmlAttr(account?.authorizationId ?? '')}"/></Msg>`
  return [
    ['p-rc-api-ids', `party-id=${party.id};session-id=${party.telephonySessionId}`],
    ['p-rc-api-call-info', info],
    ['P-rc', prc],
    ...(d.autoAnswer ? ([['Alert-Info', 'Auto Answer']] as Header[]) : [])
  ]
}

function inviteFor(calls: Calls, party: Party, d: PhoneDialog, sdp: string): SipRequest {
  const caller = party.direction === 'Inbound' ? party.from : party.to
  const seq = nextCseq()
  d.cseq = seq
  return {
    kind: 'request',
    method: 'INVITE',
    uri: d.phoneTarget,
    headers: [
      ['Via', `${calls.deps.via};branch=${newBranch()}`],
      ['From', platformFrom(d, caller.name)],
      ['To', phoneTo(d)],
      ['Call-Id', d.callId],
      ['CSeq', `${seq} INVITE`],
      ['Contact', calls.deps.contact],
      ['Max-Forwards', '70'],
      ...callHeaders(calls, party, d),
      ['Content-Type', 'application/sdp']
    ],
    body: sdp
  }
}

export async function ring(
  calls: Calls,
  party: Party,
  binding: Binding,
  autoAnswer: boolean
): Promise<void> {
  const account = calls.deps.accounts.forDevice(binding.deviceId)
  if (account === undefined) return
  const d: PhoneDialog = {
    callId: party.dialog.callId,
    partyId: party.id,
    extensionId: binding.extensionId,
    deviceId: binding.deviceId,
    initiator: 'platform',
    state: 'calling',
    platformTag: party.dialog.fromTag,
    phoneTag: undefined,
    platformUri: party.dialog.remoteUri,
    phoneAor: `sip:${account.username}@${calls.deps.accounts.domain}`,
    phoneTarget: binding.contact,
    connection: binding.connection,
    invite: undefined,
    cseq: 0,
    peer: undefined,
    localSdp: '',
    sdpVersion: 1,
    autoAnswer
  }
  calls.track(d)
  const peer = await calls.deps.media.offer()
  if (d.state === 'ended') return peer.close()
  d.peer = peer
  d.localSdp = peer.sdp
  d.sdpVersion = sdpVersionOf(peer.sdp)
  d.invite = inviteFor(calls, party, d, peer.sdp)
  calls.send(d, d.invite)
  calls.deps.log('sip.invite', { partyId: party.id, callId: d.callId, autoAnswer })
}

/**
 * A request of the platform's inside the confirmed (or early) dialog (RFC 3261 §12.2.1.1): the
 * dialog's target, tags and Call-ID, a new branch, and the CSeq `seq` of `method`.
 */
function inDialog(calls: Calls, d: PhoneDialog, method: 'ACK' | 'BYE', seq: number): void {
  calls.send(d, {
    kind: 'request',
    method,
    uri: d.phoneTarget,
    headers: [
      ['Via', `${calls.deps.via};branch=${newBranch()}`],
      ['From', platformFrom(d)],
      ['To', phoneTo(d)],
      ['Call-Id', d.callId],
      ['CSeq', `${seq} ${method}`],
      ['Max-Forwards', '70']
    ],
    body: ''
  })
}

/** The ACK of a final answer to the INVITE, with the INVITE's CSeq number. */
const ack = (calls: Calls, d: PhoneDialog, seq: number): void => inDialog(calls, d, 'ACK', seq)

export function onInviteResponse(calls: Calls, d: PhoneDialog, r: SipResponse): void {
  const seq = Number((header(r, 'CSeq') ?? '').split(' ')[0])
  if (d.invite === undefined || seq !== d.cseq) return
  const tag = tagOf(header(r, 'To') ?? '')
  if (r.status < 200) {
    if (tag !== undefined && d.state === 'calling') {
      d.phoneTag = tag
      d.state = 'early'
    }
    return
  }
  if (r.status >= 300) return rejected(calls, d, r)
  if (d.state === 'confirmed') return ack(calls, d, seq) // a retransmitted 200
  d.phoneTag = tag ?? d.phoneTag
  d.state = 'confirmed'
  ack(calls, d, seq)
  void d.peer
    ?.accept(r.body)
    .catch((e: unknown) => calls.deps.log('sip.media', { error: String(e) }))
  const party = calls.deps.engine.party(d.partyId)
  if (party === undefined) return
  const out = calls.deps.engine.connectPhone(d.partyId, d.deviceId, {
    ...party.dialog,
    callId: d.callId,
    fromTag: d.platformTag,
    toTag: d.phoneTag ?? party.dialog.toTag
  })
  calls.settle(d.partyId, out)
  // Answered too late (someone else took the call meanwhile): the phone hangs up at once.
  if (!out.ok) calls.hangUp(d)
}

function rejected(calls: Calls, d: PhoneDialog, r: SipResponse): void {
  ack(calls, d, d.cseq)
  calls.forget(d)
  const party = calls.deps.engine.party(d.partyId)
  if (party?.status.code === 'Proceeding') calls.deps.engine.drop(d.partyId)
  calls.deps.log('sip.rejected', { partyId: d.partyId, status: r.status })
}

export function cancelInvite(calls: Calls, d: PhoneDialog): void {
  if (d.invite === undefined) return // still gathering: nothing was sent
  const via = header(d.invite, 'Via') ?? ''
  calls.send(d, {
    kind: 'request',
    method: 'CANCEL',
    uri: d.phoneTarget,
    headers: [
      ['Via', via],
      ['From', platformFrom(d)],
      ['To', `<${d.phoneAor}>`],
      ['Call-Id', d.callId],
      ['CSeq', (header(d.invite, 'CSeq') ?? '').replace(/ INVITE$/, ' CANCEL')],
      ['Max-Forwards', '70']
    ],
    body: ''
  })
}

export function sendBye(calls: Calls, d: PhoneDialog): void {
  inDialog(calls, d, 'BYE', nextCseq())
}
