/**
 * The incremental views (src/main/core/state/incremental.ts) against the whole derivation
 * (`deriveViews`, the oracle): over generated action streams (notifications out of order and
 * duplicated, directory changes, readbacks, sign-outs) published after random runs of dispatches,
 * the incremental store's snapshot equals the whole derivation of its state after every publish,
 * its patches take the previous snapshot to the new one, and its semantic events are the ones the
 * whole path would raise.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  applyPatches,
  createStore,
  deriveViews,
  jsonEqual,
  semanticEvents,
  type Action,
  type DirectoryUpdate,
  type SemanticEvent,
  type StatePatch,
  type StateSnapshot
} from '../../../../src/main/core/state'
import { deliveries, materialise, stream } from './arbitraries'
import { DIRECTORY, notify, OWNER, PARK_LOCATION, presence } from './builders'

/** Runs with CI's budget in mind: the property is cheap per stream, so many streams fit. */
const STREAMS = 1_000
const LINES = ['201', '202', '203', '204', OWNER, PARK_LOCATION] as const

const extensions = fc.constantFrom(
  DIRECTORY.extensions!,
  // 203 as a park location: its presence's parked calls rank first and name the location.
  DIRECTORY.extensions!.map((e) => (e.id === '203' ? { ...e, type: 'ParkLocation' } : e)),
  // Names and numbers unknown: views fall back to the presence's number, then the id.
  []
)

const directoryUpdate: fc.Arbitrary<DirectoryUpdate> = fc.record(
  {
    ownerId: fc.constantFrom(OWNER, '201'),
    extensions,
    monitored: fc.uniqueArray(fc.constantFrom(...LINES), { maxLength: 5 }),
    favorites: fc.uniqueArray(fc.constantFrom(...LINES), { maxLength: 3 }),
    permissions: fc.record(
      { ringing: fc.boolean(), held: fc.boolean(), parked: fc.boolean() },
      { requiredKeys: [] }
    )
  },
  { requiredKeys: [] }
)

/** Actions other than notifications, spliced into the delivery order. */
const otherAction: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 6,
    arbitrary: directoryUpdate.map((directory): Action => ({ type: 'directory', directory }))
  },
  {
    weight: 1,
    arbitrary: fc.constant<Action>({
      type: 'readback',
      readback: { at: '2026-11-21T09:31:00.000Z', presence: [], sessions: [] }
    })
  },
  {
    weight: 1,
    // A readback's presence carries the extension's number, which views show when the directory
    // has none: a tile and a parked party's caller change with it.
    arbitrary: fc.constantFrom('201', '202', '203').map((ext): Action => ({
      type: 'readback',
      readback: {
        at: '2026-11-21T09:31:00.000Z',
        presence: [
          {
            extensionId: ext,
            extension: { id: ext, extensionNumber: `9${ext}` },
            presenceStatus: 'Available'
          }
        ],
        sessions: []
      }
    }))
  },
  { weight: 1, arbitrary: fc.constant<Action>({ type: 'account-cleared' }) }
)

interface Script {
  readonly actions: readonly Action[]
  /** After action i, publish when `publishAfter[i]` (else the next publish coalesces it). */
  readonly publishAfter: readonly boolean[]
}

const script: fc.Arbitrary<Script> = stream
  .chain((specs) => deliveries(materialise(specs)))
  .chain((notifications) =>
    fc
      .tuple(
        fc.array(fc.tuple(fc.nat(), otherAction), { maxLength: 4 }),
        fc.array(fc.boolean(), {
          minLength: notifications.length + 5,
          maxLength: notifications.length + 5
        })
      )
      .map(([others, publishAfter]) => {
        const actions: Action[] = [
          { type: 'directory', directory: DIRECTORY },
          ...notifications.map(notify)
        ]
        for (const [where, action] of others)
          actions.splice(1 + (where % actions.length), 0, action)
        return { actions, publishAfter }
      })
  )

/** Fast structural check first; toEqual only to explain a failure. */
function expectSame(actual: unknown, expected: unknown, what: string): void {
  if (!jsonEqual(actual, expected)) expect(actual, what).toEqual(expected)
}

function check({ actions, publishAfter }: Script): void {
  let pending: (() => void) | undefined
  const store = createStore({ schedule: (publish) => (pending = publish) })
  let mirror: StateSnapshot = store.getSnapshot()
  let oracle = deriveViews(store.getState())
  let patches: StatePatch[] = []
  let events: SemanticEvent[] = []
  store.subscribe((p) => patches.push(...p))
  store.onEvent((e) => events.push(e))
  const publish = (): void => {
    const run = pending
    pending = undefined
    run?.()
    const whole = deriveViews(store.getState())
    expectSame(store.getSnapshot(), whole, 'incremental views = whole derivation')
    mirror = applyPatches(mirror, patches)
    expectSame(mirror, whole, 'the patches rebuild the snapshot')
    expectSame(events, semanticEvents(oracle, whole), 'the semantic events of the whole path')
    oracle = whole
    patches = []
    events = []
  }
  actions.forEach((action, i) => {
    store.dispatch(action)
    if (publishAfter[i] === true) publish()
  })
  publish()
}

describe('incremental views', () => {
  it(`equal the whole derivation after every publish, over ${STREAMS} generated action streams`, () => {
    fc.assert(fc.property(script, check), { numRuns: STREAMS })
    // A thousand streams take about 15 s alone and three times that on a loaded 2-core machine;
    // this bounds a hang, it is not a speed target.
  }, 180_000)

  it('touch only what changed: a presence event of one line patches that line alone', () => {
    const store = createStore()
    store.dispatch({ type: 'directory', directory: DIRECTORY })
    const before = store.getSnapshot()
    const seen: StatePatch[][] = []
    store.subscribe((p) => seen.push([...p]))
    store.dispatch(notify(presence('202', 1, { presenceStatus: 'Available' })))
    const after = store.getSnapshot()
    expect(seen).toEqual([[{ op: 'upsert', view: 'lines', item: after.lines[1] }]])
    // Every other view, and every other tile, keeps its identity.
    expect(after.ringingLines).toBe(before.ringingLines)
    expect(after.accountSessions).toBe(before.accountSessions)
    expect(after.lines[0]).toBe(before.lines[0])
  })
})
