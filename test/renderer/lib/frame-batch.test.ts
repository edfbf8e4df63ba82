// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest'
import { createFrameBatch, nextFrame } from '../../../src/renderer/src/lib/frame-batch'

describe('frame batch', () => {
  it('hands over everything pushed before the frame once, in order', () => {
    const frames: Array<() => void> = []
    const deliver = vi.fn()
    const batch = createFrameBatch<number>(deliver, (run) => frames.push(run))
    batch.push([1, 2])
    batch.push([])
    batch.push([3])
    expect(frames).toHaveLength(1)
    expect(deliver).not.toHaveBeenCalled()
    frames.shift()!()
    expect(deliver).toHaveBeenCalledTimes(1)
    expect(deliver).toHaveBeenCalledWith([1, 2, 3])
    batch.push([4])
    expect(frames).toHaveLength(1)
    batch.cancel()
    frames.shift()!()
    expect(deliver).toHaveBeenCalledTimes(1)
  })

  it('flushes at the next animation frame, or by the timer when no frame comes', () => {
    vi.useFakeTimers()
    try {
      const raf = vi.spyOn(window, 'requestAnimationFrame').mockImplementation(() => 7)
      const run = vi.fn()
      nextFrame(100)(run)
      expect(raf).toHaveBeenCalledTimes(1)
      vi.advanceTimersByTime(99)
      expect(run).not.toHaveBeenCalled()
      // A hidden window draws no frame: the timer delivers.
      vi.advanceTimersByTime(1)
      expect(run).toHaveBeenCalledTimes(1)
      // A frame that comes first delivers once; the timer then does nothing.
      raf.mockImplementation((cb) => {
        setTimeout(() => cb(0), 16)
        return 8
      })
      const again = vi.fn()
      nextFrame(100)(again)
      vi.advanceTimersByTime(16)
      expect(again).toHaveBeenCalledTimes(1)
      vi.advanceTimersByTime(200)
      expect(again).toHaveBeenCalledTimes(1)
      raf.mockRestore()
    } finally {
      vi.useRealTimers()
    }
  })
})
