import { beforeEach, describe, expect, it, vi } from 'vitest'
import { BrowserWindowMock, resetElectronMock } from '../../setup/electron-mock'
import {
  createPopupWindow,
  POPUP_ENTRY_HEIGHT,
  popupBounds
} from '../../../src/main/electron/popup-window'
import { createRingsideWindow } from '../../../src/main/electron/window'

const AREA = { x: 0, y: 0, width: 1920, height: 1040 }

function setup(tray = { x: 1800, y: 1040, width: 24, height: 24 }): {
  win: BrowserWindowMock
  popup: ReturnType<typeof createPopupWindow>
} {
  const popup = createPopupWindow({
    create: (options) => createRingsideWindow(options, '/app/preload.cjs'),
    url: 'app://ringside/index.html#/popup',
    trayBounds: () => tray,
    workArea: () => AREA,
    log: vi.fn()
  })
  const win = BrowserWindowMock.instances[0]!
  return { win, popup }
}

describe('the tray pop-up window', () => {
  beforeEach(() => {
    resetElectronMock()
  })

  it('is frameless, on top, out of the taskbar, unfocusable and sandboxed like every window', () => {
    const { win } = setup()
    expect(win.options).toMatchObject({
      frame: false,
      alwaysOnTop: true,
      skipTaskbar: true,
      focusable: false,
      show: false,
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false }
    })
    expect(win.loadURL).toHaveBeenCalledExactlyOnceWith('app://ringside/index.html#/popup')
  })

  it('never takes the keyboard: shown inactive only, focusable only once clicked', () => {
    const { win, popup } = setup()
    win.isVisible.mockReturnValue(false)

    popup.report({ entries: 1, clicked: false })
    expect(win.showInactive).toHaveBeenCalledTimes(1)
    expect(win.show).not.toHaveBeenCalled()
    expect(win.focus).not.toHaveBeenCalled()
    expect(win.setFocusable).not.toHaveBeenCalled()

    popup.report({ entries: 1, clicked: true })
    expect(win.setFocusable).toHaveBeenLastCalledWith(true)

    popup.report({ entries: 0, clicked: true })
    expect(win.hide).toHaveBeenCalledTimes(1)
    expect(win.setFocusable).toHaveBeenLastCalledWith(false)
    expect(win.show).not.toHaveBeenCalled()
    expect(win.focus).not.toHaveBeenCalled()
  })

  it('grows with the stack and sits in the tray’s corner of the screen', () => {
    const { win, popup } = setup()
    popup.report({ entries: 1, clicked: false })
    popup.report({ entries: 3, clicked: false })
    const [one, three] = win.setBounds.mock.calls.map(([b]) => b as { height: number; y: number })
    expect(three!.height - one!.height).toBe(2 * POPUP_ENTRY_HEIGHT)
    expect(three!.y + three!.height).toBeLessThanOrEqual(AREA.height)
    // A macOS menu bar at the top: the pop-up goes under it.
    expect(popupBounds(1, { x: 1700, y: 0, width: 22, height: 22 }, AREA).y).toBeLessThan(100)
  })

  it('hides instead of closing, so the route keeps listening', () => {
    const { win } = setup()
    const event = { preventDefault: vi.fn() }
    win.emit('close', event)
    expect(event.preventDefault).toHaveBeenCalled()
    expect(win.hide).toHaveBeenCalled()
  })

  it('is destroyed on dispose and then ignores reports', () => {
    const { win, popup } = setup()
    popup.dispose()
    expect(win.destroy).toHaveBeenCalled()
    popup.report({ entries: 2, clicked: false })
    expect(win.showInactive).not.toHaveBeenCalled()
    expect(popup.window()).toBeUndefined()
  })
})
