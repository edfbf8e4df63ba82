/**
 * Store.mark/rebase: a resync's readback is applied as of the moment its REST reads began, and the
 * actions dispatched while they were in flight are replayed on top, so nothing newer is undone.
 */
import { describe, expect, it } from 'vitest'
import { createStore, type Readback } from '../../../../src/main/core/state'
import { pget } from '../../../../src/main/core/state/pmap'
import { REBASE_CAPACITY } from '../../../../src/main/core/state/limits'
import { activeCall, at, DIRECTORY, notify, presence, telephony } from './builders'

/** What REST says of line 201 and the calls: read before the events dispatched after `mark()`. */
const staleReadback: Readback = {
  at: at(50),
  presence: [{ extensionId: '201', telephonyStatus: 'NoCall', activeCalls: [] }],
  sessions: []
}

const ringing201 = (seq: number, session: string): ReturnType<typeof notify> =>
  notify(
    presence('201', seq, {
      telephonyStatus: 'Ringing',
      activeCalls: [activeCall({ session, party: `p-${session}`, status: 'Ringing' })]
    })
  )

function storeWithLines(): ReturnType<typeof createStore> {
  const store = createStore()
  store.dispatch({ type: 'directory', directory: DIRECTORY })
  store.dispatch(notify(presence('201', 1, { telephonyStatus: 'NoCall', activeCalls: [] })))
  return store
}

describe('store rebase', () => {
  it('keeps a call that started while the readback was being read', () => {
    const store = storeWithLines()
    const mark = store.mark()
    store.dispatch(ringing201(2, 's-new'))
    store.dispatch(
      notify(telephony('s-new', 1, [{ id: 'p-s-new', ext: '201', code: 'Proceeding' }]))
    )
    expect(store.rebase(mark, staleReadback)).toBe(true)
    const state = store.getState()
    expect(pget(state.presence, '201')?.fields.telephonyStatus).toBe('Ringing')
    // Not tombstoned as "ended while away": its later events still apply.
    expect(pget(state.sessions, 's-new')).toBeDefined()
    expect(store.getSnapshot().ringingLines.map((r) => r.telephonySessionId)).toEqual(['s-new'])
    const answered = store.dispatch(
      notify(telephony('s-new', 2, [{ id: 'p-s-new', ext: '201', code: 'Answered' }]))
    )
    expect(answered.outcome).toBe('applied')
  })

  it('still removes what the readback proves gone, when nothing newer arrived', () => {
    const store = storeWithLines()
    store.dispatch(ringing201(2, 's-old'))
    store.dispatch(
      notify(telephony('s-old', 1, [{ id: 'p-s-old', ext: '201', code: 'Proceeding' }]))
    )
    const mark = store.mark()
    expect(store.rebase(mark, staleReadback)).toBe(true)
    expect(pget(store.getState().sessions, 's-old')).toBeUndefined()
    expect(store.getSnapshot().ringingLines).toEqual([])
  })

  it('equals applying the readback first and the same actions after it', () => {
    const live = storeWithLines()
    const reference = storeWithLines()
    const mark = live.mark()
    const during = [ringing201(2, 's-a'), notify(presence('202', 1, { presenceStatus: 'Busy' }))]
    for (const a of during) live.dispatch(a)
    live.rebase(mark, staleReadback)
    reference.dispatch({ type: 'readback', readback: staleReadback })
    for (const a of during) reference.dispatch(a)
    expect(live.getSnapshot()).toEqual(reference.getSnapshot())
    expect(live.getState().stats).toEqual(reference.getState().stats)
  })

  it('refuses a released, superseded or overflowed mark and leaves the state alone', () => {
    const store = storeWithLines()
    const released = store.mark()
    store.release(released)
    expect(store.rebase(released, staleReadback)).toBe(false)

    const old = store.mark()
    const current = store.mark()
    expect(store.rebase(old, staleReadback)).toBe(false)
    store.release(current)

    const overflowed = store.mark()
    for (let i = 0; i <= REBASE_CAPACITY; i++) {
      store.dispatch(notify(presence('202', i + 1, { presenceStatus: 'Busy' })))
    }
    store.dispatch(ringing201(2, 's-x'))
    const before = store.getState()
    expect(store.rebase(overflowed, staleReadback)).toBe(false)
    expect(store.getState()).toBe(before)
  })

  it('tells subscribers about the rebased views', () => {
    const store = storeWithLines()
    store.dispatch(ringing201(2, 's-old'))
    const seen: number[] = []
    store.subscribe((patches) => seen.push(patches.length))
    const mark = store.mark()
    store.rebase(mark, staleReadback)
    expect(seen.length).toBe(1)
    expect(store.getSnapshot().ringingLines).toEqual([])
  })
})
