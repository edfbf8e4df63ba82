import { setImmediate as flushMicrotasks } from 'node:timers/promises'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import {
  BrowserWindowMock,
  WebContentsMock,
  app,
  ipcMain,
  resetElectronMock,
  session
} from '../setup/electron-mock'
import { startShell } from '../../src/main/shell/lifecycle'

vi.mock('electron', () => import('../setup/electron-mock'))

const deps = {
  preloadPath: '/app/out/preload/index.cjs',
  indexHtml: '/app/out/renderer/index.html'
}

function firstCallOrder(mock: { mock: { invocationCallOrder: number[] } }): number {
  const [order] = mock.mock.invocationCallOrder
  if (order === undefined) throw new Error('mock was never called')
  return order
}

describe('startShell', () => {
  beforeEach(() => {
    resetElectronMock()
  })

  it('enables the sandbox before waiting for ready', () => {
    startShell(deps)

    expect(app.enableSandbox).toHaveBeenCalledTimes(1)
    expect(firstCallOrder(app.enableSandbox)).toBeLessThan(firstCallOrder(app.whenReady))
  })

  it('guards web contents before any window exists', async () => {
    startShell(deps)
    const early = new WebContentsMock()
    app.emit('web-contents-created', {}, early)

    expect(BrowserWindowMock.instances).toHaveLength(0)
    expect(early.setWindowOpenHandler).toHaveBeenCalledTimes(1)
    expect(early.listenerCount('will-navigate')).toBe(1)
  })

  it('on ready denies permissions, registers IPC and opens one window', async () => {
    startShell(deps)
    await flushMicrotasks()

    expect(session.defaultSession.permissionRequestHandler).not.toBeNull()
    expect(ipcMain.handlers.has('app:version')).toBe(true)
    expect(BrowserWindowMock.instances).toHaveLength(1)
  })

  it('quits without opening anything when another instance holds the lock', async () => {
    app.requestSingleInstanceLock.mockReturnValue(false)

    startShell(deps)
    await flushMicrotasks()

    expect(app.quit).toHaveBeenCalledTimes(1)
    expect(app.whenReady).not.toHaveBeenCalled()
    expect(BrowserWindowMock.instances).toHaveLength(0)
    expect(ipcMain.handlers.size).toBe(0)
  })

  it('focuses the existing window when a second instance starts', async () => {
    startShell(deps)
    await flushMicrotasks()
    const [window] = BrowserWindowMock.instances
    window?.isMinimized.mockReturnValue(true)

    app.emit('second-instance')

    expect(window?.restore).toHaveBeenCalledTimes(1)
    expect(window?.focus).toHaveBeenCalledTimes(1)
    expect(BrowserWindowMock.instances).toHaveLength(1)
  })
})
