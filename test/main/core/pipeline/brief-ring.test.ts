/**
 * The ring guard with the real pipeline (decode, reduce, the store's publish) and a turn the test
 * ends by hand: every frame given before `endTurn()` is one socket read, however the events are
 * batched. A call that rang in a turn must be in a publish even if it stopped in that same turn,
 * and a burst of new calls must stay one publish (pipeline/publish.ts `ringGuard`).
 */
import { describe, expect, it } from 'vitest'
import { createEventLog } from '../../../../src/main/core/diagnostics'
import { createNotificationPipeline, ringGuard } from '../../../../src/main/core/pipeline'
import { createStore, type StatePatch } from '../../../../src/main/core/state'
import { createManualClock } from '../auth/support/manual-clock'
import { DIRECTORY } from '../state/builders'
import { linePresenceCalls, partyEvent, presenceCall } from './frames'

function turnRig(): {
  frames(...raw: ReadonlyArray<Record<string, unknown>>): void
  endTurn(): void
  store: ReturnType<typeof createStore>
  publishes: StatePatch[][]
  rang(id: string): boolean
} {
  let pending: (() => void) | undefined
  const store = createStore({
    schedule: (publish) => void (pending = publish),
    publishBefore: ringGuard()
  })
  const pipeline = createNotificationPipeline({
    store,
    log: createEventLog(),
    clock: createManualClock()
  })
  const publishes: StatePatch[][] = []
  store.subscribe((patches) => publishes.push([...patches]))
  const endTurn = (): void => {
    const publish = pending
    pending = undefined
    publish?.()
  }
  store.dispatch({ type: 'directory', directory: DIRECTORY })
  endTurn()
  publishes.length = 0
  return {
    frames: (...raw) => raw.forEach((f) => pipeline.receiveFrame(f)),
    endTurn,
    store,
    publishes,
    rang: (id) =>
      publishes.some((ps) =>
        ps.some(
          (p) => p.view === 'ringingLines' && p.op === 'upsert' && p.item.telephonySessionId === id
        )
      )
  }
}

describe('a call that rings and stops within one turn (the real pipeline)', () => {
  it('is published when it is a second call on a line that rings already, seen only in presence', () => {
    const r = turnRig()
    r.frames(linePresenceCalls('201', 10, [presenceCall('s-first')]))
    r.endTurn()
    expect(r.rang('s-first')).toBe(true)
    // One read: the line's status stays Ringing, the second call comes and goes in activeCalls,
    // and its only telephony event is its end (its Proceeding was never delivered).
    r.frames(
      linePresenceCalls('201', 11, [presenceCall('s-second'), presenceCall('s-first')]),
      partyEvent('s-second', 5, '201', 'Disconnected'),
      linePresenceCalls('201', 12, [presenceCall('s-first'), presenceCall('s-second', 'NoCall')])
    )
    r.endTurn()
    expect(r.rang('s-second')).toBe(true)
    expect(r.store.getSnapshot().ringingLines.map((c) => c.telephonySessionId)).toEqual(['s-first'])
  })

  it('is published when its ring and end are telephony events of one frame batch', () => {
    const r = turnRig()
    r.frames(
      partyEvent('s-tel', 1, '202', 'Setup'),
      partyEvent('s-tel', 2, '202', 'Proceeding'),
      partyEvent('s-tel', 3, '202', 'Disconnected')
    )
    r.endTurn()
    expect(r.rang('s-tel')).toBe(true)
    expect(r.store.getSnapshot().ringingLines).toEqual([])
  })

  it('keeps a burst of new calls to one publish, many on one line included', () => {
    const r = turnRig()
    const calls = Array.from({ length: 6 }, (_, i) => presenceCall(`s-burst-${i}`))
    r.frames(
      ...calls.map((_, i) => linePresenceCalls('201', 30 + i, calls.slice(0, i + 1))),
      linePresenceCalls('202', 40, [presenceCall('s-burst-b')]),
      ...['s-t1', 's-t2'].flatMap((id, i) => [
        partyEvent(id, 1, '203', 'Setup'),
        partyEvent(id, 2 + i, '203', 'Proceeding')
      ])
    )
    r.endTurn()
    expect(r.publishes).toHaveLength(1)
    expect(r.store.getSnapshot().ringingLines).toHaveLength(9)
  })
})
