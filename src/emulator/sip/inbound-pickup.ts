/**
 * The pickup of a ringing inbound call the way RingCentral's own clients send it: an INVITE with
 * `RC-call-type: inbound-pickup; session-id: <sessionId>; server-id: <serverId>`, the legacy
 * `sessionId` and the `serverId` of the telephony session event body (docs/phone.md#pickup-over-sip).
 * Matched strictly against the engine's own session, with the outcomes `Replaces` has for an early
 * dialog (RFC 3891 §3, docs/emulator.md "SIP side"):
 *
 * - no session with that `sessionId`, or one on another `serverId`, or one that does not ring the
 *   dialled extension → 481;
 * - the session, or the dialled extension's leg in it, ended → 603;
 * - the leg is live but no longer ringing (answered, held) → 486, as `early-only` against a
 *   confirmed dialog;
 * - the picker may not take that line → 403.
 *
 * The leg is never touched here.
 */
import type { Engine } from '../callcentre/engine'
import type { Party } from '../callcentre/model'
import { isLive } from '../callcentre/model'
import { allowed, type Match } from './replaces'

export interface InboundPickup {
  readonly sessionId: string
  readonly serverId: string
}

export const INBOUND_PICKUP = 'inbound-pickup'

const VALUE = /^[^\s;,:]{1,128}$/

/** Parses one `RC-call-type` value; undefined when it is not an inbound pickup (→ 400). */
export function parseInboundPickup(value: string): InboundPickup | undefined {
  const [kind, ...params] = value.split(';').map((p) => p.trim())
  if (kind?.toLowerCase() !== INBOUND_PICKUP) return undefined
  let sessionId: string | undefined
  let serverId: string | undefined
  for (const param of params) {
    const colon = param.indexOf(':')
    if (colon < 0) return undefined
    const name = param.slice(0, colon).trim().toLowerCase()
    const v = param.slice(colon + 1).trim()
    if (!VALUE.test(v)) return undefined
    if (name === 'session-id' && sessionId === undefined) sessionId = v
    else if (name === 'server-id' && serverId === undefined) serverId = v
    else return undefined
  }
  if (sessionId === undefined || serverId === undefined) return undefined
  return { sessionId, serverId }
}

const fail = (status: 403 | 481 | 486 | 603, reason: string): Match => ({
  ok: false,
  status,
  reason
})

/** The dialled extension's agent legs in the session, the live ones first. */
function legsOn(engine: Engine, telephonySessionId: string, targetNumber: string): Party[] {
  return engine
    .parties(telephonySessionId)
    .filter((p) => {
      if (p.role !== 'agent' || p.extensionId === undefined) return false
      return engine.cast.findExtension(p.extensionId)?.extensionNumber === targetNumber
    })
    .sort((a, b) => Number(isLive(b)) - Number(isLive(a)))
}

/** Matches `p` for `pickerId` dialling `targetNumber` (the monitored extension's number). */
export function matchInboundPickup(
  engine: Engine,
  p: InboundPickup,
  pickerId: string,
  targetNumber: string | undefined
): Match {
  const session = engine.sessionByLegacyId(p.sessionId)
  if (session === undefined || session.serverId !== p.serverId) {
    return fail(481, 'no session with that session-id on that server')
  }
  if (session.ended) return fail(603, 'the call already ended')
  const leg =
    targetNumber === undefined
      ? undefined
      : legsOn(engine, session.telephonySessionId, targetNumber)[0]
  if (leg === undefined) return fail(481, 'the session does not ring that extension')
  if (!isLive(leg)) return fail(603, 'the call already ended on that line')
  if (leg.status.code !== 'Proceeding') return fail(486, 'the call is no longer ringing')
  return allowed(engine, leg, pickerId, 'ringing')
}
