import { beforeEach, describe, expect, it, vi } from 'vitest'
import { BrowserWindowMock, resetElectronMock } from '../../setup/electron-mock'
import { type EventPush, startEventPush } from '../../../src/main/electron/events'
import { fakeCore, LIVE, type FakeCore } from '../fakes/core'


describe('startEventPush', () => {
  beforeEach(() => {
    resetElectronMock()
  })

  function setup(): {
    fake: FakeCore
    windows: BrowserWindowMock[]
    push: EventPush
    log: ReturnType<typeof vi.fn>
  } {
    const fake = fakeCore()
    const windows = [new BrowserWindowMock(), new BrowserWindowMock()]
    const log = vi.fn()
    const push = startEventPush({ core: fake.core, windows: () => windows, log })
    return { fake, windows, push, log }
  }

  it('sends state patches and status to every Ringside window', () => {
    const { fake, windows } = setup()
    const patches = [{ op: 'remove', view: 'lines', id: '201' }] as const

    fake.emitPatches(patches)
    fake.setStatus(LIVE)

    for (const w of windows) {
      expect(w.webContents.send.mock.calls).toEqual([
        ['state:patch', { patches }],
        ['state:status', LIVE]
      ])
    }
  })

  it('sends pop-ups on request', () => {
    const { push, windows } = setup()
    const popup = { title: 't', body: 'b', tag: 's-1' }

    push.send('notify:popup', popup)

    expect(windows[0]?.webContents.send).toHaveBeenCalledExactlyOnceWith('notify:popup', popup)
  })

  it('skips windows whose contents are destroyed, and survives a failing send', () => {
    const { fake, windows, log } = setup()
    windows[0]?.webContents.isDestroyed.mockReturnValue(true)
    windows[1]?.webContents.send.mockImplementation(() => {
      throw new Error('Render frame was disposed')
    })

    fake.setStatus(LIVE)

    expect(windows[0]?.webContents.send).not.toHaveBeenCalled()
    expect(log).toHaveBeenCalledTimes(1)
  })

  it('stops forwarding on dispose', () => {
    const { fake, push, windows } = setup()
    push.dispose()
    fake.setStatus(LIVE)
    expect(windows[0]?.webContents.send).not.toHaveBeenCalled()
    expect(fake.listenerCounts()).toMatchObject({ status: 0, state: 0 })
  })
})
