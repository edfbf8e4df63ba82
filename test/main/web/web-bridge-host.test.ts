/** The renderer's shim against the real host, through a `ws` socket that sends the page's Origin. */
import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import {
  type BridgeEnv,
  installWebBridge,
  type RingsideApi,
  type SocketFactory
} from '../../../src/renderer/src/web-bridge'
import { startWebServer, type WebServer } from '../../../src/main/web/server'
import { secretOf, spyHandlers, tempSite } from './support'

describe('installWebBridge against the real host', () => {
  const wsFactory =
    (origin: string): SocketFactory =>
    (url, on) => {
      const ws = new WebSocket(url, { origin })
      ws.onopen = () => on.open()
      ws.onmessage = (e) => on.message(e.data)
      ws.onclose = (e) => on.close(e.code)
      ws.onerror = () => undefined
      return { send: (d) => ws.send(d), close: (c, r) => ws.close(c, r) }
    }

  const browser = (server: WebServer, target: object): BridgeEnv => ({
    createSocket: wsFactory(server.origin),
    location: {
      hash: `#s=${secretOf(server.url)}`,
      host: new URL(server.origin).host,
      pathname: '/',
      search: '',
      protocol: 'http:'
    },
    history: { replaceState: () => undefined },
    storage: undefined,
    target,
    random: () => 0,
    invokeTimeoutMs: 5_000
  })

  it('defines a read-only window.ringside that round-trips and receives events', async () => {
    const site = tempSite()
    let emit:
      ((e: 'notify:popup', p: { title: string; body: string; tag: string }) => void) | undefined
    const server = await startWebServer({
      handlers: spyHandlers(),
      staticDir: site.root,
      forward: (e) => ((emit = e), () => undefined),
      log: () => undefined
    })
    try {
      const target: { ringside?: RingsideApi } = {}
      await installWebBridge(browser(server, target))
      const api = target.ringside!
      expect(await api.app.version()).toEqual({ ok: true, value: '9.9.9' })
      // Arguments are decoded by the host whatever the page sends.
      expect(await api.calls.hold('s-1', '../p')).toMatchObject({
        ok: false,
        error: { code: 'bad-arguments' }
      })
      const popup = new Promise((r) => api.onPopup(r))
      emit!('notify:popup', { title: 'Line 101 is ringing', body: 'Ada', tag: 's-1' })
      expect(await popup).toEqual({ title: 'Line 101 is ringing', body: 'Ada', tag: 's-1' })
      expect(Object.isFrozen(api) && Object.isFrozen(api.app)).toBe(true)
      expect(() => ((target as Record<string, unknown>)['ringside'] = {})).toThrow()
    } finally {
      await server.close()
      site.cleanup()
    }
  })

  it('rejects when the host does not know the secret', async () => {
    const site = tempSite()
    const server = await startWebServer({
      handlers: spyHandlers(),
      staticDir: site.root,
      log: () => undefined
    })
    try {
      const e = browser(server, {})
      await expect(
        installWebBridge({ ...e, location: { ...e.location, hash: `#s=${'B'.repeat(43)}` } })
      ).rejects.toThrow(/refused/)
    } finally {
      await server.close()
      site.cleanup()
    }
  })
})
