/**
 * The fixed-row-height window: which items a scroll position shows, the spacers' heights, and the
 * scroll position that keeps the top item still, all from party counts alone.
 */
import { describe, expect, it } from 'vitest'
import {
  anchoredScrollTop,
  itemAtRow,
  rowStarts,
  rowWindow
} from '../../../src/renderer/src/lib/row-window'

describe('row window', () => {
  const counts = [1, 3, 2, 1, 4, 1]
  const starts = rowStarts(counts)

  it('knows where each item starts and which item holds a row', () => {
    expect(starts).toEqual([0, 1, 4, 6, 7, 11, 12])
    expect([0, 1, 3, 4, 5, 6, 7, 10, 11].map((r) => itemAtRow(starts, r))).toEqual([
      0, 1, 1, 2, 2, 3, 4, 4, 5
    ])
    expect(itemAtRow(starts, 99)).toBe(5)
    expect(itemAtRow([0], 0)).toBe(0)
  })

  it('shows the items of the rows in view, with overscan, and spacers for the rest', () => {
    // Rows of 10 px, rows 4 to 7 in view (40..80 px), no overscan: items 2, 3, 4.
    expect(rowWindow(starts, 10, 40, 40, 0)).toEqual({ first: 2, end: 5, above: 40, below: 10 })
    // One row of overscan: row 3 (item 1) and row 9 (item 4).
    expect(rowWindow(starts, 10, 40, 40, 1)).toEqual({ first: 1, end: 5, above: 10, below: 10 })
    // The whole list, and past its end.
    expect(rowWindow(starts, 10, 0, 500, 0)).toEqual({ first: 0, end: 6, above: 0, below: 0 })
    expect(rowWindow(starts, 10, 500, 40, 0)).toEqual({ first: 5, end: 6, above: 110, below: 0 })
    expect(rowWindow([0], 10, 0, 40, 3)).toEqual({ first: 0, end: 0, above: 0, below: 0 })
  })

  it('every row is in exactly one window position, at any scroll, for 5,000 items', () => {
    const big = Array.from({ length: 5000 }, (_, i) => 1 + ((i * 7) % 4))
    const s = rowStarts(big)
    for (let top = 0; top < s[5000]! * 24; top += 997) {
      const w = rowWindow(s, 24, top, 600, 0)
      expect(w.above).toBeLessThanOrEqual(top)
      expect(w.above + (s[w.end]! - s[w.first]!) * 24 + w.below).toBe(s[5000]! * 24)
      expect(s[w.end]! * 24).toBeGreaterThanOrEqual(Math.min(top + 600, s[5000]! * 24))
    }
  })

  it('keeps the top item still when items come or go above it', () => {
    const items = (ids: string[]): { id: string }[] => ids.map((id) => ({ id }))
    const before = { items: items(['a', 'b', 'c', 'd']), starts: rowStarts([1, 2, 1, 3]) }
    // Two new items of 2 and 1 rows on top; the view's top row is inside 'c' (row 3).
    const next = {
      items: items(['x', 'y', 'a', 'b', 'c', 'd']),
      starts: rowStarts([2, 1, 1, 2, 1, 3])
    }
    expect(anchoredScrollTop(before, next, 10, 35)).toBe(65)
    // Read from the top: it stays at the top.
    expect(anchoredScrollTop(before, next, 10, 0)).toBeNull()
    // The top item gone: nothing to hold.
    const gone = { items: items(['a']), starts: rowStarts([1]) }
    expect(anchoredScrollTop(before, gone, 10, 35)).toBeNull()
    // Nothing moved above it: nothing to do.
    expect(anchoredScrollTop(before, before, 10, 35)).toBeNull()
  })
})
