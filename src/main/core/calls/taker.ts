/**
 * Who took a call the agent lost a race for. A parked leg that someone picked up first becomes
 * `Gone` with `peerId` naming the taker's leg in a new session (docs/platform.md#status-codes-and-reasons);
 * that leg's own end (`to` of an inbound leg) is the taker. The state's `parkedBy` is the one who
 * PARKED the call, so it must never stand in for the one who took it.
 */
import type { RestClient, RestPolicy } from '../rest'
import { CallSession, type CallParty } from './codecs'

const SESSIONS = '/restapi/v1.0/account/~/telephony/sessions'

async function readParties(
  rest: RestClient,
  policy: RestPolicy,
  sid: string
): Promise<ReadonlyArray<CallParty> | undefined> {
  const out = await rest.get(`${SESSIONS}/${encodeURIComponent(sid)}`, {
    ...policy,
    codec: CallSession
  })
  return out.ok ? out.value.parties : undefined
}

/** The person at the agent's end of a leg: the callee of an inbound leg, the caller of an outbound one. */
function ownerOf(leg: CallParty): string | undefined {
  const end = leg.direction === 'Outbound' ? leg.from : leg.to
  return end?.name
}

/**
 * Follows the `Gone` leg's `peerId` to the leg that has the call now and returns its owner's name;
 * `undefined` when the link or the new session cannot be read (then nobody is named).
 */
export async function takerOf(
  rest: RestClient,
  policy: RestPolicy,
  sid: string,
  pid: string
): Promise<string | undefined> {
  try {
    const old = (await readParties(rest, policy, sid))?.find((p) => p.id === pid)
    const peer = old?.status.code === 'Gone' ? old.status.peerId : undefined
    const peerSid = peer?.telephonySessionId ?? peer?.sessionId
    if (peer?.partyId === undefined || peerSid === undefined) return undefined
    const taker = (await readParties(rest, policy, peerSid))?.find((p) => p.id === peer.partyId)
    return taker === undefined ? undefined : ownerOf(taker)
  } catch {
    return undefined
  }
}
