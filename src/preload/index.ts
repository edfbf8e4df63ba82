import { contextBridge, ipcRenderer } from 'electron'
import { createApi } from '../shared/ipc/api'
import { createIpcTransport } from './transport'

// One method per capability, built from the shared contract; `ipcRenderer` itself is never handed
// to the page (Electron security checklist item 20). The page sees `window.ringside` and nothing
// else. This file must not export values: a sandboxed preload is one CommonJS script run by
// Electron, not a module anyone imports.
const api = createApi(createIpcTransport(ipcRenderer))

/** The page's view of the bridge, derived from the implementation, never written twice. */
export type RingsideApi = typeof api

// Declared here, beside `api`, rather than in index.d.ts: TypeScript leaves out a .d.ts whose
// sibling .ts is in the same program, and the node tsconfig (which type-checks the renderer's tests)
// has both. The web tsconfig reaches this file through index.d.ts.
declare global {
  interface Window {
    ringside: RingsideApi
  }
}

contextBridge.exposeInMainWorld('ringside', api)
