/**
 * Refusals of the engine, worded for a person ("already answered by Lucía Ortega"), with the HTTP
 * status and code REST will send. Wrong call state is 409 (docs/platform.md#call-control-errors);
 * no real 409 body is public, so codes follow the TAS-xxx family the RingCentral widgets mock uses.
 */
import type { Cast } from './cast'
import type { EngineError, Party } from './model'
import type { Store } from './store'

export const notFound = (parameter: string, value: string): EngineError => ({
  status: 404,
  code: 'CMN-102',
  message: `Resource for parameter [${parameter}] is not found`,
  parameter,
  value
})

export const badParameter = (parameter: string, detail: string): EngineError => ({
  status: 400,
  code: 'CMN-101',
  message: `Parameter [${parameter}] value is invalid: ${detail}`,
  parameter
})

/** 409 for an action the call's current state does not allow. */
export const wrongState = (message: string): EngineError => ({
  status: 409,
  code: 'TAS-102',
  message
})

export function nameOf(cast: Cast, extensionId: string | undefined): string {
  if (extensionId === undefined) return 'the caller'
  return cast.findExtension(extensionId)?.name ?? `extension ${extensionId}`
}

/** Who answered the session this party belongs to, if someone else did. */
export function answeredBy(store: Store, party: Party): string | undefined {
  const winner = store
    .partiesOf(party.telephonySessionId)
    .find(
      (p) =>
        p.id !== party.id &&
        p.role === 'agent' &&
        p.direction === 'Inbound' &&
        (p.status.code === 'Answered' || p.status.code === 'Hold' || p.status.code === 'Parked')
    )
  return winner === undefined ? undefined : nameOf(store.cast, winner.extensionId)
}

/**
 * Explains why `action` cannot apply to this party, in the words an agent uses. The message names
 * the state and, when someone else has the call, who.
 */
export function stateError(store: Store, party: Party, action: string): EngineError {
  const who = nameOf(store.cast, party.extensionId)
  const { code, reason, parkData } = party.status
  if (code === 'Disconnected' && reason === 'AgentAnswered') {
    const by = answeredBy(store, party)
    return wrongState(
      `Cannot ${action}: the call was already answered by ${by ?? 'another agent'}; ${who}'s leg is Disconnected`
    )
  }
  if (code === 'Disconnected' || code === 'Gone') {
    const where = code === 'Gone' ? ' (it moved to another call leg)' : ''
    return wrongState(`Cannot ${action}: ${who}'s call has already ended${where}`)
  }
  if (code === 'Parked') {
    return wrongState(`Cannot ${action}: the call is parked at ${parkData ?? 'a park orbit'}`)
  }
  const state: Record<string, string> = {
    Proceeding: 'still ringing',
    Setup: 'still being set up',
    Answered: 'connected',
    Hold: 'on hold',
    VoiceMail: 'in voicemail'
  }
  return wrongState(`Cannot ${action}: ${who}'s call is ${state[code] ?? code}`)
}

/** Flows return a value or an EngineError; a Party's `status` is an object, an error's a number. */
export const isEngineError = (x: unknown): x is EngineError =>
  typeof x === 'object' && x !== null && typeof (x as { status?: unknown }).status === 'number'
