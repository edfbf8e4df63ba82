/** Small builders of view items for renderer tests: valid defaults, override what matters. */
import type {
  HeldCallItem,
  LineItem,
  LineStatus,
  MyCallItem,
  ParkedCallItem,
  PartyItem,
  RingingItem,
  SessionItem
} from '../../src/shared/state/view-types'

export function line(
  id: string,
  status: LineStatus = 'available',
  over: Partial<LineItem> = {}
): LineItem {
  return {
    id,
    position: Number(id) || 0,
    name: `Agent ${id}`,
    extensionNumber: String(100 + (Number(id) || 0)),
    monitored: true,
    favorite: false,
    status,
    presenceStatus: null,
    userStatus: null,
    dndStatus: null,
    telephonyStatus: null,
    activeCalls: 0,
    hasPresence: true,
    statusDetail: null,
    ...over
  }
}

export function lines(n: number): LineItem[] {
  return Array.from({ length: n }, (_, i) => line(String(i + 1)))
}

const callBase = {
  lineNumber: '101',
  from: { name: null, number: null },
  to: { name: null, number: null },
  direction: 'Inbound',
  queueCall: true,
  sessionId: null,
  serverId: null,
  deviceId: null,
  stateSince: null,
  sip: { callId: 'c-1', toTag: 'blf', fromTag: 'f-1' },
  source: 'presence' as const
}

export function ringing(
  sid: string,
  extensionId = '1',
  over: Partial<RingingItem> = {}
): RingingItem {
  return {
    ...callBase,
    id: `${extensionId}:${sid}`,
    extensionId,
    lineName: `Agent ${extensionId}`,
    caller: { name: 'Jane Caller', number: '+15550001111' },
    queueName: 'Support',
    startTime: '2024-01-01T10:00:00.000Z',
    telephonySessionId: sid,
    partyId: `p-${sid}`,
    canPickUp: true,
    ...over
  }
}

export function held(
  sid: string,
  extensionId = '1',
  over: Partial<HeldCallItem> = {}
): HeldCallItem {
  return {
    ...callBase,
    id: `${extensionId}:${sid}`,
    extensionId,
    lineName: `Agent ${extensionId}`,
    caller: { name: 'Held Caller', number: '+15550002222' },
    queueName: null,
    startTime: '2024-01-01T10:00:00.000Z',
    telephonySessionId: sid,
    partyId: `p-${sid}`,
    canPickUp: true,
    ...over
  }
}

export function myCall(
  sid: string,
  state: MyCallItem['state'],
  over: Partial<MyCallItem> = {}
): MyCallItem {
  return { ...held(sid, '100'), id: `100:${sid}`, state, statusText: null, ...over }
}

export function parked(sid: string, over: Partial<ParkedCallItem> = {}): ParkedCallItem {
  return {
    id: sid,
    telephonySessionId: sid,
    partyId: `p-${sid}`,
    orbit: '*801',
    parkedBy: { extensionId: '2', name: 'Maria Lopez' },
    location: null,
    caller: { name: 'Parked Caller', number: '+15550003333' },
    since: '2024-01-01T10:00:00.000Z',
    canPickUp: true,
    source: 'telephony',
    ...over
  }
}

export function party(id: string, over: Partial<PartyItem> = {}): PartyItem {
  return {
    id,
    role: 'Agent',
    self: { name: 'Support', number: '+15559990000' },
    extensionId: null,
    extensionName: null,
    status: 'Proceeding',
    reason: null,
    direction: 'Inbound',
    from: { name: 'Caller', number: '+15550001111' },
    to: { name: 'Support', number: '+15559990000' },
    queueName: null,
    parkData: null,
    missedCall: false,
    recordings: 0,
    since: '2024-01-01T10:00:00.000Z',
    ...over
  }
}

export function session(
  id: string,
  parties: PartyItem[],
  startedAt = '2024-01-01T10:00:00.000Z'
): SessionItem {
  return {
    id,
    sessionId: null,
    origin: 'Call',
    startedAt,
    updatedAt: startedAt,
    direction: 'Inbound',
    missed: false,
    parties
  }
}

/**
 * Caller names from the phone network that must stay text (docs/security.md#hostile-caller-names).
 */
export const HOSTILE_NAMES: readonly string[] = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  'javascript:alert(1)',
  '\u202Eevil.exe\u202C',
  'x'.repeat(10_000),
  'Null\u0000Byte\u0007Bell',
  '😀👩‍👩‍👧‍👦 Ünïcødé'
]
