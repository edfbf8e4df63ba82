import { afterEach, describe, expect, it, vi } from 'vitest'
import { createSinceTracker } from '../../../src/renderer/src/lib/since'

afterEach(() => {
  vi.useRealTimers()
})

describe('the since tracker', () => {
  it('keeps a key while its start stays, and starts anew when main sends a new start', () => {
    vi.useFakeTimers({
      now: Date.parse('2026-12-01T10:00:10.000Z'),
      toFake: ['Date', 'performance']
    })
    const since = createSinceTracker()
    since.update([{ key: 'hold|c', startTime: '2026-12-01T10:00:00.000Z' }])
    const first = since.get('hold|c')!
    expect(performance.now() - first).toBe(10_000)

    vi.advanceTimersByTime(5_000)
    since.update([{ key: 'hold|c', startTime: '2026-12-01T10:00:00.000Z' }])
    expect(since.get('hold|c')).toBe(first)

    // Held, resumed and held again between two batches: the key never left, the hold is new.
    since.update([{ key: 'hold|c', startTime: '2026-12-01T10:00:14.000Z' }])
    expect(performance.now() - since.get('hold|c')!).toBe(1_000)
  })

  it('times a call without a time from when it was first seen, and forgets keys that went', () => {
    vi.useFakeTimers({ now: 0, toFake: ['Date', 'performance'] })
    const since = createSinceTracker()
    since.update([{ key: 'm|a', startTime: null }])
    const seen = since.get('m|a')!
    vi.advanceTimersByTime(3_000)
    since.update([{ key: 'm|a', startTime: null }])
    expect(since.get('m|a')).toBe(seen)
    since.update([])
    expect(since.get('m|a')).toBeUndefined()
  })
})
