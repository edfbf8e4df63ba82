/**
 * Answers "what is this call to the agent right now?" from the main process's own views, so every
 * call-control action is authorised against state the core built from RingCentral, never against
 * what a renderer sent (docs/security.md#rogue-renderer).
 */
import type { CallLookup, CallSituation } from './calls'
import type { CallItem, StateSnapshot } from './state'

const tags = (c: Pick<CallItem, 'sip'>): CallSituation['sipData'] =>
  c.sip
    ? {
        toTag: c.sip.toTag,
        fromTag: c.sip.fromTag,
        ...(c.sip.callId ? { callId: c.sip.callId } : {})
      }
    : undefined

const withTags = (kind: CallSituation['kind'], c: CallItem): CallSituation => {
  const sipData = tags(c)
  return {
    kind,
    ownerName: c.lineName,
    ...(c.lineNumber ? { lineNumber: c.lineNumber } : {}),
    ...(sipData ? { sipData } : {}),
    ...(c.sessionId ? { sessionId: c.sessionId } : {}),
    ...(c.serverId ? { serverId: c.serverId } : {})
  }
}

export function callLookup(snapshot: () => StateSnapshot): CallLookup {
  return (sid, pid) => {
    const s = snapshot()
    const same = (c: { telephonySessionId: string | null; partyId: string | null }): boolean =>
      c.telephonySessionId === sid && c.partyId === pid
    const mine = s.myCalls.find(same)
    if (mine) {
      if (mine.state === 'connected') return withTags('mine-active', mine)
      if (mine.state === 'held') return withTags('mine-held', mine)
      if (mine.state === 'ringing') return withTags('ringing', mine)
    }
    const parked = s.parkedCalls.find(same)
    if (parked)
      return { kind: 'parked', ...(parked.parkedBy ? { ownerName: parked.parkedBy.name } : {}) }
    const ringing = s.ringingLines.find(same)
    if (ringing) return withTags('ringing', ringing)
    const held = s.heldCalls.find(same)
    if (held) return withTags('held', held)
    return { kind: 'unknown' }
  }
}
