import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  applyPatches,
  deriveViews,
  diffViews,
  emptySnapshot,
  initialState,
  reduce,
  type CoreState,
  type StateSnapshot
} from '../../../../src/main/core/state'
import { DIRECTORY, notify, presence } from './builders'
import { materialise, stream } from './arbitraries'

const viewsAfter = (prefix: number, events: ReturnType<typeof materialise>): StateSnapshot => {
  const start: CoreState = reduce(initialState(), { type: 'directory', directory: DIRECTORY }).state
  return deriveViews(events.slice(0, prefix).reduce((s, n) => reduce(s, notify(n)).state, start))
}

describe('diffViews / applyPatches', () => {
  it('applying the diff of any two states to the first yields the second', () => {
    fc.assert(
      fc.property(stream, stream, fc.nat(), fc.nat(), (a, b, i, j) => {
        const ea = materialise(a)
        const eb = materialise(b)
        const va = viewsAfter(i % (ea.length + 1), ea)
        const vb = viewsAfter(j % (eb.length + 1), eb)
        const patches = diffViews(va, vb)
        expect(applyPatches(va, patches)).toEqual(vb)
        // Over IPC the patches are JSON: the round trip must not change the outcome.
        const wire = JSON.parse(JSON.stringify({ va, patches })) as {
          va: StateSnapshot
          patches: typeof patches
        }
        expect(applyPatches(wire.va, wire.patches)).toEqual(vb)
      }),
      { numRuns: 200 }
    )
  })

  it('sends only what changed', () => {
    const start = reduce(initialState(), { type: 'directory', directory: DIRECTORY }).state
    const before = deriveViews(start)
    const after = deriveViews(
      reduce(start, notify(presence('202', 1, { presenceStatus: 'Available' }))).state
    )
    expect(diffViews(before, after)).toEqual([
      { op: 'upsert', view: 'lines', item: after.lines[1] }
    ])
    expect(diffViews(after, after)).toEqual([])
  })

  it('builds the whole snapshot from empty and removes everything back to empty', () => {
    const start = reduce(initialState(), { type: 'directory', directory: DIRECTORY }).state
    const full = deriveViews(start)
    expect(applyPatches(emptySnapshot, diffViews(emptySnapshot, full))).toEqual(full)
    expect(applyPatches(full, diffViews(full, emptySnapshot))).toEqual(emptySnapshot)
  })
})
