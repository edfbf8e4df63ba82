import { beforeEach, describe, expect, it, vi } from 'vitest'
import { contextBridge, ipcRenderer } from '../setup/electron-mock'
import '../../src/preload/index'
import type { RingsideApi } from '../../src/preload/index'
import { createIpcTransport } from '../../src/preload/transport'
import { CHANNELS, type Channel, type EventName } from '../../src/shared/ipc/contract'


// The preload ran once on import; capture what it handed to the page before any test resets mocks.
const exposeCalls = [...contextBridge.exposeInMainWorld.mock.calls]
const [exposedName, exposed] = exposeCalls[0] ?? []
const api = exposed as RingsideApi

type Leaf = (...args: unknown[]) => unknown

/** Every function the page can reach, by dotted path. */
function leaves(value: unknown, path = ''): Array<[string, Leaf]> {
  if (typeof value === 'function') return [[path, value as Leaf]]
  if (typeof value !== 'object' || value === null) return []
  return Object.entries(value).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k))
}

/** The listener the preload registered with ipcRenderer.on for `event`. */
function registered(event: EventName): (...args: unknown[]) => void {
  const found = ipcRenderer.on.mock.calls.find(([name]) => name === event)
  if (found === undefined) throw new Error(`nothing listens to ${event}`)
  return found[1] as (...args: unknown[]) => void
}

describe('preload', () => {
  beforeEach(() => {
    ipcRenderer.invoke.mockReset()
    ipcRenderer.on.mockReset()
    ipcRenderer.removeListener.mockReset()
  })

  it('exposes exactly window.ringside, made of functions only, and no raw ipcRenderer', () => {
    expect(exposeCalls).toHaveLength(1)
    expect(exposedName).toBe('ringside')
    expect(Object.keys(api)).toEqual([
      'app',
      'signIn',
      'state',
      'connection',
      'calls',
      'phone',
      'devices',
      'directory',
      'lines',
      'settings',
      'diagnostics',
      'popup',
      'onState',
      'onStatus',
      'onPopup',
      'onOpenCall'
    ])
    const raw = new Set<unknown>([ipcRenderer, ...Object.values(ipcRenderer)])
    for (const [, fn] of leaves(api)) expect(raw.has(fn)).toBe(false)
    // Namespaces hold functions and nothing else: no data, no handles, no nested bridges.
    for (const value of Object.values(api)) {
      if (typeof value === 'function') continue
      expect(Object.getPrototypeOf(value)).toBe(Object.prototype)
      for (const inner of Object.values(value)) expect(typeof inner).toBe('function')
    }
  })

  it('reaches every contract channel, and nothing else', async () => {
    ipcRenderer.invoke.mockResolvedValue({ ok: true, value: null })
    const methods = leaves(api).filter(([path]) => !path.startsWith('on'))

    for (const [, fn] of methods) await fn('a', 'b')

    const reached = ipcRenderer.invoke.mock.calls.map(([channel]) => channel as Channel)
    expect(new Set(reached)).toEqual(new Set(CHANNELS))
    expect(reached).toHaveLength(CHANNELS.length)
  })

  it('spreads the arguments onto the channel and returns the envelope', async () => {
    const value = { telephonySessionId: 's-1', partyId: 'p-1' }
    ipcRenderer.invoke.mockResolvedValue({ ok: true, value })

    await expect(api.calls.answer('s-1', 'p-1')).resolves.toEqual({ ok: true, value })
    expect(ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith('calls:answer', 's-1', 'p-1')
  })

  it('turns a reply that is not an envelope into a protocol failure, never a rejection', async () => {
    ipcRenderer.invoke.mockResolvedValue({ version: '1.2.3' })
    await expect(api.app.version()).resolves.toMatchObject({
      ok: false,
      error: { code: 'protocol' }
    })

    ipcRenderer.invoke.mockRejectedValue(new Error('No handler registered'))
    await expect(api.app.version()).resolves.toMatchObject({
      ok: false,
      error: { code: 'transport' }
    })
  })

  it('hands the page only the payload, never the IpcRendererEvent', () => {
    const listener = vi.fn()
    api.onState(listener)
    const payload = { patches: [] }

    registered('state:patch')({ sender: ipcRenderer, senderId: 0 }, payload)

    expect(listener).toHaveBeenCalledExactlyOnceWith(payload)
  })

  it.each([
    ['onState', 'state:patch'],
    ['onStatus', 'state:status'],
    ['onPopup', 'notify:popup'],
    ['onOpenCall', 'notify:open-call']
  ] as const)('%s returns an unsubscribe that removes its own listener', (method, event) => {
    const off = api[method](vi.fn())
    const wrapped = registered(event)

    off()

    expect(ipcRenderer.removeListener).toHaveBeenCalledExactlyOnceWith(event, wrapped)
  })
})

describe('preload transport', () => {
  it('refuses channels and events that are not in the contract', async () => {
    const ipc = { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() }
    const transport = createIpcTransport(ipc)

    for (const name of ['evil:exec', '__proto__', 'constructor', 'app:version ', '']) {
      await expect(transport.invoke(name as Channel, [])).rejects.toThrow('unknown channel')
      expect(() => transport.on(name as EventName, vi.fn())).toThrow('unknown event')
    }
    expect(ipc.invoke).not.toHaveBeenCalled()
    expect(ipc.on).not.toHaveBeenCalled()
  })
})
