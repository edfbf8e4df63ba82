import type { WebContents } from 'electron'
import type { Core } from '../core/core'
import type { EventName, Events } from '../../shared/ipc/contract'

/** What the push needs of a window: its contents, to send to. */
export interface PushTarget {
  readonly webContents: Pick<WebContents, 'isDestroyed' | 'send'>
}

/** Sends a contract event to every Ringside window. */
export type SendEvent = <E extends EventName>(event: E, payload: Events[E]) => void

export interface EventPush {
  readonly send: SendEvent
  /** Stops forwarding the core's changes. */
  dispose(): void
}

export interface EventPushDeps {
  readonly core: Pick<Core, 'subscribe' | 'onStatus'>
  /** The windows to reach: Ringside's own, never every BrowserWindow in the process. */
  readonly windows: () => readonly PushTarget[]
  readonly log?: (line: string) => void
}

/**
 * Forwards the core's state patches and status to every Ringside window (`state:patch`,
 * `state:status`), and gives the shell `send` for the others (`notify:popup`). A window that was
 * closed, or whose renderer is gone, is skipped: sending there throws in Electron.
 *
 * Patches sent before a page has loaded are lost on purpose; the page starts from `state:get` and
 * applies the patches that follow.
 */
export function startEventPush(deps: EventPushDeps): EventPush {
  const log = deps.log ?? ((line: string): void => console.warn(line))

  const send: SendEvent = (event, payload) => {
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

  const stops = [
    deps.core.subscribe((patches) => send('state:patch', { patches })),
    deps.core.onStatus((status) => send('state:status', status))
  ]

  return {
    send,
    dispose: () => {
      for (const stop of stops.splice(0)) stop()
    }
  }
}
