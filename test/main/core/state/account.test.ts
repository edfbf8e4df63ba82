import { describe, expect, it } from 'vitest'
import {
  clearAccountState,
  createStore,
  initialState,
  ownDndStatus,
  ownerIdOf
} from '../../../../src/main/core/state'
import { activeCall, DIRECTORY, notify, OWNER, presence, telephony } from './builders'

describe("the signed-in account's state", () => {
  it('knows the owner from the envelopes until the directory says', () => {
    const store = createStore()
    expect(ownerIdOf(store.getState())).toBeNull()
    store.dispatch(notify(presence('201', 1, {})))
    expect(ownerIdOf(store.getState())).toBe(OWNER)
    store.dispatch({ type: 'directory', directory: { ...DIRECTORY, ownerId: '999' } })
    expect(ownerIdOf(store.getState())).toBe('999')
  })

  it("reads the agent's own DND, an unknown value as received", () => {
    const store = createStore()
    store.dispatch({ type: 'directory', directory: DIRECTORY })
    expect(ownDndStatus(store.getState())).toBeNull()
    store.dispatch(notify(presence(OWNER, 1, { dndStatus: 'DoNotAcceptAnyCalls' })))
    expect(ownDndStatus(store.getState())).toBe('DoNotAcceptAnyCalls')
    store.dispatch(notify(presence(OWNER, 2, { dndStatus: 'SomethingNew' })))
    expect(ownDndStatus(store.getState())).toBe('SomethingNew')
    expect(ownDndStatus(initialState())).toBeNull()
  })

  it('leaves no line and no telephony call of the old account after sign-out', () => {
    const store = createStore()
    store.dispatch({ type: 'directory', directory: DIRECTORY })
    store.dispatch(
      notify(
        presence('201', 1, {
          activeCalls: [activeCall({ session: 's-1', party: 'p-1', status: 'Ringing' })]
        })
      )
    )
    store.dispatch(notify(telephony('s-2', 1, [{ id: 'p-2', ext: '202', code: 'Parked' }])))
    // A call parked at a park location, known only through the location's presence.
    store.dispatch(
      notify(
        presence('299', 1, {
          activeCalls: [activeCall({ session: 's-3', party: 'p-3', status: 'ParkedCall' })]
        })
      )
    )
    expect(store.getSnapshot().ringingLines).not.toEqual([])
    expect(store.getSnapshot().parkedCalls.map((c) => c.telephonySessionId)).toContain('s-3')
    clearAccountState(store, '2026-11-21T10:00:00.000Z')
    const s = store.getSnapshot()
    expect([s.lines, s.ringingLines, s.heldCalls, s.parkedCalls, s.accountSessions]).toEqual([
      [],
      [],
      [],
      [],
      []
    ])
    expect(ownDndStatus(store.getState())).toBeNull()
    expect(store.getState().presence.size).toBe(0)
    // A late event of a call of the old account cannot bring it back.
    const late = store.dispatch(
      notify(telephony('s-2', 1, [{ id: 'p-2', ext: '202', code: 'Parked' }]))
    )
    expect(late.outcome).not.toBe('applied')
  })
})
