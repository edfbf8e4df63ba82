/**
 * The renderer's snapshot mirror (src/shared/state/mirror.ts) against `applyPatches`, the
 * definition: over generated states and batches of their patches, in any grouping, both end in
 * main's snapshot, and views without patches keep their identity.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  applyPatches,
  deriveViews,
  diffViews,
  initialState,
  reduce,
  type StatePatch,
  type StateSnapshot
} from '../../../src/main/core/state'
import { createSnapshotMirror } from '../../../src/shared/state/mirror'
import { emptySnapshot } from '../../../src/shared/state/patches'
import { materialise, stream } from '../../main/core/state/arbitraries'
import { DIRECTORY, notify } from '../../main/core/state/builders'

/** The views after each event of a stream: what main would publish step by step. */
function steps(events: ReturnType<typeof materialise>): StateSnapshot[] {
  let state = reduce(initialState(), { type: 'directory', directory: DIRECTORY }).state
  const out = [deriveViews(state)]
  for (const n of events) {
    state = reduce(state, notify(n)).state
    out.push(deriveViews(state))
  }
  return out
}

describe('snapshot mirror', () => {
  it('ends where applyPatches ends, whatever the batches', () => {
    fc.assert(
      fc.property(
        stream,
        fc.array(fc.integer({ min: 1, max: 6 }), { maxLength: 40 }),
        (s, cuts) => {
          const views = steps(materialise(s))
          const patches: StatePatch[][] = []
          for (let i = 1; i < views.length; i++) patches.push(diffViews(views[i - 1]!, views[i]!))
          const mirror = createSnapshotMirror(emptySnapshot)
          mirror.apply(diffViews(emptySnapshot, views[0]!))
          let reference = views[0]!
          // Groups of consecutive messages, as frames would batch them.
          let at = 0
          for (const size of [...cuts, patches.length]) {
            const batch = patches.slice(at, at + size).flat()
            at += size
            const before = mirror.snapshot
            const after = mirror.apply(batch)
            reference = applyPatches(reference, batch)
            expect(after).toEqual(reference)
            for (const view of Object.keys(after) as Array<keyof StateSnapshot>) {
              if (!batch.some((p) => p.view === view)) expect(after[view]).toBe(before[view])
            }
            if (at >= patches.length) break
          }
          expect(mirror.snapshot).toEqual(views.at(-1))
        }
      ),
      { numRuns: 100 }
    )
  })

  it('applies several patches of one id in order: the last one wins', () => {
    const views = steps([])
    const mirror = createSnapshotMirror(views[0]!)
    const line = views[0]!.lines[0]!
    const renamed = { ...line, name: 'Renamed' }
    const moved = { ...line, position: 99 }
    const out = mirror.apply([
      { op: 'upsert', view: 'lines', item: renamed },
      { op: 'remove', view: 'lines', id: line.id },
      { op: 'upsert', view: 'lines', item: moved }
    ])
    expect(out.lines.at(-1)).toBe(moved)
    expect(out.lines.filter((l) => l.id === line.id)).toHaveLength(1)
    expect(out).toEqual(
      applyPatches(views[0]!, [
        { op: 'upsert', view: 'lines', item: renamed },
        { op: 'remove', view: 'lines', id: line.id },
        { op: 'upsert', view: 'lines', item: moved }
      ])
    )
  })
})
