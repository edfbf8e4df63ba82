import { describe, expect, it } from 'vitest'
import {
  deriveViews,
  initialState,
  reduce,
  type Action,
  type CoreState,
  type StateSnapshot
} from '../../../../src/main/core/state'
import {
  activeCall,
  at,
  CALLER,
  DIRECTORY,
  notify,
  OWNER,
  PARK_LOCATION,
  presence,
  telephony
} from './builders'

const Q = 'Support Queue'
const S = 's-9cdb248614c94aa7ba68135f6c07b808'

const views = (actions: readonly Action[]): StateSnapshot => {
  const start = reduce(initialState(), { type: 'directory', directory: DIRECTORY }).state
  return deriveViews(actions.reduce((s: CoreState, a) => reduce(s, a).state, start))
}
const statusOf = (v: StateSnapshot, id: string): string | undefined =>
  v.lines.find((l) => l.id === id)?.status
const ringingOn = (ext: string, seq: number): Action =>
  notify(
    presence(ext, seq, {
      telephonyStatus: 'Ringing',
      presenceStatus: 'Busy',
      activeCalls: [activeCall({ session: S, party: `p-${ext}`, status: 'Ringing', queue: Q })]
    })
  )
const owner = (seq: number, fields: Record<string, unknown>): Action =>
  notify(presence(OWNER, seq, fields))

describe('lines', () => {
  it('lists monitored lines, then favorites not already listed, with directory names', () => {
    const v = views([])
    expect(v.lines.map((l) => [l.id, l.position, l.name, l.monitored, l.favorite])).toEqual([
      ['201', 0, 'Alice Smith', true, true],
      ['202', 1, 'Bob Brown', true, false],
      ['203', 2, 'Carol Diaz', true, false],
      ['204', 3, 'Dan Evans', false, true]
    ])
    expect(v.lines.every((l) => l.status === 'offline' && !l.hasPresence)).toBe(true)
  })

  it.each([
    [{ presenceStatus: 'Available', dndStatus: 'TakeAllCalls' }, 'available'],
    [{ presenceStatus: 'Available', dndStatus: 'DoNotAcceptAnyCalls' }, 'dnd'],
    [{ presenceStatus: 'Available', dndStatusPersonal: 'DoNotAcceptAnyCalls' }, 'dnd'],
    [{ presenceStatus: 'Available', dndStatus: 'DoNotAcceptDepartmentCalls' }, 'available'],
    [{ presenceStatus: 'Offline', dndStatus: 'DoNotAcceptAnyCalls' }, 'dnd'],
    [{ presenceStatus: 'Offline' }, 'offline'],
    [{ userStatus: 'Offline' }, 'offline'],
    [{ presenceStatus: 'Available', userStatus: 'Busy' }, 'busy'],
    [{ presenceStatus: 'Busy', telephonyStatus: 'CallConnected' }, 'busy'],
    [{ presenceStatus: 'Busy', telephonyStatus: 'OnHold' }, 'on-hold'],
    [{ presenceStatus: 'Busy', telephonyStatus: 'ParkedCall' }, 'parked'],
    [
      { presenceStatus: 'Busy', telephonyStatus: 'Ringing', dndStatus: 'DoNotAcceptAnyCalls' },
      'ringing'
    ],
    [{ presenceStatus: 'Sleeping', telephonyStatus: 'Teleporting' }, 'offline'],
    [{ presenceStatus: 'Available', telephonyStatus: 'Teleporting' }, 'available']
  ])('a line with %j is %s', (fields, status) => {
    expect(statusOf(views([notify(presence('204', 1, fields, { via: 'favorite' }))]), '204')).toBe(
      status
    )
  })

  it('goes DND, then offline, then back, following the newest presence', () => {
    const seq = [
      notify(presence('202', 1, { presenceStatus: 'Available', dndStatus: 'TakeAllCalls' })),
      notify(presence('202', 2, { dndStatus: 'DoNotAcceptAnyCalls' }))
    ]
    expect(statusOf(views(seq), '202')).toBe('dnd')
    const offline = [
      ...seq,
      notify(presence('202', 3, { presenceStatus: 'Offline', dndStatus: 'TakeAllCalls' }))
    ]
    expect(statusOf(views(offline), '202')).toBe('offline')
    const back = [...offline, notify(presence('202', 4, { presenceStatus: 'Available' }))]
    expect(statusOf(views(back), '202')).toBe('available')
  })

  it('treats a call in an unknown state as busy, never as ringing', () => {
    const v = views([
      notify(
        presence('201', 1, { activeCalls: [activeCall({ session: 's-x', status: 'Teleporting' })] })
      )
    ])
    expect(statusOf(v, '201')).toBe('busy')
    expect(v.ringingLines).toEqual([])
  })
})

describe('a queue call ringing three monitored agents', () => {
  const ringing: Action[] = [
    notify(telephony(S, 1, [{ id: 'p-caller', code: 'Answered', queue: Q }])),
    ringingOn('201', 10),
    ringingOn('202', 20),
    ringingOn('203', 30),
    notify(telephony(S, 2, [{ id: 'p-201', ext: '201', code: 'Proceeding', queue: Q }])),
    notify(telephony(S, 3, [{ id: 'p-202', ext: '202', code: 'Proceeding', queue: Q }])),
    notify(telephony(S, 4, [{ id: 'p-203', ext: '203', code: 'Proceeding', queue: Q }]))
  ]

  it('rings on all three lines with caller, queue and SIP tags', () => {
    const v = views(ringing)
    expect(v.ringingLines.map((r) => r.extensionId)).toEqual(['201', '202', '203'])
    const first = v.ringingLines[0]!
    expect(first).toMatchObject({
      id: `201:${S}`,
      lineName: 'Alice Smith',
      caller: CALLER,
      queueCall: true,
      queueName: Q,
      telephonySessionId: S,
      partyId: 'p-201',
      canPickUp: true,
      source: 'presence'
    })
    expect(first.sip).toEqual({
      callId: 'call-p-201@10.13.22.28',
      toTag: 'blf',
      fromTag: 'p-201-tag'
    })
    expect(v.lines.slice(0, 3).map((l) => l.status)).toEqual(['ringing', 'ringing', 'ringing'])
    expect(v.accountSessions).toHaveLength(1)
    expect(v.accountSessions[0]!.parties.map((p) => [p.id, p.status])).toEqual([
      ['p-201', 'Proceeding'],
      ['p-202', 'Proceeding'],
      ['p-203', 'Proceeding'],
      ['p-caller', 'Answered']
    ])
  })

  it('stops ringing everywhere once one agent answers and the others are Disconnected', () => {
    const v = views([
      ...ringing,
      notify(telephony(S, 5, [{ id: 'p-201', ext: '201', code: 'Answered', queue: Q }])),
      notify(
        telephony(S, 6, [
          { id: 'p-202', ext: '202', code: 'Disconnected', reason: 'AgentAnswered' }
        ])
      ),
      notify(
        telephony(S, 7, [
          { id: 'p-203', ext: '203', code: 'Disconnected', reason: 'AgentAnswered' }
        ])
      ),
      notify(
        presence('201', 11, {
          telephonyStatus: 'CallConnected',
          activeCalls: [
            activeCall({ session: S, party: 'p-201', status: 'CallConnected', queue: Q })
          ]
        })
      )
      // 202 and 203 presence still says Ringing (late): telephony's Disconnected vetoes it.
    ])
    expect(v.ringingLines).toEqual([])
    expect(v.lines.slice(0, 3).map((l) => l.status)).toEqual(['busy', 'busy', 'busy'])
    expect(v.accountSessions[0]!.parties.find((p) => p.id === 'p-202')?.reason).toBe(
      'AgentAnswered'
    )
  })

  it('carries the missed and recorded flags the supervisors filter on', () => {
    const v = views([
      ...ringing,
      notify(telephony(S, 5, [{ id: 'p-201', ext: '201', code: 'Answered', recordings: 2 }])),
      notify(
        telephony(S, 6, [
          { id: 'p-202', ext: '202', code: 'Disconnected', reason: 'Timeout', missedCall: true }
        ])
      )
    ])
    const parties = new Map(v.accountSessions[0]!.parties.map((p) => [p.id, p]))
    expect(parties.get('p-201')).toMatchObject({ missedCall: false, recordings: 2 })
    expect(parties.get('p-202')).toMatchObject({ missedCall: true, recordings: 0 })
  })
})

describe('hold and unhold', () => {
  const held = (seq: number, status: string): Action =>
    notify(
      presence('202', seq, { activeCalls: [activeCall({ session: S, party: 'p-202', status })] })
    )

  it('lets the agent pick up a held call only with pickUpCallsOnHold, and lists it either way', () => {
    const allowed = views([owner(1, { pickUpCallsOnHold: true }), held(5, 'OnHold')])
    expect(allowed.heldCalls.map((c) => [c.id, c.canPickUp])).toEqual([[`202:${S}`, true]])
    expect(allowed.lines.find((l) => l.id === '202')?.status).toBe('on-hold')
    const denied = views([owner(1, { pickUpCallsOnHold: false }), held(5, 'OnHold')])
    expect(denied.heldCalls.map((c) => [c.id, c.canPickUp])).toEqual([[`202:${S}`, false]])
    // The monitored line's own flag is not the one that counts.
    expect(views([held(5, 'OnHold')]).heldCalls.map((c) => c.canPickUp)).toEqual([false])
  })

  it('drops the held call when it is taken off hold', () => {
    const v = views([
      owner(1, { pickUpCallsOnHold: true }),
      held(5, 'OnHold'),
      held(6, 'CallConnected')
    ])
    expect(v.heldCalls).toEqual([])
    expect(v.lines.find((l) => l.id === '202')?.status).toBe('busy')
  })

  it('falls back to telephony Hold for a line without a presence call list', () => {
    const v = views([
      owner(1, { pickUpCallsOnHold: true }),
      notify(telephony(S, 1, [{ id: 'p-203', ext: '203', code: 'Hold' }]))
    ])
    expect(v.heldCalls.map((c) => [c.id, c.source])).toEqual([[`203:${S}`, 'telephony']])
  })
})

describe('park and pickup', () => {
  const parked: Action[] = [
    notify(telephony(S, 5, [{ id: 'p-201', ext: '201', code: 'Parked', parkData: '*801' }])),
    notify(
      presence(PARK_LOCATION, 3, {
        telephonyStatus: 'ParkedCall',
        activeCalls: [activeCall({ session: S, party: 'p-park', status: 'ParkedCall' })]
      })
    )
  ]

  it('shows the parked call once, with orbit, who parked it and since when', () => {
    const v = views(parked)
    expect(v.parkedCalls).toEqual([
      {
        id: S,
        telephonySessionId: S,
        partyId: 'p-201',
        orbit: '*801',
        parkedBy: { extensionId: '201', name: 'Alice Smith' },
        location: { extensionId: PARK_LOCATION, name: 'Front Desk Park' },
        caller: CALLER,
        since: at(5),
        canPickUp: true,
        source: 'telephony'
      }
    ])
  })

  it('removes it when the parked party is Gone to the picker-upper (peerId)', () => {
    const pickedUp = notify(
      telephony(S, 6, [
        {
          id: 'p-201',
          ext: '201',
          code: 'Gone',
          reason: 'Pickup',
          peer: { session: 's-2', party: 'p-me' }
        }
      ])
    )
    const mine = notify(
      presence(OWNER, 2, {
        activeCalls: [activeCall({ session: 's-2', party: 'p-me', status: 'CallConnected' })]
      })
    )
    const v = views([...parked, pickedUp, mine])
    expect(v.parkedCalls).toEqual([])
    expect(v.myCalls.map((c) => [c.id, c.state, c.statusText])).toEqual([
      [`${OWNER}:s-2`, 'connected', 'CallConnected']
    ])
  })
})

describe('transfer', () => {
  it('moves the ringing from the transferring agent to the target', () => {
    const v = views([
      notify(telephony(S, 1, [{ id: 'p-201', ext: '201', code: 'Answered' }])),
      notify(
        telephony(S, 2, [
          { id: 'p-201', ext: '201', code: 'Disconnected', reason: 'BlindTransfer' }
        ])
      ),
      notify(telephony(S, 3, [{ id: 'p-202', ext: '202', code: 'Proceeding' }]))
    ])
    expect(v.ringingLines.map((r) => [r.extensionId, r.source, r.caller])).toEqual([
      ['202', 'telephony', CALLER]
    ])
    expect(v.lines.map((l) => l.status)).toEqual(['offline', 'ringing', 'offline', 'offline'])
  })

  it('ends the session when the last party is Gone (attended transfer)', () => {
    const v = views([
      notify(telephony(S, 1, [{ id: 'p-201', ext: '201', code: 'Answered' }])),
      notify(
        telephony(S, 2, [
          {
            id: 'p-201',
            ext: '201',
            code: 'Gone',
            reason: 'AttendedTransfer',
            peer: { session: 's-3', party: 'p-3' }
          }
        ])
      )
    ])
    expect(v.accountSessions).toEqual([])
  })
})

describe('a line with more calls than its presence lists', () => {
  const sessions = Array.from({ length: 9 }, (_, i) => `s-busy-${i}`)
  /** Every call rings 201 over telephony; presence lists only the latest 7 of them. */
  const busyLine = (total: number | undefined): Action[] => [
    ...sessions.map((s, i) =>
      notify(telephony(s, 1, [{ id: `p-${i}`, ext: '201', code: 'Proceeding' }]))
    ),
    notify(
      presence('201', 1, {
        ...(total === undefined ? {} : { totalActiveCalls: total }),
        activeCalls: sessions
          .slice(2)
          .map((s, i) => activeCall({ session: s, party: `p-${i + 2}`, status: 'Ringing' }))
      })
    )
  ]

  it('keeps ringing the calls a full list (7 entries) leaves out, from telephony', () => {
    const v = views(busyLine(undefined))
    expect(v.ringingLines.map((r) => r.telephonySessionId).sort()).toEqual([...sessions].sort())
    const older = v.ringingLines.find((r) => r.telephonySessionId === 's-busy-0')
    expect(older?.source).toBe('telephony')
    expect(v.lines.find((l) => l.id === '201')?.activeCalls).toBe(9)
  })

  it('trusts a shorter list that says it is complete, and a total above it that says not', () => {
    const short: Action[] = [
      notify(telephony('s-x', 1, [{ id: 'p-x', ext: '202', code: 'Proceeding' }])),
      notify(telephony('s-y', 1, [{ id: 'p-y', ext: '202', code: 'Proceeding' }])),
      notify(
        presence('202', 1, {
          totalActiveCalls: 1,
          activeCalls: [activeCall({ session: 's-y', party: 'p-y', status: 'Ringing' })]
        })
      )
    ]
    // The list is authoritative: s-x is late news the presence already left behind.
    expect(views(short).ringingLines.map((r) => r.telephonySessionId)).toEqual(['s-y'])
    // A later body with only a new total: the same list, now known to leave a call out.
    const more = [...short, notify(presence('202', 2, { totalActiveCalls: 2 }))]
    expect(
      views(more)
        .ringingLines.map((r) => r.telephonySessionId)
        .sort()
    ).toEqual(['s-x', 's-y'])
  })
})

describe("the device an agent's call is on", () => {
  const mine = (device: string | undefined, direction: 'Inbound' | 'Outbound'): Action =>
    notify(
      telephony(S, 1, [
        {
          id: 'p-me',
          ext: OWNER,
          code: 'Answered',
          direction,
          ...(device === undefined ? {} : { device })
        }
      ])
    )

  it("carries the line's own end's deviceId, inbound (`to`) and outbound (`from`)", () => {
    for (const direction of ['Inbound', 'Outbound'] as const) {
      const v = views([mine('800042', direction)])
      expect(v.myCalls.map((c) => [c.id, c.deviceId])).toEqual([[`${OWNER}:${S}`, '800042']])
    }
  })

  it('says null when the events name no device', () => {
    expect(views([mine(undefined, 'Inbound')]).myCalls.map((c) => c.deviceId)).toEqual([null])
  })

  it("keeps the device for a presence call, from the telephony party behind it", () => {
    const v = views([
      mine('800042', 'Inbound'),
      owner(2, {
        activeCalls: [activeCall({ session: S, party: 'p-me', status: 'CallConnected' })]
      })
    ])
    expect(v.myCalls.map((c) => [c.source, c.deviceId])).toEqual([['presence', '800042']])
  })

  it("carries the session's sessionId and serverId, which an inbound pickup names", () => {
    const v = views([mine(undefined, 'Inbound')])
    expect(v.myCalls.map((c) => [c.sessionId, c.serverId])).toEqual([
      ['402936341008', '10.13.22.28.TAM']
    ])
  })
})
