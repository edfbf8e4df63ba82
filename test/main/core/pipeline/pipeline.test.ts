/**
 * The notification pipeline on its own: a store, an event log and a manual clock, with frames as
 * the socket delivers them. Each stage is checked where its effect shows (the state, the log, a
 * signal), and the signals are checked the way the core uses them: subscribed after the pipeline
 * exists, by a runner that may come and go.
 */
import { describe, expect, it } from 'vitest'
import { createEventLog } from '../../../../src/main/core/diagnostics'
import {
  createNotificationPipeline,
  DEFAULT_GAP_GRACE_MS,
  type NotificationPipeline
} from '../../../../src/main/core/pipeline'
import { createStore, type StatePatch } from '../../../../src/main/core/state'
import { pget } from '../../../../src/main/core/state/pmap'
import { createManualClock, type ManualClock } from '../auth/support/manual-clock'
import { DIRECTORY } from '../state/builders'
import { favoritesChanged, lineListChanged, linePresence, telephonyEvent } from './frames'

interface Rig {
  readonly pipeline: NotificationPipeline
  readonly store: ReturnType<typeof createStore>
  readonly log: ReturnType<typeof createEventLog>
  readonly clock: ManualClock
  readonly errors: unknown[]
}

function rig(): Rig {
  const clock = createManualClock()
  const store = createStore()
  store.dispatch({ type: 'directory', directory: DIRECTORY })
  const log = createEventLog()
  const errors: unknown[] = []
  const pipeline = createNotificationPipeline({
    store,
    log,
    clock,
    onListenerError: (e) => errors.push(e)
  })
  return { pipeline, store, log, clock, errors }
}

describe('the notification pipeline: decode, reduce, log, publish', () => {
  it('reduces a valid frame into the store and logs it with what the reducer did', () => {
    const r = rig()
    const frame = linePresence('201', 7, 'u-1')
    expect(r.pipeline.receiveFrame(frame)).toMatchObject({
      ok: true,
      kind: 'detailed-presence-sip'
    })
    expect(pget(r.store.getState().presence, '201')?.maxSeq).toBe(7)
    r.pipeline.receiveFrame(structuredClone(frame)) // the same uuid again: a replay
    expect(r.log.entries().map((e) => [e.uuid, e.outcome])).toEqual([
      ['u-1', 'applied'],
      ['u-1', 'duplicate']
    ])
    expect(r.log.entries()[0]?.receivedAt).toBe(new Date(r.clock.now()).toISOString())
  })

  it('logs an invalid frame with its path errors and never reduces it', () => {
    const r = rig()
    const before = r.store.getState()
    const bad = { ...linePresence('201', 1), body: { extensionId: '201', sequence: 'x' } }
    const result = r.pipeline.receiveFrame(bad)
    expect(result.ok).toBe(false)
    expect(r.store.getState()).toBe(before)
    const [entry] = r.log.entries()
    expect(entry).toMatchObject({ ok: false, outcome: null })
    expect(entry?.errors.map((e) => e.path)).toEqual(['body.sequence'])
  })

  it('publishes patches and the view snapshot through onPatches', () => {
    const r = rig()
    const seen: StatePatch[][] = []
    r.pipeline.onPatches((patches) => seen.push([...patches]))
    r.pipeline.receiveFrame(linePresence('201', 1))
    expect(seen.length).toBe(1)
    expect(seen[0]?.some((p) => p.view === 'lines')).toBe(true)
  })

  it('signals a list change for the line-list and favorites events only', () => {
    const r = rig()
    const lists: string[] = []
    r.pipeline.onListChanged((list) => lists.push(list))
    r.pipeline.receiveFrame(linePresence('201', 1))
    r.pipeline.receiveFrame(lineListChanged(4))
    r.pipeline.receiveFrame(favoritesChanged())
    expect(lists).toEqual(['line-list', 'favorites'])
  })
})

describe('the gap signal', () => {
  const grace = DEFAULT_GAP_GRACE_MS

  it('fires once for a hole that stays open past the grace', () => {
    const r = rig()
    let gaps = 0
    r.pipeline.onGap(() => gaps++)
    r.pipeline.receiveFrame(linePresence('201', 1))
    r.pipeline.receiveFrame(linePresence('201', 3)) // 2 is missing
    r.clock.advance(grace - 1)
    expect(gaps).toBe(0)
    r.clock.advance(1)
    expect(gaps).toBe(1)
    r.clock.advance(10 * grace)
    expect(gaps).toBe(1)
    // Counting starts afresh: the same extension's next sequence opens no hole on its own.
    r.pipeline.receiveFrame(linePresence('201', 4))
    r.clock.advance(10 * grace)
    expect(gaps).toBe(1)
  })

  it('stays quiet when the late notification fills the hole within the grace', () => {
    const r = rig()
    let gaps = 0
    r.pipeline.onGap(() => gaps++)
    r.pipeline.receiveFrame(linePresence('201', 1))
    r.pipeline.receiveFrame(linePresence('201', 3))
    r.clock.advance(grace / 2)
    r.pipeline.receiveFrame(linePresence('201', 2))
    r.clock.advance(10 * grace)
    expect(gaps).toBe(0)
  })

  it('counts neither duplicates, telephony sequences nor the line-list sequence', () => {
    const r = rig()
    let gaps = 0
    r.pipeline.onGap(() => gaps++)
    const first = linePresence('201', 1, 'u-dup')
    r.pipeline.receiveFrame(first)
    r.pipeline.receiveFrame(linePresence('201', 2))
    r.pipeline.receiveFrame(first) // a duplicate below the high mark proves nothing
    r.pipeline.receiveFrame(telephonyEvent('s-1', 1))
    r.pipeline.receiveFrame(telephonyEvent('s-1', 9))
    r.pipeline.receiveFrame(lineListChanged(1))
    r.pipeline.receiveFrame(lineListChanged(9))
    r.clock.advance(10 * grace)
    expect(gaps).toBe(0)
  })

  it('forgets the history at resetSequences (after a readback) and cancels at dispose', () => {
    const r = rig()
    let gaps = 0
    r.pipeline.onGap(() => gaps++)
    r.pipeline.receiveFrame(linePresence('201', 1))
    r.pipeline.resetSequences()
    r.pipeline.receiveFrame(linePresence('201', 9)) // a first sighting again: no hole
    r.clock.advance(10 * grace)
    expect(gaps).toBe(0)
    r.pipeline.receiveFrame(linePresence('201', 12))
    r.pipeline.dispose()
    expect(r.clock.pending()).toBe(0)
    r.clock.advance(10 * grace)
    expect(gaps).toBe(0)
  })

  it('reaches the runner subscribed after the pipeline, and not the one that was disposed', () => {
    const r = rig()
    const calls: string[] = []
    // The first account's runner subscribes once it exists, and unsubscribes at dispose.
    const offFirst = r.pipeline.onGap(() => calls.push('first'))
    offFirst()
    // The next account's runner is created later still.
    r.pipeline.onGap(() => calls.push('second'))
    r.pipeline.receiveFrame(linePresence('202', 1))
    r.pipeline.receiveFrame(linePresence('202', 5))
    r.clock.advance(grace)
    expect(calls).toEqual(['second'])
  })

  it('isolates a throwing listener from the others and from the socket', () => {
    const r = rig()
    const boom = new Error('listener failed')
    let reached = false
    r.pipeline.onListChanged(() => {
      throw boom
    })
    r.pipeline.onListChanged(() => {
      reached = true
    })
    expect(() => r.pipeline.receiveFrame(favoritesChanged())).not.toThrow()
    expect(reached).toBe(true)
    expect(r.errors).toEqual([boom])
  })
})
