import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { backoffDelay } from '../../../src/shared/util/backoff'

const OPTIONS = { baseMs: 1_000, capMs: 30_000, floorMs: 200 }

describe('backoffDelay', () => {
  it('draws uniformly over the whole window: random · min(cap, base·2^attempt)', () => {
    expect(backoffDelay(0, () => 0.5, OPTIONS)).toBe(500)
    expect(backoffDelay(1, () => 0.5, OPTIONS)).toBe(1_000)
    expect(backoffDelay(3, () => 0.25, OPTIONS)).toBe(2_000)
    expect(backoffDelay(3, () => 0.999, OPTIONS)).toBe(7_992)
  })

  it('never goes below the floor, whatever the draw', () => {
    for (const attempt of [0, 1, 10, 100]) expect(backoffDelay(attempt, () => 0, OPTIONS)).toBe(200)
    expect(backoffDelay(0, () => 0.1, OPTIONS)).toBe(200)
  })

  it('defaults the floor to 0', () => {
    expect(backoffDelay(0, () => 0, { baseMs: 1_000, capMs: 30_000 })).toBe(0)
  })

  it('never goes above the cap, however many attempts', () => {
    expect(backoffDelay(5, () => 0.999, OPTIONS)).toBe(29_970)
    expect(backoffDelay(10_000, () => 0.999, OPTIONS)).toBe(29_970)
    expect(backoffDelay(Number.MAX_SAFE_INTEGER, () => 0.999, OPTIONS)).toBe(29_970)
  })

  it('treats a negative attempt as the first', () => {
    expect(backoffDelay(-3, () => 0.5, OPTIONS)).toBe(500)
  })

  it('is a whole number of milliseconds within [floor, min(cap, base·2^n)] for any input', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -5, max: 2_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, r) => {
          const d = backoffDelay(attempt, () => r, OPTIONS)
          const window = Math.min(OPTIONS.capMs, OPTIONS.baseMs * 2 ** Math.max(attempt, 0))
          expect(Number.isInteger(d)).toBe(true)
          expect(d).toBeGreaterThanOrEqual(OPTIONS.floorMs)
          expect(d).toBeLessThanOrEqual(Math.max(OPTIONS.floorMs, window))
        }
      )
    )
  })
})
