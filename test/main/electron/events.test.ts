import { beforeEach, describe, expect, it, vi } from 'vitest'
import { BrowserWindowMock, resetElectronMock } from '../../setup/electron-mock'
import { windowEmitter } from '../../../src/main/electron/events'
import { pushCoreEvents } from '../../../src/main/host/event-push'
import { createSettingsStore } from '../../../src/main/host/settings-store'
import type { EmitEvent } from '../../../src/shared/ipc/contract'
import { fakeCore, LIVE, type FakeCore } from '../fakes/core'

describe("windowEmitter under the host's event push", () => {
  beforeEach(() => {
    resetElectronMock()
  })

  function setup(): {
    fake: FakeCore
    windows: BrowserWindowMock[]
    emit: EmitEvent
    dispose: () => void
    log: ReturnType<typeof vi.fn>
  } {
    const fake = fakeCore()
    const windows = [new BrowserWindowMock(), new BrowserWindowMock()]
    const log = vi.fn()
    const emit = windowEmitter({ windows: () => windows, log })
    const dispose = pushCoreEvents({ core: fake.core, settings: createSettingsStore(), emit })
    return { fake, windows, emit, dispose, log }
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
    const { emit, windows } = setup()
    const popup = { title: 't', body: 'b', tag: 's-1' }

    emit('notify:popup', popup)

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
    const { fake, dispose, windows } = setup()
    dispose()
    fake.setStatus(LIVE)
    expect(windows[0]?.webContents.send).not.toHaveBeenCalled()
    expect(fake.listenerCounts()).toMatchObject({ status: 0, state: 0 })
  })
})
