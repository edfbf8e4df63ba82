import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { IpcMainInvokeEvent } from 'electron'
import {
  BrowserWindowMock,
  WebContentsMock,
  WebFrameMainMock,
  ipcMain,
  resetElectronMock
} from '../../setup/electron-mock'
import { HandlerError, type Handlers } from '../../../src/main/host/dispatch'
import { registerIpcRouter } from '../../../src/main/electron/ipc-router'
import { isTrustedSender } from '../../../src/main/electron/sender'
import { CHANNELS, type Channel } from '../../../src/shared/ipc/contract'

const APP_URL = 'app://ringside/index.html'
type Spy = ReturnType<typeof vi.fn>

function spyHandlers(): { handlers: Handlers; spies: Record<Channel, Spy> } {
  const spies = Object.fromEntries(CHANNELS.map((c) => [c, vi.fn(() => null)])) as Record<
    Channel,
    Spy
  >
  return { handlers: spies as unknown as Handlers, spies }
}

function invokeEvent(sender: WebContentsMock, frame: WebFrameMainMock | null): IpcMainInvokeEvent {
  // Only the fields the sender check reads; the rest of the event is irrelevant here.
  return { sender, senderFrame: frame } as unknown as IpcMainInvokeEvent
}

function ourWindow(): BrowserWindowMock {
  const window = new BrowserWindowMock()
  window.webContents.mainFrame.url = APP_URL
  return window
}

interface Setup {
  spies: Record<Channel, Spy>
  log: Spy
  ours: BrowserWindowMock
  trusted: IpcMainInvokeEvent
  dispose: () => void
}

/** Registers the router with spy handlers; `ours` is the one window the registry knows. */
function setup(handlers?: Handlers): Setup {
  const built = spyHandlers()
  const ours = ourWindow()
  const log = vi.fn()
  const dispose = registerIpcRouter({
    ipcMain,
    handlers: handlers ?? built.handlers,
    isTrusted: (event) =>
      isTrustedSender(event, APP_URL, (w) => w === (ours as unknown as typeof w)),
    log
  })
  const trusted = invokeEvent(ours.webContents, ours.webContents.mainFrame)
  return { spies: built.spies, log, ours, trusted, dispose }
}

const call = (channel: string, event: IpcMainInvokeEvent, ...args: unknown[]): Promise<unknown> =>
  ipcMain.invoke(channel, event, ...args)

describe('IPC router: registration', () => {
  beforeEach(() => {
    resetElectronMock()
  })

  it('registers exactly the contract channels, and dispose removes them all', () => {
    const { dispose } = setup()

    expect([...ipcMain.handlers.keys()].sort()).toEqual([...CHANNELS].sort())
    dispose()
    expect(ipcMain.handlers.size).toBe(0)
    expect(ipcMain.removeHandler).toHaveBeenCalledTimes(CHANNELS.length)
  })

  it('answers the main frame of our window with a value envelope', async () => {
    const { spies, trusted } = setup()
    spies['app:version'].mockReturnValue('1.2.3')

    await expect(call('app:version', trusted)).resolves.toEqual({ ok: true, value: '1.2.3' })
    await expect(call('calls:answer', trusted, 's-1', 'p-1')).resolves.toEqual({
      ok: true,
      value: null
    })
    expect(spies['calls:answer']).toHaveBeenCalledExactlyOnceWith('s-1', 'p-1')
  })
})

describe('IPC router: foreign senders', () => {
  beforeEach(() => {
    resetElectronMock()
  })

  const cases: ReadonlyArray<readonly [string, (s: Setup) => IpcMainInvokeEvent]> = [
    [
      'a sub-frame of our window',
      ({ ours }) =>
        invokeEvent(ours.webContents, new WebFrameMainMock(APP_URL, ours.webContents.mainFrame))
    ],
    [
      'the frame of another window',
      ({ ours }) => {
        const other = ourWindow()
        return invokeEvent(ours.webContents, other.webContents.mainFrame)
      }
    ],
    [
      'a window Ringside did not open',
      () => {
        const other = ourWindow()
        return invokeEvent(other.webContents, other.webContents.mainFrame)
      }
    ],
    [
      'contents that belong to no window',
      () => {
        const loose = new WebContentsMock()
        loose.mainFrame.url = APP_URL
        return invokeEvent(loose, loose.mainFrame)
      }
    ],
    [
      'our main frame showing a foreign page',
      ({ ours }) => {
        ours.webContents.mainFrame.url = 'https://evil.example/index.html'
        return invokeEvent(ours.webContents, ours.webContents.mainFrame)
      }
    ],
    [
      'our main frame on about:blank',
      ({ ours }) => {
        ours.webContents.mainFrame.url = 'about:blank'
        return invokeEvent(ours.webContents, ours.webContents.mainFrame)
      }
    ],
    ['a frame that is gone (senderFrame null)', ({ ours }) => invokeEvent(ours.webContents, null)],
    [
      'a senderFrame getter that throws',
      ({ ours }) => {
        const event = { sender: ours.webContents } as unknown as IpcMainInvokeEvent
        Object.defineProperty(event, 'senderFrame', {
          get: () => {
            throw new Error('Render frame was disposed')
          }
        })
        return event
      }
    ]
  ]

  it.each(cases)('rejects %s on every channel without calling a handler', async (_name, make) => {
    const s = setup()
    const event = make(s)

    for (const channel of CHANNELS) {
      await expect(call(channel, event, 's-1', 'p-1')).resolves.toEqual({
        ok: false,
        error: { code: 'forbidden', message: expect.any(String) }
      })
    }
    for (const spy of Object.values(s.spies)) expect(spy).not.toHaveBeenCalled()
    expect(s.log).toHaveBeenCalledTimes(CHANNELS.length)
    // The log names the channel, never the sender's URL.
    expect(s.log.mock.calls.flat().join('\n')).not.toMatch(/evil|file:|about:/)
  })
})

describe('IPC router: handler failures', () => {
  beforeEach(() => {
    resetElectronMock()
  })

  it('turns an unexpected error into `internal` without leaking its text', async () => {
    const s = setup()
    s.spies['directory:list'].mockImplementation(() => {
      throw new Error('token=eyJsecret leaked in a message')
    })

    const result = await call('directory:list', s.trusted)

    expect(result).toEqual({ ok: false, error: { code: 'internal', message: expect.any(String) } })
    expect(JSON.stringify(result)).not.toContain('eyJsecret')
    expect(s.log.mock.calls.flat().join('\n')).not.toContain('eyJsecret')
    expect(s.log).toHaveBeenCalledWith(expect.stringContaining('directory:list'))
  })

  it('turns a rejected promise into `internal` too', async () => {
    const s = setup()
    s.spies['devices:list'].mockRejectedValue(new TypeError('boom at /home/agent/secret'))

    await expect(call('devices:list', s.trusted)).resolves.toMatchObject({
      ok: false,
      error: { code: 'internal' }
    })
  })

  it('passes a HandlerError on with its code and message', async () => {
    const s = setup()
    s.spies['lines:set-monitored'].mockRejectedValue(
      new HandlerError('lines', 'RingCentral did not accept the new list.')
    )

    await expect(call('lines:set-monitored', s.trusted, ['201'])).resolves.toEqual({
      ok: false,
      error: { code: 'lines', message: 'RingCentral did not accept the new list.' }
    })
  })

  it('passes an envelope a handler returns through as it is', async () => {
    const s = setup()
    const failure = { ok: false, error: { code: 'not-found', message: 'That call has ended.' } }
    s.spies['calls:hold'].mockResolvedValue(failure)

    await expect(call('calls:hold', s.trusted, 's-1', 'p-1')).resolves.toEqual(failure)
  })
})
