import { beforeEach, describe, expect, it, vi } from 'vitest'
import { contextBridge, ipcRenderer } from '../setup/electron-mock'
import '../../src/preload/index'

vi.mock('electron', () => import('../setup/electron-mock'))

// The preload ran once on import; capture what it handed to the page before any test resets mocks.
const exposeCalls = [...contextBridge.exposeInMainWorld.mock.calls]
const [exposedName, exposedApi] = exposeCalls[0] ?? []

interface ExposedShape {
  app: { version: () => Promise<unknown> }
}

describe('preload', () => {
  beforeEach(() => {
    ipcRenderer.invoke.mockReset()
  })

  it('exposes exactly one capability under window.ringside, and no raw ipcRenderer', () => {
    expect(exposeCalls).toHaveLength(1)
    expect(exposedName).toBe('ringside')
    expect(Object.keys(exposedApi as object)).toEqual(['app'])
    const { app } = exposedApi as ExposedShape
    expect(Object.keys(app)).toEqual(['version'])
    expect(Object.values(exposedApi as object)).not.toContain(ipcRenderer)
    expect(app.version).not.toBe(ipcRenderer.invoke)
  })

  it('asks main for the version over app:version', async () => {
    ipcRenderer.invoke.mockResolvedValue('1.2.3')

    await expect((exposedApi as ExposedShape).app.version()).resolves.toBe('1.2.3')
    expect(ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith('app:version')
  })

  it('refuses a reply that is not a string', async () => {
    ipcRenderer.invoke.mockResolvedValue({ version: '1.2.3' })

    await expect((exposedApi as ExposedShape).app.version()).rejects.toThrow(TypeError)
  })
})
