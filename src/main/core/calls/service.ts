/**
 * Call control for the agent: pick up a parked call, answer a ringing (queue) call, hold, unhold,
 * and the plan for taking over ringing or held calls over SIP (the renderer's phone sends it).
 * Every action
 *
 * - is authorised against the core's own state (`lookup`) before anything is sent, so a renderer
 *   cannot make Ringside act on a call the state does not show as takeable;
 * - costs at most one call-control request per user action: identical actions in flight share
 *   one promise;
 * - resolves to a typed `CallResult` with a message the agent understands, and never throws.
 */
import {
  pickupHeaders,
  ringingPickup,
  ringingTarget,
  type PickupTarget,
  type SipPickupPlan
} from '../../../shared/phone/replaces'
import { BLF_TAG } from '../../../shared/phone/match'
import { isRcId } from '../../../shared/util/ids'
import type { RestClient, RestPolicy } from '../rest'
import { CallParty, CallSession } from './codecs'
import type { DeviceSource } from './devices'
import { explain, type RestAction } from './errors'
import { createInflight } from './inflight'
import { takerOf } from './taker'
import { failure, failWith, success, type CallResult } from './result'
import { authorize, type CallAction, type CallLookup, type CallSituation } from './situation'

/**
 * Whether Ringside's own phone is registered right now (the renderer reports it): a pickup over
 * SIP needs it, and the agent is told so before anything is planned.
 */
export type PhoneRegistered = () => boolean

export interface CallControlOptions {
  /** The core's REST client; call control overrides its policy per request (see `policy`). */
  readonly rest: RestClient
  readonly devices: DeviceSource
  readonly lookup: CallLookup
  readonly phoneRegistered?: PhoneRegistered
  /** Per request; default 15 s. */
  readonly timeoutMs?: number
}

export interface CallControl {
  /** REST pickup of a parked call onto the chosen device (201). */
  pickUpParked(telephonySessionId: string, partyId: string): Promise<CallResult<CallParty>>
  /** Answers the agent's own ringing leg (queue or forwarded call) on the chosen device. */
  answer(telephonySessionId: string, partyId: string): Promise<CallResult<CallParty>>
  hold(telephonySessionId: string, partyId: string): Promise<CallResult<CallParty>>
  unhold(telephonySessionId: string, partyId: string): Promise<CallResult<CallParty>>
  /**
   * Plans the pickup of a ringing or held call on a monitored line over SIP: the INVITE's target
   * and `Replaces` header, from the core's own tags. `not-available` while no phone is registered.
   */
  pickUpOverSip(telephonySessionId: string, partyId: string): Promise<CallResult<SipPickupPlan>>
  /** Reads a session (for the core's own resync; not a renderer capability). */
  session(telephonySessionId: string): Promise<CallResult<CallSession>>
}

type PartyAction = Exclude<CallAction, 'sip-pickup'>

const SESSIONS = '/restapi/v1.0/account/~/telephony/sessions'

const UNSEEN: CallSituation = { kind: 'unknown' }
const NOT_SEEN =
  'Ringside no longer sees that call; it may have ended or been taken by someone else.'

/** What the actions read the state and RingCentral with. */
interface CallDeps {
  readonly rest: RestClient
  readonly devices: DeviceSource
  readonly lookup: CallLookup
  readonly policy: RestPolicy
}

/** The injected lookup is someone else's code: a throw must not break "never throws". */
function situationOf(lookup: CallLookup, sid: string, pid: string): CallSituation {
  try {
    const s: unknown = lookup(sid, pid)
    return typeof s === 'object' && s !== null && 'kind' in s ? (s as CallSituation) : UNSEEN
  } catch {
    return UNSEEN
  }
}

async function partyAction(
  deps: CallDeps,
  action: PartyAction,
  sid: string,
  pid: string
): Promise<CallResult<CallParty>> {
  const before = situationOf(deps.lookup, sid, pid)
  const refused = authorize(action, before)
  if (refused !== undefined) return failWith(refused)
  let body: { deviceId: string } | undefined
  let deviceName: string | undefined
  // Pickup and answer put the call on a device of the agent's; hold and unhold name none.
  if (action === 'pickup' || action === 'answer') {
    const choice = await deps.devices.choose()
    if (!choice.ok) return choice
    body = { deviceId: choice.value.device.id }
    deviceName = choice.value.device.name
  }
  const path = `${SESSIONS}/${encodeURIComponent(sid)}/parties/${encodeURIComponent(pid)}/${action}`
  const out = await deps.rest.post(path, body, { ...deps.policy, codec: CallParty })
  if (out.ok) return success(out.value)
  // Ask the state again: the events explaining a refusal (who took the call) usually arrive
  // before the refusal itself.
  // A refused pickup was most likely a lost race: who won is read from the parked leg's link.
  const takenBy =
    action === 'pickup' && out.failure.kind === 'http' && out.failure.status === 409
      ? await takerOf(deps.rest, deps.policy, sid, pid)
      : undefined
  const ctx = {
    action,
    before,
    after: situationOf(deps.lookup, sid, pid),
    ...(deviceName ? { deviceName } : {}),
    ...(takenBy ? { takenBy } : {})
  }
  const error = explain(out.failure, ctx)
  if (error.code === 'no-device') deps.devices.invalidate()
  return failWith(error)
}

function sipPickup(
  lookup: CallLookup,
  registered: PhoneRegistered,
  sid: string,
  pid: string
): CallResult<SipPickupPlan> {
  const before = situationOf(lookup, sid, pid)
  const refused = authorize('sip-pickup', before)
  if (refused !== undefined) return failWith(refused)
  if (!registered()) {
    return failure(
      'not-available',
      "Ringside's phone is not registered, so it cannot take the call. Wait until it says Registered."
    )
  }
  const number = before.lineNumber
  if (number === undefined || number === '') {
    return failure('not-available', "Ringside does not know that line's extension number yet.")
  }
  const tags = before.sipData
  let target: PickupTarget
  if (before.kind === 'ringing') {
    const ids = { sessionId: before.sessionId ?? null, serverId: before.serverId ?? null }
    target = ringingPickup(ids, () =>
      ringingTarget(sid, pid, tags ? { callId: tags.callId ?? null, ...tags } : null)
    )
  } else if (tags?.callId !== undefined && tags.toTag !== BLF_TAG) {
    target = { kind: 'held', callId: tags.callId, tags: { callId: tags.callId, ...tags } }
  } else {
    return failure(
      'not-available',
      "Ringside does not have this call's SIP details yet; try again in a moment."
    )
  }
  return success({
    telephonySessionId: sid,
    partyId: pid,
    kind: target.kind === 'held' ? 'held' : 'ringing',
    via: target.kind === 'inbound' ? 'inbound-pickup' : 'replaces',
    target: number,
    headers: pickupHeaders(target)
  })
}

async function readSession(deps: CallDeps, sid: string): Promise<CallResult<CallSession>> {
  const path = `${SESSIONS}/${encodeURIComponent(sid)}`
  const out = await deps.rest.get(path, { ...deps.policy, codec: CallSession })
  return out.ok
    ? success(out.value)
    : failWith(explain(out.failure, { action: 'session' satisfies RestAction }))
}

/** Creates the call-control service the core wires to IPC (see module comment). */
export function createCallControl(options: CallControlOptions): CallControl {
  const { rest, devices, lookup } = options
  // The agent waits on every click: a 429 comes back at once with RingCentral's wait (the agent
  // decides whether to retry), and a hung request is released after the timeout.
  const policy: RestPolicy = { timeoutMs: options.timeoutMs ?? 15_000, maxRateLimitWaits: 0 }
  const deps: CallDeps = { rest, devices, lookup, policy }
  const registered = options.phoneRegistered ?? ((): boolean => false)
  const partyActions = createInflight<CallResult<CallParty>>()
  const reads = createInflight<CallResult<CallSession>>()

  // Something that is not a RingCentral id cannot name a call; refusing it before anything else
  // also keeps renderer input out of the request path (src/shared/util/ids.ts says what an id is).
  const run =
    (action: PartyAction) =>
    (sid: string, pid: string): Promise<CallResult<CallParty>> =>
      isRcId(sid) && isRcId(pid)
        ? partyActions.run(`${action} ${sid} ${pid}`, () =>
            guard(partyAction(deps, action, sid, pid))
          )
        : Promise.resolve(failure<CallParty>('not-allowed', NOT_SEEN))

  return {
    pickUpParked: run('pickup'),
    answer: run('answer'),
    hold: run('hold'),
    unhold: run('unhold'),
    pickUpOverSip: (sid, pid) =>
      isRcId(sid) && isRcId(pid)
        ? guard(Promise.resolve().then(() => sipPickup(lookup, registered, sid, pid)))
        : Promise.resolve(failure('not-allowed', NOT_SEEN)),
    session: (sid) =>
      isRcId(sid)
        ? reads.run(sid, () => guard(readSession(deps, sid)))
        : Promise.resolve(failure('not-found', 'That call has ended.'))
  }
}

/** Last line of "never throws": a bug here becomes an `unknown` result, not a rejected promise. */
async function guard<T>(p: Promise<CallResult<T>>): Promise<CallResult<T>> {
  try {
    return await p
  } catch (e) {
    return failure('unknown', 'Something went wrong in Ringside; try again.', String(e))
  }
}
