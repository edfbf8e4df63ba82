import type { IpcRenderer, IpcRendererEvent } from 'electron'
import type { Transport } from '../shared/ipc/api'
import { CHANNELS, EVENT_NAMES, type EventName, type Events } from '../shared/ipc/channels'

// Only the contract's channels and events can be reached, whatever a caller asks for. The API built
// on this transport only names contract channels; the check is the second lock on the same door.
const channels: ReadonlySet<string> = new Set(CHANNELS)
const events: ReadonlySet<string> = new Set(EVENT_NAMES)

/**
 * The preload's transport for `createApi`: `invoke` spreads the arguments (main's router receives
 * them as `...args`), and `on` hands the page only the payload, never the `IpcRendererEvent` with
 * its `sender` (Electron security checklist item 20). Kept apart from index.ts so it can be tested
 * without a page; the bundler inlines it, so the sandboxed preload stays one file.
 */
export function createIpcTransport(
  ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>
): Transport {
  return {
    invoke(channel, args) {
      if (!channels.has(channel)) {
        return Promise.reject(new Error('unknown channel'))
      }
      return ipc.invoke(channel, ...args)
    },
    on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
      if (!events.has(event)) throw new Error('unknown event')
      const wrapped = (_event: IpcRendererEvent, payload: Events[E]): void => listener(payload)
      ipc.on(event, wrapped)
      return () => {
        ipc.removeListener(event, wrapped)
      }
    }
  }
}
