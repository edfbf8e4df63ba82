/**
 * Requests from the phone inside a dialog (docs/emulator.md "SIP side"). None is ever challenged:
 * the web phone does not retry in-dialog requests after a 407, so a challenged hold would silently
 * do nothing (docs/platform.md#sip-web-phone).
 * - ACK confirms a pickup's dialog;
 * - BYE hangs the leg up (a parked leg stays parked: the web phone hangs up after parking);
 * - CANCEL of a pickup still in progress;
 * - re-INVITE: `sendonly`/`inactive` holds, `sendrecv` unholds; answered from our last SDP;
 * - MESSAGE (`x-rc/agent`): decline (Cmd 12) and to-voicemail (Cmd 11) while ringing;
 * - INFO (JSON): park, flip, recording, answered by a server INFO with the result;
 * - REFER: 202, then the transfer, and the BYE that follows it.
 */
import type { Calls } from './calls'
import { inDialogRequest, reanswer, type PhoneDialog } from './dialogs'
import { header, responseTo, uriOf, userOf, type SipRequest } from './message'
import type { SipConnection } from './transport'
import type { TransferTarget } from '../callcentre/flows-transfer'

type Handler = (calls: Calls, d: PhoneDialog, c: SipConnection, req: SipRequest) => void

const bye: Handler = (calls, d, c, req) => {
  c.send(responseTo(req, 200))
  const party = calls.deps.engine.party(d.partyId)
  calls.forget(d)
  if (party !== undefined && party.status.code !== 'Parked' && party.status.code !== 'Gone') {
    calls.deps.engine.drop(d.partyId)
  }
}

const cancel: Handler = (calls, d, c, req) => {
  c.send(responseTo(req, 200))
  if (d.state === 'confirmed') return
  calls.forget(d)
  calls.deps.engine.drop(d.partyId)
}

const reInvite: Handler = (calls, d, c, req) => {
  const sdp = reanswer(d, req.body)
  c.send(
    responseTo(req, 200, {
      headers: [
        ['Contact', calls.deps.contact],
        ['Content-Type', 'application/sdp']
      ],
      body: sdp
    })
  )
  const { engine } = calls.deps
  const party = engine.party(d.partyId)
  const holding = /a=(sendonly|inactive)/.test(req.body)
  if (holding && party?.status.code === 'Answered') engine.hold(d.partyId)
  if (!holding && party?.status.code === 'Hold') engine.unhold(d.partyId)
}

const message: Handler = (calls, d, c, req) => {
  c.send(responseTo(req, 200))
  const cmd = /\bCmd="(\d{1,3})"/.exec(req.body)?.[1]
  const { engine } = calls.deps
  const party = engine.party(d.partyId)
  if (party?.status.code !== 'Proceeding') return
  if (cmd === '12') engine.drop(d.partyId)
  if (cmd === '11') engine.miss(party.telephonySessionId)
}

function targetOf(calls: Calls, to: string): TransferTarget | undefined {
  if (/^\+?\d{8,15}$/.test(to) && to.length > 6) {
    return { kind: 'phone', phoneNumber: to.startsWith('+') ? to : `+${to}` }
  }
  const ext = calls.deps.engine.cast.byNumber(to)
  return ext === undefined ? undefined : { kind: 'extension', extensionId: ext.id }
}

type InfoResult = Record<string, unknown>

function infoResult(calls: Calls, d: PhoneDialog, request: Record<string, unknown>): InfoResult {
  const { engine } = calls.deps
  const failed = (description: string): InfoResult => ({ code: 1, description })
  switch (request['command']) {
    case 'callpark': {
      const out = engine.park(d.partyId)
      if (!out.ok) return failed(out.error.message)
      return {
        code: 0,
        description: 'Succeeded',
        'park extension': (out.value.status.parkData ?? '').replace('*', '')
      }
    }
    case 'callflip': {
      const target = targetOf(calls, String(request['target'] ?? ''))
      if (target === undefined) return failed('Unknown flip target')
      const out = engine.transfer(d.partyId, target)
      return out.ok ? { code: 0, description: 'Succeeded' } : failed(out.error.message)
    }
    case 'startcallrecord':
    case 'stopcallrecord':
      return { code: 0, description: 'Succeeded' }
    default:
      return failed('Unknown command')
  }
}

const info: Handler = (calls, d, c, req) => {
  let request: unknown
  try {
    request = (JSON.parse(req.body) as { request?: unknown }).request
  } catch {
    request = undefined
  }
  if (typeof request !== 'object' || request === null || Array.isArray(request)) {
    return void c.send(responseTo(req, 400, { reason: 'Expected a JSON request' }))
  }
  c.send(responseTo(req, 200))
  const r = request as Record<string, unknown>
  const result = infoResult(calls, d, r)
  const body = JSON.stringify({ response: { reqid: r['reqid'], command: r['command'], result } })
  const type: [string, string] = ['Content-Type', 'application/json;charset=utf-8']
  calls.send(d, inDialogRequest(d, calls.deps.via, 'INFO', [type], body))
}

const refer: Handler = (calls, d, c, req) => {
  const referTo = header(req, 'Refer-To') ?? ''
  if (/\?Replaces=/i.test(referTo)) {
    return void c.send(responseTo(req, 488, { reason: 'Attended transfer is not modelled' }))
  }
  const target = targetOf(calls, userOf(uriOf(referTo)) ?? '')
  if (target === undefined) return void c.send(responseTo(req, 404))
  c.send(responseTo(req, 202))
  // On success the leg ends, and the reconcile after this command sends the BYE.
  const out = calls.deps.engine.transfer(d.partyId, target)
  if (!out.ok) calls.deps.log('sip.refer-failed', { partyId: d.partyId, error: out.error.message })
}

const HANDLERS: Readonly<Record<string, Handler>> = {
  BYE: bye,
  CANCEL: cancel,
  INVITE: reInvite,
  MESSAGE: message,
  INFO: info,
  REFER: refer
}

export function handleInDialog(
  calls: Calls,
  d: PhoneDialog,
  connection: SipConnection,
  req: SipRequest
): void {
  if (req.method === 'ACK') {
    if (d.initiator === 'phone' && d.state === 'early') d.state = 'confirmed'
    return
  }
  const handler = HANDLERS[req.method]
  if (handler === undefined) return void connection.send(responseTo(req, 405))
  handler(calls, d, connection, req)
}
