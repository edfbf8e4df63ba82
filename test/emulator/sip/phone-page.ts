/**
 * The test page a real ringcentral-web-phone runs in: served from a loopback HTTP server with the
 * package's own browser bundle (as `text/javascript; charset=utf-8`: Chromium rejects a regex in
 * it otherwise). `window.rs` drives the phone and records what it saw, for the tests to read.
 */
import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'

// The package's exports map hides dist/; the file is read straight from node_modules.
const BUNDLE = join(process.cwd(), 'node_modules/ringcentral-web-phone/dist/index.iife.js')

const PAGE_SCRIPT = String.raw`
window.rs = {
  phones: [], sessions: [], log: [],
  async start(sipInfo, instanceId) {
    const phone = new WebPhone({ sipInfo, instanceId, autoAnswer: true })
    const index = this.phones.length
    this.phones.push(phone)
    const track = (s) => {
      this.sessions.push(s)
      s.outcome = 'pending'
      s.on('answered', () => { s.outcome = 'answered' })
      s.on('failed', (why) => { s.outcome = 'failed: ' + why })
      s.on('disposed', () => { s.disposedAt = Date.now() })
    }
    phone.on('inboundCall', track)
    phone.on('outboundCall', track)
    try { await phone.start(); return { ok: true, index } }
    catch (e) { return { ok: false, error: String(e && e.message || e) } }
  },
  view() {
    return this.sessions.map((s, i) => ({
      i, direction: s.direction, state: s.state, outcome: s.outcome, callId: s.callId,
      partyId: s.partyId ?? null, sessionId: s.sessionId ?? null,
      localTag: s.localPeer ? s.localTag : null, remoteTag: s.remotePeer ? s.remoteTag : null,
      info: s.direction === 'inbound' ? (s.rcApiCallInfo ?? null) : null,
      autoAnswer: s.direction === 'inbound' ? (s.sipMessage.getHeader('Alert-Info') ?? null) : null,
      disposed: s.disposedAt !== undefined
    }))
  },
  async act(i, action, arg) {
    const s = this.sessions[i]
    if (action === 'answer') return await s.answer()
    if (action === 'hold') return await s.hold()
    if (action === 'unhold') return await s.unhold()
    if (action === 'hangup') return await s.hangup()
    if (action === 'decline') return await s.decline()
    if (action === 'park') return JSON.stringify(await s.park())
    if (action === 'transfer') return await s.transfer(arg)
    if (action === 'flip') return JSON.stringify(await s.flip(arg))
    throw new Error('unknown action ' + action)
  },
  pickup(p, target, replaces) {
    // Not awaited, as the app does: call() resolves only once the far end answers or fails.
    this.phones[p].call(target, undefined, { headers: { Replaces: replaces, Require: 'replaces' } })
      .catch((e) => this.log.push('call failed: ' + e))
  },
  async inboundPackets(i) {
    const pc = this.sessions[i].rtcPeerConnection
    if (!pc) return 0
    let n = 0
    for (const r of (await pc.getStats()).values()) if (r.type === 'inbound-rtp') n += r.packetsReceived
    return n
  },
  connected(p) {
    const ws = this.phones[p].sipClient.wsc
    return ws.readyState === WebSocket.OPEN
  },
  async restart(p) {
    try { await this.phones[p].sipClient.start(); return { ok: true } }
    catch (e) { return { ok: false, error: String(e && e.message || e) } }
  },
  async stop(p) { await this.phones[p].dispose() }
}
`

const HTML = `<!doctype html><meta charset="utf-8"><title>web phone</title>
<script src="/web-phone.js"></script><script>${PAGE_SCRIPT}</script><p>phone page</p>`

export interface SipInfo {
  readonly username: string
  readonly password: string
  readonly authorizationId: string
  readonly domain: string
  readonly outboundProxy: string
  readonly outboundProxyBackup: string
  readonly stunServers: string[]
}

export interface SessionView {
  readonly i: number
  readonly direction: 'inbound' | 'outbound'
  readonly state: string
  readonly outcome: string
  readonly callId: string
  readonly partyId: string | null
  readonly sessionId: string | null
  readonly localTag: string | null
  readonly remoteTag: string | null
  readonly info: Record<string, string> | null
  readonly autoAnswer: string | null
  readonly disposed: boolean
}

export interface Started {
  readonly ok: boolean
  readonly index?: number
  readonly error?: string
}

/** What `window.rs` offers (the page script above implements it). */
export interface PhonePageApi {
  start(sipInfo: SipInfo, instanceId: string): Promise<Started>
  view(): SessionView[]
  act(i: number, action: string, arg?: string): Promise<unknown>
  pickup(phone: number, target: string, replaces: string): void
  inboundPackets(i: number): Promise<number>
  connected(phone: number): boolean
  restart(phone: number): Promise<Started>
  stop(phone: number): Promise<void>
}

export interface PhonePage {
  readonly url: string
  close(): Promise<void>
}

export async function servePhonePage(): Promise<PhonePage> {
  const bundle = readFileSync(BUNDLE)
  const server: Server = createServer((req, res) => {
    if (req.url === '/web-phone.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' })
      res.end(bundle)
    } else if (req.url === '/') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
      res.end(HTML)
    } else {
      res.writeHead(404).end()
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}
