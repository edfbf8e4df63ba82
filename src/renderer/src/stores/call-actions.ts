/**
 * How each call action reaches the call. REST actions go to main; a pickup of a held or ringing
 * monitored call asks main for the plan (authorised against main's state) and then Ringside's
 * phone sends the INVITE with `Replaces`; a parked pickup arms the phone to answer, silently, the
 * INVITE that RingCentral sends to this computer after the REST pickup.
 */
import type { CallOutcome } from '../../../shared/ipc/contract'
import { ringside, type Envelope } from '../api'
import type { PickupResult } from '../phone/pickup-result'
import { monotonicNow } from '../lib/clock'
import { personLabel } from '../lib/text'
import { sinceKey, useCallsStore, type CallAction, type CallRef } from './calls'
import { usePhoneStore, type PickupNote } from './phone'
import { useSessionsStore } from './sessions'
import { useSignInStore } from './sign-in'
import { cleanText } from '../../../shared/util/text'

/** Codes of failures that a change of the phone's registration makes stale. */
export const PHONE_CODES: ReadonlySet<string> = new Set(['no-phone', 'lost', 'not-available'])

/** The device main names when the call is on Ringside's own phone. */
export const THIS_COMPUTER = 'this computer'

export async function perform(
  action: CallAction,
  sid: string,
  pid: string
): Promise<Envelope<CallOutcome>> {
  if (action === 'pickUp') return pickUpOverSip(sid, pid)
  const phone = usePhoneStore()
  if ((action === 'pickUpParked' || action === 'answer') && phone.registered)
    phone.expectAutoAnswer(action === 'pickUpParked' ? 'parked' : null)
  return ringside().calls[action](sid, pid)
}

async function pickUpOverSip(sid: string, pid: string): Promise<Envelope<CallOutcome>> {
  const plan = await ringside().calls.pickUp(sid, pid)
  if (!plan.ok) return plan
  const r = await usePhoneStore().pickUp(plan.value, noteOf(sid, pid))
  if (r.ok)
    return { ok: true, value: { telephonySessionId: sid, partyId: pid, device: THIS_COMPUTER } }
  return { ok: false, error: { code: r.kind, message: explain(r, sid) } }
}

/** Who and which queue, and how long it was held, as the board showed it at the click. */
function noteOf(sid: string, pid: string): PickupNote {
  const calls = useCallsStore()
  const same = (c: CallRef): boolean => c.telephonySessionId === sid && c.partyId === pid
  const held = calls.held.find(same)
  const item = held ?? calls.ringing.find(same)
  // The hold's own timer (from the party's Hold time), not the call's age (`sinceKey.held`): a
  // call that talked for minutes before a short hold was said to have been held for minutes.
  const since = held ? calls.sinceOf(sinceKey.hold(held)) : undefined
  return {
    caller: item ? personLabel(item.caller) : null,
    queue: item?.queueName ?? null,
    heldMs: since === undefined ? null : monotonicNow() - since
  }
}

/**
 * A refused pickup whose call someone else now has: say who, from the session's parties (the
 * telephony events that explain a refusal usually arrive before the refusal itself).
 */
function explain(r: Extract<PickupResult, { ok: false }>, sid: string): string {
  if (r.kind !== 'busy' && r.kind !== 'stale' && r.kind !== 'ended') return r.message
  const auth = useSignInStore().auth
  const me = auth.status === 'signed-in' ? auth.ownerId : null
  const session = useSessionsStore().sessions.find((s) => s.id === sid)
  // The one who has the call now: an answered leg on an extension that is neither the agent nor
  // the caller (the caller's leg is the outbound one).
  const taker = session?.parties.find(
    (p) =>
      p.status === 'Answered' &&
      p.direction !== 'Outbound' &&
      p.extensionId !== me &&
      p.extensionName !== null
  )
  if (taker?.extensionName) return `${cleanText(taker.extensionName, 40)} took the call first.`
  return r.message
}
