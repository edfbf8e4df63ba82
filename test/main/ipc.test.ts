import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { IpcMainInvokeEvent } from 'electron'
import {
  BrowserWindowMock,
  WebContentsMock,
  WebFrameMainMock,
  ipcMain,
  resetElectronMock
} from '../setup/electron-mock'
import { registerIpcHandlers } from '../../src/main/shell/ipc'

vi.mock('electron', () => import('../setup/electron-mock'))

const APP_URL = 'file:///app/out/renderer/index.html'

function invokeEvent(sender: WebContentsMock, frame: WebFrameMainMock | null): IpcMainInvokeEvent {
  // Only the fields the sender check reads; the rest of the event is irrelevant here.
  return { sender, senderFrame: frame } as unknown as IpcMainInvokeEvent
}

function ourWindow(): BrowserWindowMock {
  const window = new BrowserWindowMock()
  window.webContents.mainFrame.url = APP_URL
  return window
}

describe('app:version', () => {
  beforeEach(() => {
    resetElectronMock()
    registerIpcHandlers(APP_URL)
  })

  it('answers the main frame of our window', async () => {
    const { webContents } = ourWindow()

    await expect(
      ipcMain.invoke('app:version', invokeEvent(webContents, webContents.mainFrame))
    ).resolves.toBe('0.1.0-test')
  })

  it('rejects contents that belong to no window (webview, detached)', async () => {
    const foreign = new WebContentsMock()
    foreign.mainFrame.url = APP_URL

    await expect(
      ipcMain.invoke('app:version', invokeEvent(foreign, foreign.mainFrame))
    ).rejects.toThrow('sender rejected')
  })

  it('rejects a sub-frame of our window', async () => {
    const { webContents } = ourWindow()
    const child = new WebFrameMainMock(APP_URL, webContents.mainFrame)

    await expect(ipcMain.invoke('app:version', invokeEvent(webContents, child))).rejects.toThrow(
      'sender rejected'
    )
  })

  it('rejects a frame that is gone (senderFrame null)', async () => {
    const { webContents } = ourWindow()

    await expect(ipcMain.invoke('app:version', invokeEvent(webContents, null))).rejects.toThrow(
      'sender rejected'
    )
  })

  it('rejects our main frame once it shows a foreign page', async () => {
    const { webContents } = ourWindow()
    webContents.mainFrame.url = 'https://evil.example/'

    await expect(
      ipcMain.invoke('app:version', invokeEvent(webContents, webContents.mainFrame))
    ).rejects.toThrow('sender rejected')
  })
})
