import { beforeEach, describe, expect, it } from 'vitest'
import { BrowserWindowMock, resetElectronMock } from '../../setup/electron-mock'
import { createMainWindow } from '../../../src/main/electron/window'

const deps = {
  preloadPath: '/app/out/preload/index.cjs',
  indexHtml: '/app/out/renderer/index.html'
}

function onlyWindow(): BrowserWindowMock {
  expect(BrowserWindowMock.instances).toHaveLength(1)
  const [window] = BrowserWindowMock.instances
  if (window === undefined) throw new Error('no window was created')
  return window
}

describe('createMainWindow', () => {
  beforeEach(() => {
    resetElectronMock()
  })

  it('isolates and sandboxes the renderer and gives it no Node', () => {
    createMainWindow(deps)
    const prefs = onlyWindow().options.webPreferences

    expect(prefs).toMatchObject({
      preload: deps.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      webviewTag: false
    })
    expect(prefs?.allowRunningInsecureContent).not.toBe(true)
    expect(prefs?.experimentalFeatures).not.toBe(true)
    expect(prefs?.enableBlinkFeatures).toBeUndefined()
  })

  it('stays hidden until the first paint is ready', () => {
    createMainWindow(deps)
    const window = onlyWindow()

    expect(window.options).toMatchObject({ title: 'Ringside', show: false })
    expect(window.show).not.toHaveBeenCalled()
    window.emit('ready-to-show')
    expect(window.show).toHaveBeenCalledTimes(1)
  })

  it('loads the app scheme, never a file: URL, when there is no dev server', () => {
    createMainWindow(deps)
    const window = onlyWindow()

    expect(window.loadURL).toHaveBeenCalledExactlyOnceWith('app://ringside/index.html')
    expect(window.loadFile).not.toHaveBeenCalled()
  })

  it('loads the dev server URL under electron-vite dev', () => {
    createMainWindow({ ...deps, devServerUrl: 'http://localhost:5173' })
    const window = onlyWindow()

    expect(window.loadURL).toHaveBeenCalledWith('http://localhost:5173')
    expect(window.loadFile).not.toHaveBeenCalled()
  })
})
