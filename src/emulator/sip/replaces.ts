/**
 * `Replaces` (RFC 3891) matched strictly against the emulator's own dialog for the leg, with
 * RingCentral's orientation (docs/platform.md#replaces-orientation): the recipient is the platform's side of
 * the monitored dialog, so `to-tag` must be the platform's tag (`sipData.fromTag`) and `from-tag`
 * the device's (`sipData.toTag`). A ringing monitored call is addressed through the BLF
 * placeholder: Call-ID = telephony session id, `to-tag` = party id, `from-tag` = `blf`.
 *
 * Outcomes (RFC 3891 §3): no such dialog, wrong orientation or a stale tag → 481; the dialog ended
 * → 603; `early-only` against a confirmed dialog → 486; a confirmed dialog that is not held, or a
 * line the picker may not take → 403. The leg is never touched here.
 */
import type { Engine } from '../callcentre/engine'
import type { Party } from '../callcentre/model'
import { isLive } from '../callcentre/model'

export interface ReplacesHeader {
  readonly callId: string
  readonly toTag: string
  readonly fromTag: string
  readonly earlyOnly: boolean
}

const TOKEN = /^[^\s;,]{1,256}$/

/** Parses one `Replaces` value; undefined when it is not one (→ 400). */
export function parseReplaces(value: string): ReplacesHeader | undefined {
  const [callId, ...params] = value.split(';').map((p) => p.trim())
  if (callId === undefined || !TOKEN.test(callId)) return undefined
  let toTag: string | undefined
  let fromTag: string | undefined
  let earlyOnly = false
  for (const param of params) {
    const [rawName, ...rest] = param.split('=')
    const name = (rawName ?? '').toLowerCase()
    const v = rest.join('=')
    if (name === 'to-tag' && toTag === undefined && TOKEN.test(v)) toTag = v
    else if (name === 'from-tag' && fromTag === undefined && TOKEN.test(v)) fromTag = v
    else if (name === 'early-only' && rest.length === 0) earlyOnly = true
    else return undefined
  }
  if (toTag === undefined || fromTag === undefined) return undefined
  return { callId, toTag, fromTag, earlyOnly }
}

export type Match =
  | { readonly ok: true; readonly leg: Party; readonly mode: 'held' | 'ringing' }
  | { readonly ok: false; readonly status: 403 | 481 | 486 | 603; readonly reason: string }

export const BLF_TAG = 'blf'

const fail = (status: 403 | 481 | 486 | 603, reason: string): Match => ({
  ok: false,
  status,
  reason
})

/** The leg a Replaces header names, if its tags are exactly right. */
function dialogLeg(engine: Engine, r: ReplacesHeader): Party | undefined {
  const session = engine.session(r.callId)
  if (session !== undefined) {
    // The BLF placeholder of a ringing monitored call.
    if (r.fromTag !== BLF_TAG) return undefined
    const leg = engine.party(r.toTag)
    return leg?.telephonySessionId === r.callId && leg.role === 'agent' ? leg : undefined
  }
  const leg = engine.findLeg({ callId: r.callId })
  if (leg === undefined || leg.role !== 'agent') return undefined
  return leg.dialog.fromTag === r.toTag && leg.dialog.toTag === r.fromTag ? leg : undefined
}

/**
 * Matches `r` for `pickerId` dialling `targetNumber` (the Request-URI user: the monitored
 * extension's number).
 */
export function matchReplaces(
  engine: Engine,
  r: ReplacesHeader,
  pickerId: string,
  targetNumber: string | undefined
): Match {
  const leg = dialogLeg(engine, r)
  if (leg === undefined) return fail(481, 'no dialog with these tags')
  const owner =
    leg.extensionId === undefined ? undefined : engine.cast.findExtension(leg.extensionId)
  if (owner === undefined || owner.extensionNumber !== targetNumber) {
    return fail(481, 'the dialog is not on that extension')
  }
  if (!isLive(leg)) return fail(603, 'the call already ended on that line')
  const code = leg.status.code
  if (code === 'Proceeding') return allowed(engine, leg, pickerId, 'ringing')
  if (r.earlyOnly) return fail(486, 'early-only, and the dialog is confirmed')
  if (code !== 'Hold') return fail(403, 'only a held call can be taken over')
  return allowed(engine, leg, pickerId, 'held')
}

/** The picker's right to take `leg` (shared with the inbound pickup, inbound-pickup.ts). */
export function allowed(
  engine: Engine,
  leg: Party,
  pickerId: string,
  mode: 'held' | 'ringing'
): Match {
  const owner = leg.extensionId!
  if (owner === pickerId) return fail(403, 'that is your own call')
  if (!engine.monitors(pickerId, owner)) return fail(403, 'you do not monitor that line')
  if (mode === 'held' && engine.settings(owner)?.pickUpCallsOnHold !== true) {
    return fail(403, 'that line does not allow picking up calls on hold')
  }
  return { ok: true, leg, mode }
}
