/**
 * The emulator's SIP side (docs/emulator.md "SIP side"): a registrar and a small B2BUA over secure
 * WebSocket that the real, unmodified ringcentral-web-phone talks to. The engine decides (who
 * rings, who holds the call); this side signals: it watches the engine's changes and sends the
 * phone INVITE/CANCEL/BYE, and turns what the phone sends (200, BYE, re-INVITE, INFO, REFER,
 * INVITE with Replaces) into engine commands.
 */
import type { Engine } from '../callcentre/engine'
import type { Router } from '../platform'
import { createSipAccounts, type SipAccounts } from './accounts'
import { Calls } from './calls'
import { NonceBook } from './digest'
import { createLazyMedia } from './lazy-media'
import type { Media } from './media'
import { responseTo, type SipMessage } from './message'
import { registerProvisionRoute } from './provision'
import { Registrar } from './registrar'
import { registerSipControlRoutes } from './routes'
import { createTlsIdentity } from './tls'
import { startTransport, type SipConnection, type SipTransport } from './transport'

export interface SipOptions {
  readonly engine: Engine
  readonly router: Router
  /** TCP port on 127.0.0.1 (0 = ephemeral). */
  readonly port?: number
  /** Longest registration granted, seconds (default 60, what the web phone asks for). */
  readonly maxExpires?: number
  readonly log?: (event: string, detail: Record<string, unknown>) => void
}

export interface SipServer {
  readonly port: number
  /** `wss://127.0.0.1:PORT` */
  readonly url: string
  /** `127.0.0.1:PORT`, what provision puts in `outboundProxy`. */
  readonly proxy: string
  readonly accounts: SipAccounts
  readonly registrar: Registrar
  readonly calls: Calls
  /** Media peers open now (each dialog's far end; 0 when no call is up). */
  openPeers(): number
  /** Closes every phone socket, like a proxy dropping them; returns how many. */
  drop(): number
  close(): Promise<void>
}

export async function startSipServer(options: SipOptions): Promise<SipServer> {
  const { engine } = options
  const log = options.log ?? ((): void => undefined)
  const accounts = createSipAccounts(engine.cast)
  const nonces = new NonceBook()
  const media: Media = createLazyMedia()
  // The calls need the port, the transport needs somewhere to hand messages: a late-bound slot.
  const slot: { calls?: Calls } = {}
  const registrar = new Registrar({
    accounts,
    nonces,
    maxExpires: options.maxExpires ?? 60,
    now: Date.now,
    changed: (ext) => log('sip.registrations', { extensionId: ext })
  })
  const tls = await createTlsIdentity()
  const onMessage = (connection: SipConnection, message: SipMessage): void => {
    if (message.kind === 'request' && message.method === 'REGISTER') {
      connection.send(registrar.handle(connection, message))
      return
    }
    try {
      slot.calls?.handle(connection, message)
    } catch (error) {
      log('sip.crash', { error: String(error) })
      if (message.kind === 'request' && message.method !== 'ACK') {
        connection.send(responseTo(message, 500))
      }
    }
  }
  const transport: SipTransport = await startTransport(tls, options.port ?? 0, {
    message: onMessage,
    // Dialogs outlive the socket: requests go to whichever socket the phone registers next.
    closed: (c) => registrar.forget(c),
    log
  })
  const proxy = `127.0.0.1:${transport.port}`
  const calls = new Calls({
    engine,
    accounts,
    registrar,
    nonces,
    media,
    log,
    via: `SIP/2.0/WSS ${proxy}`,
    contact: `<sip:${proxy};transport=wss>`
  })
  slot.calls = calls
  registerProvisionRoute(options.router, accounts, () => proxy)
  const server: SipServer = {
    port: transport.port,
    url: `wss://${proxy}`,
    proxy,
    accounts,
    registrar,
    calls,
    openPeers: () => media.open(),
    drop: () => transport.dropAll(),
    close: async () => {
      calls.close()
      await transport.close()
      await media.close()
    }
  }
  registerSipControlRoutes(options.router, server)
  return server
}
