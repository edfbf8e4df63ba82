import { describe, expect, it } from 'vitest'
import {
  DEDUPE_CAPACITY,
  DEDUPE_WINDOW,
  ENDED_WINDOW,
  initialState,
  reduce,
  SESSION_CAPACITY,
  type CoreState
} from '../../../../src/main/core/state'
import { genSize } from '../../../../src/main/core/state/generations'
import { emptyPMap, pdelete, pdeleteAll, pget, pset } from '../../../../src/main/core/state/pmap'
import { decoded, notify, OWNER, telephony } from './builders'

describe('dedupe memory', () => {
  it('holds at most DEDUPE_CAPACITY uuids after 100k distinct ones, and the last window', () => {
    const template = decoded({
      uuid: 'x',
      event: `/restapi/v1.0/account/1/extension/${OWNER}/favorite`,
      timestamp: '2026-11-21T09:30:00.000Z',
      body: { extensionId: '204' }
    })
    let state: CoreState = initialState()
    let max = 0
    for (let i = 0; i < 100_000; i++) {
      state = reduce(state, notify({ ...template, uuid: `u-${i}` })).state
      max = Math.max(max, genSize(state.window.dedupe))
    }
    expect(DEDUPE_WINDOW).toBeGreaterThanOrEqual(10_000)
    expect(max).toBeLessThanOrEqual(DEDUPE_CAPACITY)
    expect(genSize(state.window.dedupe)).toBeGreaterThanOrEqual(DEDUPE_WINDOW)
    // The most recent DEDUPE_WINDOW uuids are all still recognised.
    const recent = reduce(state, notify({ ...template, uuid: `u-${100_000 - DEDUPE_WINDOW}` }))
    expect(recent.outcome).toBe('duplicate')
    // Far older ones are forgotten: documented window, not a leak.
    expect(reduce(state, notify({ ...template, uuid: 'u-0' })).outcome).toBe('applied')
  })
})

describe('session table', () => {
  it('prunes ended sessions after the window and treats their late events as stale', () => {
    let state = initialState()
    const count = ENDED_WINDOW * 3
    for (let i = 0; i < count; i++) {
      state = reduce(
        state,
        notify(telephony(`s-${i}`, 2, [{ id: 'p', ext: '201', code: 'Disconnected' }]))
      ).state
    }
    expect(state.sessions.size).toBeLessThanOrEqual(2 * ENDED_WINDOW)
    expect(state.stats.prunedSessions).toBeGreaterThan(0)
    const late = reduce(
      state,
      notify(telephony('s-0', 1, [{ id: 'p', ext: '201', code: 'Proceeding' }]))
    )
    expect(late.outcome).toBe('stale')
    expect(pget(late.state.sessions, 's-0')).toBeUndefined()
  })

  it('evicts the least recently updated sessions past SESSION_CAPACITY', () => {
    let state = initialState()
    for (let i = 0; i < SESSION_CAPACITY + 10; i++) {
      state = reduce(
        state,
        notify(telephony(`s-${i}`, 1, [{ id: 'p', ext: '201', code: 'Answered' }]))
      ).state
    }
    expect(state.sessions.size).toBeLessThanOrEqual(SESSION_CAPACITY)
    expect(state.stats.evictedSessions).toBeGreaterThan(0)
  })
})

describe('pmap', () => {
  it('is persistent: old versions are unchanged by updates', () => {
    const a = pset(emptyPMap<number>(), 'k', 1)
    const b = pset(a, 'k', 2)
    const c = pdelete(b, 'k')
    expect([pget(a, 'k'), pget(b, 'k'), pget(c, 'k')]).toEqual([1, 2, undefined])
    expect([a.size, b.size, c.size]).toEqual([1, 1, 0])
    expect(pdeleteAll(b, ['k', 'missing']).size).toBe(0)
    expect(pset(a, '__proto__', 3).size).toBe(2)
  })
})
