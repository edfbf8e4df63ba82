import type { WebContents } from 'electron'
import type { EmitEvent } from '../../shared/ipc/contract'

/** What the push needs of a window: its contents, to send to. */
export interface PushTarget {
  readonly webContents: Pick<WebContents, 'isDestroyed' | 'send'>
}

export interface WindowEmitterDeps {
  /** The windows to reach: Ringside's own, never every BrowserWindow in the process. */
  readonly windows: () => readonly PushTarget[]
  readonly log?: (line: string) => void
}

/**
 * How the Electron shell's events reach the page: sent to every Ringside window. A window that was
 * closed, or whose renderer is gone, is skipped: sending there throws in Electron.
 */
export function windowEmitter(deps: WindowEmitterDeps): EmitEvent {
  const log = deps.log ?? ((line: string): void => console.warn(line))
  return (event, payload) => {
    for (const window of deps.windows()) {
      const contents = window.webContents
      if (contents.isDestroyed()) continue
      try {
        contents.send(event, payload)
      } catch (error) {
        // A renderer torn down between the check and the send; the next event goes elsewhere.
        log(`[events] ${event}: send failed (${error instanceof Error ? error.name : 'error'})`)
      }
    }
  }
}
