import { describe, expect, it } from 'vitest'
import { initialState, reduce, type Action, type CoreState } from '../../../../src/main/core/state'
import { pget } from '../../../../src/main/core/state/pmap'
import {
  activeCall,
  at,
  decoded,
  decodedParty,
  DIRECTORY,
  notify,
  OWNER,
  presence,
  telephony
} from './builders'

const run = (actions: readonly Action[], from: CoreState = initialState()): CoreState =>
  actions.reduce((s, a) => reduce(s, a).state, from)

const withDirectory = (): CoreState => run([{ type: 'directory', directory: DIRECTORY }])

describe('reduce: presence ordering', () => {
  it('drops a stale presence and keeps the newer status', () => {
    const newer = presence('201', 12, { telephonyStatus: 'CallConnected', presenceStatus: 'Busy' })
    const older = presence('201', 11, { telephonyStatus: 'Ringing', presenceStatus: 'Busy' })
    const s1 = reduce(withDirectory(), notify(newer)).state
    const r = reduce(s1, notify(older))
    expect(r.outcome).toBe('stale')
    expect(pget(r.state.presence, '201')?.fields.telephonyStatus).toBe('CallConnected')
    expect(r.state.stats.stale).toBe(1)
  })

  it('lets an older body fill a field the newer one left out (per-field LWW)', () => {
    const newer = presence('201', 12, { presenceStatus: 'Busy' })
    const older = presence('201', 11, { presenceStatus: 'Available', dndStatus: 'TakeAllCalls' })
    const s = run([notify(newer), notify(older)])
    const f = pget(s.presence, '201')?.fields
    expect(f?.presenceStatus).toBe('Busy')
    expect(f?.dndStatus).toBe('TakeAllCalls')
  })

  it('applies a body without sequence and counts it', () => {
    const s = run([
      notify(presence('201', 5, { presenceStatus: 'Busy' })),
      notify(presence('201', undefined, { presenceStatus: 'Available' }))
    ])
    expect(pget(s.presence, '201')?.fields.presenceStatus).toBe('Available')
    expect(s.stats.unsequenced).toBe(1)
    // …and a stale sequenced body cannot undo it, a newer one can.
    const stale = run([notify(presence('201', 4, { presenceStatus: 'Offline' }))], s)
    expect(pget(stale.presence, '201')?.fields.presenceStatus).toBe('Available')
    const newer = run([notify(presence('201', 6, { presenceStatus: 'Offline' }))], s)
    expect(pget(newer.presence, '201')?.fields.presenceStatus).toBe('Offline')
  })

  it('keeps unknown enum values as they came', () => {
    const s = run([notify(presence('201', 1, { telephonyStatus: 'Teleporting' }))])
    expect(pget(s.presence, '201')?.fields.telephonyStatus).toEqual({ unknown: 'Teleporting' })
  })
})

describe('reduce: duplicates', () => {
  it('drops a second delivery of the same uuid', () => {
    const n = presence('201', 1, { presenceStatus: 'Busy' })
    const s1 = reduce(initialState(), notify(n)).state
    const r = reduce(s1, notify(n))
    expect(r.outcome).toBe('duplicate')
    expect(r.changes).toEqual([])
    expect(r.state.presence).toBe(s1.presence)
    expect(r.state.stats.duplicates).toBe(1)
  })

  it('is pure: the input state is untouched and reducing it again gives the same result', () => {
    const s0 = withDirectory()
    const n = telephony('s-1', 1, [{ id: 'p-1', ext: '201', code: 'Proceeding' }])
    const a = reduce(s0, notify(n))
    const b = reduce(s0, notify(n))
    expect(a.outcome).toBe('applied')
    expect(b.outcome).toBe('applied')
    expect(pget(s0.sessions, 's-1')).toBeUndefined()
    expect(pget(a.state.sessions, 's-1')).toEqual(pget(b.state.sessions, 's-1'))
  })
})

describe('reduce: telephony parties', () => {
  it('merges one-party notifications into one session', () => {
    const s = run([
      notify(telephony('s-1', 1, [{ id: 'p-1', code: 'Answered' }])),
      notify(telephony('s-1', 2, [{ id: 'p-2', ext: '201', code: 'Proceeding' }]))
    ])
    expect([...(pget(s.sessions, 's-1')?.parties.keys() ?? [])]).toEqual(['p-1', 'p-2'])
  })

  it("applies party A's seq 5 after party B's seq 6, but drops A's stale update", () => {
    const s = run([
      notify(telephony('s-1', 6, [{ id: 'p-b', ext: '202', code: 'Proceeding' }])),
      notify(telephony('s-1', 5, [{ id: 'p-a', ext: '201', code: 'Answered' }])),
      notify(telephony('s-1', 4, [{ id: 'p-a', ext: '201', code: 'Proceeding' }]))
    ])
    const session = pget(s.sessions, 's-1')
    expect(session?.parties.get('p-a')?.fields.status?.code).toBe('Answered')
    expect(session?.parties.get('p-b')?.fields.status?.code).toBe('Proceeding')
    expect(s.stats.stale).toBe(1)
  })

  it('marks a session ended when every party is Disconnected, Gone or VoiceMail', () => {
    const s = run([
      notify(telephony('s-1', 1, [{ id: 'p-1', code: 'Answered' }])),
      notify(telephony('s-1', 2, [{ id: 'p-2', ext: '201', code: 'VoiceMail' }])),
      notify(telephony('s-1', 3, [{ id: 'p-1', code: 'Disconnected' }]))
    ])
    expect(pget(s.sessions, 's-1')?.ended).toBe(true)
  })

  it('keeps a session with an unknown status code live', () => {
    const s = run([notify(telephony('s-1', 1, [{ id: 'p-1', code: 'Beamed' }]))])
    const p = pget(s.sessions, 's-1')?.parties.get('p-1')
    expect(p?.fields.status?.code).toEqual({ unknown: 'Beamed' })
    expect(pget(s.sessions, 's-1')?.ended).toBe(false)
  })
})

describe('reduce: lists and directory', () => {
  it('applies the monitored-lines list event and ignores an older one', () => {
    const list = (seq: number, ids: string[]): Action =>
      notify(
        decoded({
          uuid: `u-list-${seq}`,
          event: `/restapi/v1.0/account/1/extension/${OWNER}/presence/line`,
          timestamp: at(seq),
          ownerId: OWNER,
          body: { extension: ids.map((id) => ({ id })), sequence: seq }
        })
      )
    const s = run([list(5, ['203', '201']), list(4, ['999'])], withDirectory())
    expect(s.directory.monitored).toEqual(['203', '201'])
  })

  it('reports a favorites change so the caller refetches the list', () => {
    const n = decoded({
      uuid: 'u-fav',
      event: `/restapi/v1.0/account/1/extension/${OWNER}/favorite`,
      timestamp: at(1),
      body: { extensionId: '204' }
    })
    expect(reduce(initialState(), notify(n)).changes).toEqual([{ kind: 'favorites-changed' }])
  })
})

describe('reduce: readback (resync)', () => {
  it('replaces presence and sessions atomically and tombstones vanished sessions', () => {
    const before = run(
      [
        notify(
          presence('201', 10, {
            activeCalls: [activeCall({ session: 's-old', status: 'Ringing' })]
          })
        ),
        notify(telephony('s-old', 3, [{ id: 'p-1', ext: '201', code: 'Proceeding' }]))
      ],
      withDirectory()
    )
    const after = reduce(before, {
      type: 'readback',
      readback: {
        at: at(60),
        presence: [{ extensionId: '201', presenceStatus: 'Available', activeCalls: [] }],
        sessions: [
          {
            id: 's-new',
            parties: [decodedParty({ id: 'p-9', ext: '202', code: 'Answered' })]
          }
        ]
      }
    }).state
    expect(pget(after.presence, '201')?.fields.activeCalls).toEqual([])
    expect(pget(after.presence, '201')?.maxSeq).toBe(10) // baseline kept: no sequence in REST
    expect(pget(after.sessions, 's-old')).toBeUndefined()
    expect(pget(after.sessions, 's-new')?.parties.get('p-9')?.fields.status?.code).toBe('Answered')
    // An in-flight event of the vanished session is stale: no phantom ringing call.
    const late = reduce(
      after,
      notify(telephony('s-old', 2, [{ id: 'p-1', ext: '201', code: 'Proceeding' }]))
    )
    expect(late.outcome).toBe('stale')
    expect(pget(late.state.sessions, 's-old')).toBeUndefined()
    // A presence event older than the readback's baseline is stale as well.
    const oldPresence = presence('201', 9, {
      activeCalls: [activeCall({ session: 's-old', status: 'Ringing' })]
    })
    expect(reduce(after, notify(oldPresence)).outcome).toBe('stale')
  })

  it('resets the baseline to the readback sequence when it has one', () => {
    const before = run([notify(presence('201', 500, { presenceStatus: 'Busy' }))])
    const after = reduce(before, {
      type: 'readback',
      readback: {
        at: at(1),
        presence: [{ extensionId: '201', sequence: 3, presenceStatus: 'Available' }],
        sessions: []
      }
    }).state
    const s = run([notify(presence('201', 4, { presenceStatus: 'Offline' }))], after)
    expect(pget(s.presence, '201')?.fields.presenceStatus).toBe('Offline')
  })
})
