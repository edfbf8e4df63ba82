/** fast-check generators of VALID notification bodies, covering every optional field and enum. */
import fc from 'fast-check'

const id = fc.oneof(fc.stringMatching(/^[0-9]{6,12}$/), fc.integer({ min: 1, max: 2 ** 40 }))
const token = fc.stringMatching(/^[a-z0-9-]{1,24}$/)
const iso = fc
  .date({
    min: new Date('2001-01-01T00:00:00Z'),
    max: new Date('2099-12-31T00:00:00Z'),
    noInvalidDate: true
  })
  .chain((d) =>
    fc.constantFrom(
      d.toISOString(),
      d.toISOString().replace('Z', '+0000'),
      d.toISOString().replace('Z', '+00:00')
    )
  )
const pick = <T>(...xs: T[]): fc.Arbitrary<T> => fc.constantFrom(...xs)

const telephonyStatus = pick('NoCall', 'CallConnected', 'Ringing', 'OnHold', 'ParkedCall')
const presenceStatus = pick('Offline', 'Busy', 'Available')

const presenceFields = {
  telephonyStatus,
  sequence: fc.nat(),
  presenceStatus,
  userStatus: presenceStatus,
  dndStatus: pick(
    'TakeAllCalls',
    'DoNotAcceptDepartmentCalls',
    'TakeDepartmentCallsOnly',
    'DoNotAcceptAnyCalls',
    'Unknown'
  ),
  meetingStatus: pick('Connected', 'Disconnected'),
  allowSeeMyPresence: fc.boolean(),
  ringOnMonitoredCall: fc.boolean(),
  pickUpCallsOnHold: fc.boolean()
}

const activeCallSip = fc.record(
  {
    id: token,
    direction: pick('Inbound', 'Outbound'),
    queueCall: fc.boolean(),
    from: fc.string(),
    fromName: fc.string(),
    to: fc.string(),
    toName: fc.string(),
    startTime: iso,
    telephonyStatus,
    sessionId: id,
    telephonySessionId: token,
    partyId: token,
    sipData: fc.record(
      { toTag: token, fromTag: token, remoteUri: fc.string(), localUri: fc.string() },
      { requiredKeys: ['toTag', 'fromTag'] }
    )
  },
  { requiredKeys: ['id'] }
)

export const detailedPresenceSipBody = fc.record(
  {
    extensionId: id,
    ...presenceFields,
    totalActiveCalls: fc.nat(7),
    activeCalls: fc.array(activeCallSip, { maxLength: 7 })
  },
  { requiredKeys: ['extensionId'] }
)

const partyInfo = fc.record(
  { phoneNumber: fc.string(), name: fc.string(), extensionId: id, deviceId: id },
  { requiredKeys: [] }
)
const status = fc.record(
  {
    code: pick(
      'Setup',
      'Proceeding',
      'Answered',
      'Disconnected',
      'Gone',
      'Parked',
      'Hold',
      'VoiceMail',
      'Tds'
    ),
    reason: pick(
      'Pickup',
      'BlindTransfer',
      'AttendedTransfer',
      'CallPark',
      'CallSwitch',
      'AgentAnswered'
    ),
    parkData: fc.string(),
    peerId: fc.record({ sessionId: token, telephonySessionId: token, partyId: token }),
    rcc: fc.boolean()
  },
  { requiredKeys: ['code'] }
)
const party = fc.record(
  {
    id: token,
    status,
    accountId: id,
    extensionId: id,
    direction: pick('Inbound', 'Outbound'),
    to: partyInfo,
    from: partyInfo,
    missedCall: fc.boolean(),
    standAlone: fc.boolean(),
    muted: fc.boolean(),
    park: fc.record({ id: token }, { requiredKeys: [] }),
    sipData: fc.record({ callId: token, toTag: token, fromTag: token })
  },
  { requiredKeys: ['id', 'status'] }
)

export const telephonySessionBody = fc.record(
  {
    telephonySessionId: token,
    sequence: fc.nat(),
    parties: fc.array(party, { minLength: 1, maxLength: 3 }),
    sessionId: id,
    serverId: fc.string(),
    eventTime: iso,
    origin: fc.record({ type: pick('Call', 'RingOut', 'RingMe', 'Conference', 'CallOut') })
  },
  { requiredKeys: ['telephonySessionId', 'sequence', 'parties'] }
)

/** Every path (in the reporter's notation) to a primitive leaf of `v`, with the leaf value. */
export function leaves(v: unknown, path = ''): Array<{ path: string; value: unknown }> {
  if (Array.isArray(v)) return v.flatMap((x, i) => leaves(x, `${path}[${i}]`))
  if (typeof v === 'object' && v !== null) {
    return Object.entries(v).flatMap(([k, x]) => leaves(x, path === '' ? k : `${path}.${k}`))
  }
  return [{ path, value: v }]
}

/** Sets the leaf at `path` (as produced by `leaves`) in a deep copy of `v`. */
export function setLeaf(v: unknown, path: string, value: unknown): unknown {
  const copy: unknown = structuredClone(v)
  const keys = path.match(/[^.[\]]+/g) ?? []
  let node = copy as Record<string, unknown>
  for (const k of keys.slice(0, -1)) node = node[k] as Record<string, unknown>
  node[keys[keys.length - 1]!] = value
  return copy
}

/**
 * A value of the wrong JSON type for any leaf. Numbers become `true`, not a string, because an id
 * field accepts a numeric string and a number alike.
 */
export const wrongTypeFor = (value: unknown): unknown => (typeof value === 'boolean' ? 'yes' : true)
