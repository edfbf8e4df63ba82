import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { BrowserWindowMock} from '../../setup/electron-mock';
import { resetElectronMock, screen } from '../../setup/electron-mock'
import { createMainWindow } from '../../../src/main/electron/window'
import {
  fitToDisplays,
  readWindowBounds,
  WINDOW_BOUNDS_FILE
} from '../../../src/main/electron/window-bounds'

const LAPTOP = {
  id: 1,
  bounds: { x: 0, y: 0, width: 1440, height: 900 },
  workArea: { x: 0, y: 0, width: 1440, height: 860 },
  scaleFactor: 2
}
const MONITOR = {
  id: 2,
  bounds: { x: 1440, y: 0, width: 2560, height: 1440 },
  workArea: { x: 1440, y: 0, width: 2560, height: 1400 },
  scaleFactor: 1
}

let dir: string
let file: string
beforeEach(() => {
  resetElectronMock()
  dir = mkdtempSync(join(tmpdir(), 'ringside-bounds-'))
  file = join(dir, WINDOW_BOUNDS_FILE)
})
afterEach(() => {
  vi.useRealTimers()
  rmSync(dir, { recursive: true, force: true })
})

const open = (): BrowserWindowMock =>
  createMainWindow({
    preloadPath: '/p.cjs',
    indexHtml: '/i.html',
    devServerUrl: undefined,
    boundsFile: file
  }) as unknown as BrowserWindowMock

const save = (value: unknown): void => writeFileSync(file, JSON.stringify(value))

describe('main window bounds', () => {
  it('saves the bounds once the window stops moving (debounced), and at once on close', () => {
    vi.useFakeTimers()
    screen.getAllDisplays.mockReturnValue([LAPTOP])
    const window = open()
    window.getBounds.mockReturnValue({ x: 40, y: 30, width: 900, height: 600 })
    window.emit('move')
    window.emit('resize')
    vi.advanceTimersByTime(400)
    expect(existsSync(file)).toBe(false)
    window.emit('move')
    vi.advanceTimersByTime(499)
    expect(existsSync(file)).toBe(false)
    vi.advanceTimersByTime(1)
    expect(readWindowBounds(file)).toEqual({
      x: 40,
      y: 30,
      width: 900,
      height: 600,
      maximized: false
    })
    window.getBounds.mockReturnValue({ x: 50, y: 30, width: 900, height: 600 })
    window.emit('close')
    expect(readWindowBounds(file)).toMatchObject({ x: 50 })
  })

  it('restores the saved bounds on start, and a maximised window maximised', () => {
    screen.getAllDisplays.mockReturnValue([LAPTOP, MONITOR])
    save({ x: 1600, y: 100, width: 1200, height: 800, maximized: true })
    const window = open()
    expect(window.options).toMatchObject({ x: 1600, y: 100, width: 1200, height: 800 })
    window.emit('ready-to-show')
    expect(window.maximize).toHaveBeenCalled()
  })

  it('drops bounds on a monitor that was unplugged: default size on the display left', () => {
    save({ x: 1600, y: 100, width: 1200, height: 800, maximized: false })
    screen.getAllDisplays.mockReturnValue([LAPTOP])
    const window = open()
    expect(window.options).toMatchObject({ width: 1100, height: 720 })
    expect(window.options.x).toBeUndefined()
    window.emit('ready-to-show')
    expect(window.maximize).not.toHaveBeenCalled()
  })

  it('pulls half-visible bounds fully inside the display, shrinking to its work area', () => {
    expect(
      fitToDisplays({ x: 1000, y: -50, width: 1600, height: 1000 }, [LAPTOP.workArea])
    ).toEqual({ x: 0, y: 0, width: 1440, height: 860 })
    expect(fitToDisplays({ x: 1300, y: 700, width: 800, height: 600 }, [LAPTOP.workArea])).toEqual({
      x: 640,
      y: 260,
      width: 800,
      height: 600
    })
    // A sliver (under 120 × 60 px) is not enough to grab: treated as off-screen.
    expect(fitToDisplays({ x: 1400, y: 0, width: 800, height: 600 }, [LAPTOP.workArea])).toBe(
      undefined
    )
  })

  it.each([
    ['not JSON', '{'],
    ['a string', '"left"'],
    ['a negative size', JSON.stringify({ x: 0, y: 0, width: -5, height: 600, maximized: false })],
    [
      'a huge coordinate',
      JSON.stringify({ x: 1e12, y: 0, width: 800, height: 600, maximized: false })
    ],
    ['a missing field', JSON.stringify({ x: 0, y: 0, width: 800, height: 600 })]
  ])('ignores a file holding %s and opens with the defaults', (_what, text) => {
    screen.getAllDisplays.mockReturnValue([LAPTOP])
    writeFileSync(file, text)
    expect(readWindowBounds(file)).toBeUndefined()
    const window = open()
    expect(window.options).toMatchObject({ width: 1100, height: 720 })
  })
})
