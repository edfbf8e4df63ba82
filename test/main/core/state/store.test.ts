import { describe, expect, it, vi } from 'vitest'
import {
  applyPatches,
  createStore,
  deriveViews,
  type SemanticEvent,
  type StateSnapshot
} from '../../../../src/main/core/state'
import { activeCall, DIRECTORY, notify, OWNER, presence, telephony } from './builders'

const S = 's-store-1'

describe('store', () => {
  it('notifies patches that rebuild the snapshot, and semantic events once per change', () => {
    const store = createStore()
    let mirror: StateSnapshot = store.getSnapshot()
    store.subscribe((patches) => {
      mirror = applyPatches(mirror, patches)
    })
    const events: SemanticEvent[] = []
    store.onEvent((e) => events.push(e))

    store.dispatch({ type: 'directory', directory: DIRECTORY })
    store.dispatch(notify(presence(OWNER, 1, { pickUpCallsOnHold: true })))
    const ringing = presence('201', 1, {
      activeCalls: [activeCall({ session: S, party: 'p-201', status: 'Ringing' })]
    })
    store.dispatch(notify(ringing))
    store.dispatch(notify(ringing)) // duplicate: no second event
    store.dispatch(
      notify(
        presence('201', 2, {
          activeCalls: [activeCall({ session: S, party: 'p-201', status: 'OnHold' })]
        })
      )
    )
    store.dispatch(notify(presence('201', 3, { activeCalls: [] })))
    store.dispatch(
      notify(telephony(S, 3, [{ id: 'p-201', ext: '201', code: 'Parked', parkData: '*802' }]))
    )
    store.dispatch(
      notify(telephony(S, 4, [{ id: 'p-201', ext: '201', code: 'Gone', reason: 'Pickup' }]))
    )

    expect(events.map((e) => [e.type, e.call.id])).toEqual([
      ['line-ringing', `201:${S}`],
      ['line-stopped-ringing', `201:${S}`],
      ['held-call-appeared', `201:${S}`],
      ['held-call-gone', `201:${S}`],
      ['parked', S],
      ['unparked', S]
    ])
    expect(mirror).toEqual(store.getSnapshot())
    expect(store.getSnapshot()).toEqual(deriveViews(store.getState()))
  })

  it('skips view work for duplicates and keeps going when a listener throws', () => {
    const onListenerError = vi.fn()
    const store = createStore({ onListenerError })
    const listener = vi.fn()
    store.subscribe(() => {
      throw new Error('boom')
    })
    store.subscribe(listener)
    store.dispatch({ type: 'directory', directory: DIRECTORY })
    const n = presence('202', 1, { presenceStatus: 'Available' })
    store.dispatch(notify(n))
    expect(store.dispatch(notify(n)).outcome).toBe('duplicate')
    expect(listener).toHaveBeenCalledTimes(2)
    expect(onListenerError).toHaveBeenCalledTimes(2)
  })

  it('unsubscribes', () => {
    const store = createStore()
    const listener = vi.fn()
    const off = store.subscribe(listener)
    off()
    store.dispatch({ type: 'directory', directory: DIRECTORY })
    expect(listener).not.toHaveBeenCalled()
  })
})

describe('coalesced flushing', () => {
  it('derives views once per scheduled flush, and getSnapshot is never stale', async () => {
    const { createStore: make } = await import('../../../../src/main/core/state/store')
    const { initialState } = await import('../../../../src/main/core/state/reducer')
    let pending: (() => void) | undefined
    const store = make({ initial: initialState(), schedule: (flush) => (pending = flush) })
    const seen: number[] = []
    store.subscribe((patches) => seen.push(patches.length))
    store.dispatch({
      type: 'directory',
      directory: { ownerId: '1', extensions: [], monitored: ['2'], favorites: [] }
    })
    store.dispatch({ type: 'directory', directory: { monitored: ['2', '3'] } })
    expect(seen).toEqual([])
    expect(store.getSnapshot().lines.map((l) => l.id)).toEqual(['2', '3'])
    // getSnapshot flushed: listeners heard one batch, and the scheduled flush finds nothing left.
    expect(seen).toHaveLength(1)
    pending?.()
    expect(seen).toHaveLength(1)
  })
})
