/**
 * Builders of REAL notification JSON (the shapes of the event documents,
 * docs/platform.md#event-documents, and the fixtures), run through `decodeNotification`, so the
 * reducer is tested on exactly what the decoder produces.
 */
import { decodeNotification, type Notification, type Party } from '../../../../src/shared/events'
import { pentries } from '../../../../src/main/core/state/pmap'
import type { Action, CoreState, DirectoryUpdate } from '../../../../src/main/core/state'

export const ACCOUNT = '37439510'
export const OWNER = '100'
export const QUEUE = '300'
export const PARK_LOCATION = '400'
export const CALLER = { name: 'Dana Whitfield', number: '+14155550123' }

/** The agent's directory: three monitored lines, two favorites (one also monitored). */
export const DIRECTORY: DirectoryUpdate = {
  ownerId: OWNER,
  extensions: [
    { id: OWNER, name: 'Me Agent', extensionNumber: '100', type: 'User' },
    { id: '201', name: 'Alice Smith', extensionNumber: '201', type: 'User' },
    { id: '202', name: 'Bob Brown', extensionNumber: '202', type: 'User' },
    { id: '203', name: 'Carol Diaz', extensionNumber: '203', type: 'User' },
    { id: '204', name: 'Dan Evans', extensionNumber: '204', type: 'User' },
    { id: QUEUE, name: 'Support Queue', extensionNumber: '300', type: 'Department' },
    { id: PARK_LOCATION, name: 'Front Desk Park', extensionNumber: '400', type: 'ParkLocation' }
  ],
  monitored: ['201', '202', '203'],
  favorites: ['204', '201']
}

let counter = 0
export const nextUuid = (): string => `64011300074618${String(++counter).padStart(5, '0')}`

/** Event time from a sequence, so later sequences are later in time, as on the platform. */
export const at = (seq: number): string =>
  new Date(Date.UTC(2026, 10, 21, 9, 30, seq)).toISOString()

export function decoded(json: unknown): Notification {
  const r = decodeNotification(json)
  if (!r.ok) throw new Error(`test notification did not decode: ${JSON.stringify(r.errors)}`)
  return r.value
}

export const notify = (notification: Notification): Action => ({
  type: 'notification',
  notification
})

export interface CallSpec {
  readonly session: string
  readonly party?: string
  readonly status: string
  readonly direction?: 'Inbound' | 'Outbound'
  readonly queue?: string
  readonly from?: { name: string; number: string }
  readonly to?: { name: string; number: string }
  readonly start?: string
  readonly toTag?: string
}

export function activeCall(c: CallSpec): Record<string, unknown> {
  const from = c.from ?? CALLER
  return {
    id: c.session,
    direction: c.direction ?? 'Inbound',
    queueCall: c.queue !== undefined,
    from: from.number,
    fromName: from.name,
    to: c.to?.number ?? '+16505550101',
    toName: c.to?.name ?? c.queue ?? 'Main Number',
    startTime: c.start ?? at(0).replace('Z', '+0000'),
    telephonyStatus: c.status,
    sipData: {
      toTag: c.toTag ?? 'blf',
      fromTag: `${c.party ?? c.session}-tag`,
      remoteUri: '-',
      localUri: '-'
    },
    sessionId: '402936341008',
    telephonySessionId: c.session,
    partyId: c.party ?? `${c.session}-p`
  }
}

export interface PresenceOptions {
  readonly uuid?: string
  readonly via?: 'line' | 'own' | 'favorite'
  readonly timestamp?: string
}

/**
 * Detailed presence with SIP, as delivered for monitored lines
 * (docs/platform.md#detailed-presence-with-sip-event).
 */
export function presence(
  ext: string,
  seq: number | undefined,
  fields: Record<string, unknown>,
  o: PresenceOptions = {}
): Notification {
  const via = o.via ?? (ext === OWNER ? 'own' : 'line')
  const path =
    via === 'own' ? 'presence' : via === 'line' ? 'presence/line/presence' : 'favorite/presence'
  return decoded({
    uuid: o.uuid ?? nextUuid(),
    event: `/restapi/v1.0/account/${ACCOUNT}/extension/${OWNER}/${path}?detailedTelephonyState=true&sipData=true`,
    timestamp: o.timestamp ?? at(seq ?? 0),
    subscriptionId: 'dfbca25e-4e2b-4c60-aa8d-47a83716fe23',
    ownerId: OWNER,
    body: { extensionId: ext, ...(seq === undefined ? {} : { sequence: seq }), ...fields }
  })
}

export interface PartySpec {
  readonly id: string
  readonly ext?: string
  readonly code: string
  readonly reason?: string
  readonly direction?: 'Inbound' | 'Outbound'
  readonly queue?: string
  readonly parkData?: string
  readonly peer?: { session: string; party: string }
  readonly from?: { name: string; number: string }
  readonly to?: { name: string; number: string; extensionId?: string }
  readonly missedCall?: boolean
  readonly recordings?: number
  /** The line's device on the call: `deviceId` on the line's end (`to` inbound, `from` outbound). */
  readonly device?: string
}

/** The line's end carries the device, as real events do (`to.deviceId` on an inbound leg). */
function withDevice(
  p: PartySpec,
  end: Record<string, unknown>,
  side: 'from' | 'to'
): Record<string, unknown> {
  const lineSide = p.direction === 'Outbound' ? 'from' : 'to'
  if (p.device === undefined || side !== lineSide) return end
  return { ...end, ...(p.ext === undefined ? {} : { extensionId: p.ext }), deviceId: p.device }
}

export function party(p: PartySpec): Record<string, unknown> {
  const from = p.from ?? CALLER
  return {
    accountId: ACCOUNT,
    ...(p.ext === undefined ? {} : { extensionId: p.ext }),
    id: p.id,
    direction: p.direction ?? 'Inbound',
    to: withDevice(
      p,
      p.to ??
        (p.queue === undefined
          ? { phoneNumber: '+16505550101' }
          : { phoneNumber: '+16505550101', name: p.queue, extensionId: QUEUE }),
      'to'
    ),
    from: withDevice(p, { phoneNumber: from.number, name: from.name }, 'from'),
    status: {
      code: p.code,
      ...(p.reason === undefined ? {} : { reason: p.reason }),
      ...(p.parkData === undefined ? {} : { parkData: p.parkData }),
      ...(p.peer === undefined
        ? {}
        : {
            peerId: {
              sessionId: p.peer.session,
              telephonySessionId: p.peer.session,
              partyId: p.peer.party
            }
          }),
      rcc: false
    },
    park: {},
    missedCall: p.missedCall ?? false,
    ...(p.recordings === undefined
      ? {}
      : {
          recordings: Array.from({ length: p.recordings }, (_, i) => ({
            id: String(7_000 + i),
            active: i === 0
          }))
        }),
    standAlone: false,
    muted: false,
    ...(p.queue === undefined
      ? {}
      : { queueCall: true, uiCallInfo: { primary: { type: 'QueueName', value: p.queue } } }),
    sipData: { callId: `call-${p.id}@10.13.22.28`, toTag: `to-${p.id}`, fromTag: `from-${p.id}` }
  }
}

/** One account-level telephony notification (one party, as the platform delivers them). */
export function telephony(
  session: string,
  seq: number,
  parties: readonly PartySpec[],
  o: { uuid?: string; eventTime?: string } = {}
): Notification {
  const ext = parties[0]?.ext ?? OWNER
  return decoded({
    uuid: o.uuid ?? nextUuid(),
    event: `/restapi/v1.0/account/${ACCOUNT}/extension/${ext}/telephony/sessions?sipData=true`,
    timestamp: at(seq),
    subscriptionId: 'dfbca25e-4e2b-4c60-aa8d-47a83716fe23',
    ownerId: OWNER,
    body: {
      sequence: seq,
      sessionId: '402936341008',
      telephonySessionId: session,
      serverId: '10.13.22.28.TAM',
      eventTime: o.eventTime ?? at(seq),
      origin: { type: 'Call' },
      parties: parties.map(party)
    }
  })
}

/** A decoded party, as a REST readback's caller would produce with the same codec. */
export function decodedParty(p: PartySpec): Party {
  const n = telephony('s-readback', 1, [p])
  if (n.kind !== 'telephony-sessions') throw new Error('not a telephony notification')
  return n.body.parties[0]!
}

/**
 * The order-independent content of a state: everything but the bounded bookkeeping (dedupe
 * window, ended generations, tombstones) and the counters, with map entries sorted.
 */
export function canonical(state: CoreState): unknown {
  const sorted = <V>(entries: Iterable<[string, V]>): Array<[string, V]> =>
    [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return {
    directory: { ...state.directory, extensions: sorted(state.directory.extensions) },
    owner: state.envelopeOwnerId,
    presence: sorted(pentries(state.presence)),
    sessions: sorted(pentries(state.sessions)).map(([id, s]) => [
      id,
      { ...s, parties: sorted(s.parties) }
    ])
  }
}
