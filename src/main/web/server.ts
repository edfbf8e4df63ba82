/**
 * The loopback HTTP server of browser mode: the renderer's static files plus the `/bridge` socket.
 * It binds 127.0.0.1 only, never 0.0.0.0 or `::`, so nothing off this machine can reach it; the
 * Host check and the launch secret (see bridge.ts) keep other local pages and processes out.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Handlers } from '../host/dispatch'
import type { EmitEvent } from '../../shared/ipc/contract'
import { type Bridge, type BridgeTuning, createBridge } from './bridge'
import type { HostFrame } from '../../shared/ipc/bridge-protocol'
import { createSecret } from './secret'
import { createStaticHandler, SECURITY_HEADERS } from './static-files'

export const LOOPBACK = '127.0.0.1'

export interface WebServerOptions {
  readonly handlers: Handlers
  /** The built renderer (normally out/renderer); must contain index.html. */
  readonly staticDir: string
  /** 0 (default) picks a free port. */
  readonly port?: number
  /** Connects the event sources to the bridge; returns their unsubscribe. */
  readonly forward?: (emit: EmitEvent) => () => void
  readonly greeting?: () => readonly HostFrame[]
  readonly tuning?: Partial<BridgeTuning>
  readonly log?: (line: string) => void
  /** The CSP of each response (the phone's proxies, static-files.ts `StaticOptions`). */
  readonly csp?: () => string
  /** Rewrites index.html as it is served (static-files.ts `StaticOptions`). */
  readonly index?: (html: string) => string
}

export interface WebServer {
  /** `http://127.0.0.1:PORT/#s=SECRET`: give it only to the agent's browser. */
  readonly url: string
  /** `http://127.0.0.1:PORT`, the only Origin the bridge accepts. */
  readonly origin: string
  readonly port: number
  readonly bridge: Bridge
  close(): Promise<void>
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolveListen, reject) => {
    server.once('error', reject)
    // `exclusive`: never share the port with another process's listener (cluster handles).
    server.listen({ host: LOOPBACK, port, exclusive: true }, () => {
      server.off('error', reject)
      resolveListen((server.address() as AddressInfo).port)
    })
  })
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const log = options.log ?? ((line: string): void => void process.stderr.write(`${line}\n`))
  const serveStatic = await createStaticHandler(options.staticDir, {
    ...(options.csp ? { csp: options.csp } : {}),
    ...(options.index ? { index: options.index } : {})
  })
  const secret = createSecret()
  let hostHeader = ''
  const bridge = createBridge({
    hostHeader: () => hostHeader,
    secret,
    handlers: options.handlers,
    log,
    ...(options.greeting ? { greeting: options.greeting } : {}),
    ...(options.tuning ? { tuning: options.tuning } : {})
  })
  const server = createServer((req, res) => {
    // DNS rebinding: a page on evil.example rebound to 127.0.0.1 still sends its own Host.
    if (req.headers.host !== hostHeader) {
      res.writeHead(403, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' })
      res.end('Forbidden')
      return
    }
    serveStatic(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, SECURITY_HEADERS)
      res.end()
    })
  })
  server.on('upgrade', (req, socket, head) => bridge.handleUpgrade(req, socket, head))
  // A client that resets mid-request must not surface as an unhandled 'error'.
  server.on('clientError', (_error, socket) => socket.destroy())

  const port = await listen(server, options.port ?? 0)
  hostHeader = `${LOOPBACK}:${port}`
  const origin = `http://${hostHeader}`
  const stopForwarding = options.forward?.((event, payload) => bridge.broadcast(event, payload))

  let closing: Promise<void> | undefined
  return {
    url: `${origin}/#s=${secret}`,
    origin,
    port,
    bridge,
    close() {
      closing ??= (async () => {
        stopForwarding?.()
        await bridge.close()
        await new Promise<void>((resolveClose) => {
          server.close(() => resolveClose())
          server.closeAllConnections()
        })
      })()
      return closing
    }
  }
}
