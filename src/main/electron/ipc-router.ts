import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { dispatch, type Handlers } from '../host/dispatch'
import { CHANNELS, type Envelope } from '../../shared/ipc/contract'

export interface IpcRouterDeps {
  /** Electron's `ipcMain`; injected so tests drive the same handlers Electron would call. */
  readonly ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>
  readonly handlers: Handlers
  /** The sender check (`isTrustedSender` bound to the app URL and the window registry). */
  readonly isTrusted: (event: IpcMainInvokeEvent) => boolean
  /** One line per rejected or failed call. Never given arguments, messages or URLs. */
  readonly log?: (line: string) => void
}

const FORBIDDEN: Envelope<never> = {
  ok: false,
  error: { code: 'forbidden', message: 'This page may not use Ringside.' }
}

/**
 * The only place that calls `ipcMain.handle` (Electron security checklist item 17). Every contract
 * channel gets one handler that first checks the sender, then goes through `dispatch`, which decodes
 * the arguments with the channel's io-ts codec before any handler sees them. Callers always get an
 * envelope back, never a thrown error: Electron would pass on only its `message`, and a rejected
 * promise is easy to leave unhandled in the renderer.
 *
 * Returns the function that removes every handler again.
 */
export function registerIpcRouter(deps: IpcRouterDeps): () => void {
  const log = deps.log ?? ((line: string): void => console.warn(line))

  for (const channel of CHANNELS) {
    deps.ipcMain.handle(channel, async (event, ...args: unknown[]): Promise<Envelope<unknown>> => {
      if (!trusted(deps.isTrusted, event)) {
        // Which channel was tried is enough to investigate; the sender's URL may carry secrets.
        log(`[ipc] ${channel}: sender rejected`)
        return FORBIDDEN
      }
      let thrown = ''
      const result = await dispatch(deps.handlers, channel, args, (_channel, error) => {
        thrown = ` (${errorName(error)})`
      })
      // Failed calls are logged by code only: messages can quote what the renderer sent.
      if (!result.ok) log(`[ipc] ${channel}: ${result.error.code.slice(0, 40)}${thrown}`)
      return result
    })
  }

  return () => {
    for (const channel of CHANNELS) deps.ipcMain.removeHandler(channel)
  }
}

/** A check that throws (a sender torn down mid-call) is a rejection, not a crash. */
function trusted(
  check: (event: IpcMainInvokeEvent) => boolean,
  event: IpcMainInvokeEvent
): boolean {
  try {
    return check(event)
  } catch {
    return false
  }
}

/** The error's class and code, never its message: messages can quote tokens, URLs or names. */
function errorName(error: unknown): string {
  if (!(error instanceof Error)) return typeof error
  const code = (error as { code?: unknown }).code
  return typeof code === 'string' ? `${error.name} (${code.slice(0, 40)})` : error.name
}
