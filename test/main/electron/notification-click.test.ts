/**
 * A click on a call's native notification brings the main window forward (restored, shown,
 * focused) and tells the page which call to open (`notify:open-call`), through the same parts the
 * Electron shell wires: the window keeper, the desktop notifier, the host's decoding of the tag and
 * the window emitter, with the mocked `electron` module.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import type { BrowserWindow } from 'electron'
import { BrowserWindowMock, NotificationMock, resetElectronMock } from '../../setup/electron-mock'
import { windowEmitter } from '../../../src/main/electron/events'
import { createWindowKeeper } from '../../../src/main/electron/main-window'
import { createDesktopNotifier, openOnClick } from '../../../src/main/electron/notifier'
import { openCallFromPopup } from '../../../src/main/host/event-push'

function setup(): { window: BrowserWindowMock; click: (tag: string) => void } {
  const window = new BrowserWindowMock()
  const keeper = createWindowKeeper({
    create: () => window as unknown as BrowserWindow,
    hideOnClose: () => true
  })
  // The window exists and is hidden to the tray, as after the agent closed it.
  keeper.show()
  window.show.mockClear()
  window.focus.mockClear()
  const emit = windowEmitter({ windows: () => keeper.windows() })
  const notifier = createDesktopNotifier({
    isSupported: () => true,
    create: (options) => new NotificationMock(options),
    onClick: openOnClick({
      show: () => keeper.show(),
      openCall: (tag) => openCallFromPopup(emit, tag)
    })
  })
  return {
    window,
    click: (tag) => {
      notifier.notify({ title: 'Front desk is ringing', body: 'Ada Lovelace', tag })
      NotificationMock.instances.at(-1)!.emit('click')
    }
  }
}

const sent = (window: BrowserWindowMock): unknown[][] =>
  window.webContents.send.mock.calls.filter(([event]) => event === 'notify:open-call')

describe('a click on a call notification', () => {
  beforeEach(() => resetElectronMock())

  it('shows and focuses the main window, then opens the ringing call it was about', () => {
    const { window, click } = setup()
    window.isMinimized.mockReturnValue(true)

    click('s-42')

    expect(window.restore).toHaveBeenCalledTimes(1)
    expect(window.show).toHaveBeenCalledTimes(1)
    expect(window.focus).toHaveBeenCalledTimes(1)
    expect(sent(window)).toEqual([['notify:open-call', { kind: 'ringing', key: 's-42' }]])
    // The window came forward before the page was told to move its focus.
    expect(window.focus.mock.invocationCallOrder[0]).toBeLessThan(
      window.webContents.send.mock.invocationCallOrder[0]!
    )
  })

  it("opens a held call's row by the key inside its `held:` tag", () => {
    const { window, click } = setup()

    click('held:s-7')

    expect(sent(window)).toEqual([['notify:open-call', { kind: 'held', key: 's-7' }]])
  })

  it("Ringside's own alerts and malformed tags bring the window forward and open no call", () => {
    const { window, click } = setup()

    click('ringside-alert')
    click('held:')
    click('s-1/../../x')
    click('x'.repeat(500))

    expect(window.show).toHaveBeenCalledTimes(4)
    expect(sent(window)).toEqual([])
  })
})
