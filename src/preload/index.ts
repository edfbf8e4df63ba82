import { contextBridge, ipcRenderer } from 'electron'
import { IpcChannel } from '../shared/ipc/channels'

// One method per capability; `ipcRenderer` itself is never handed to the page (Electron security
// checklist item 20). Values coming back over IPC are checked here, so the renderer gets what the
// type promises even if main misbehaves.
const api = {
  app: {
    async version(): Promise<string> {
      const value: unknown = await ipcRenderer.invoke(IpcChannel.appVersion)
      if (typeof value !== 'string') {
        throw new TypeError(`${IpcChannel.appVersion} returned a non-string value`)
      }
      return value
    }
  }
}

export type RingsideApi = typeof api

contextBridge.exposeInMainWorld('ringside', api)
