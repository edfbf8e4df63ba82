/**
 * A loopback proxy in front of the emulator that refuses large uploads the rude way: it answers
 * with a 413 whose body it never finishes, then resets the TCP connection (RST, not FIN), as a
 * proxy or load balancer with a body limit may. Smaller requests pass through unchanged.
 *
 * It is a node:http server (a net.Server that parses each request of a kept-alive connection, so
 * a large request is caught wherever it falls on the connection). The reset waits `resetAfterMs`
 * after the 413 head: the head must reach the client before the RST, or the kernel discards it
 * with the connection and the fault is only a refused request.
 */
import {
  createServer,
  request as forward,
  type IncomingMessage,
  type ServerResponse
} from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ResetProxyOptions {
  /** Where everything else goes: the emulator's `http://127.0.0.1:PORT`. */
  readonly target: string
  /** Requests with a larger `Content-Length` are refused; default 64 KiB. */
  readonly limitBytes?: number
  readonly resetAfterMs?: number
}

export interface ResetProxy {
  readonly url: string
  /** How many connections were reset so far. */
  resets(): number
  close(): Promise<void>
}

const BODY = JSON.stringify({
  errorCode: 'CMN-413',
  message: 'Request entity too large',
  errors: [{ errorCode: 'CMN-413', message: 'Request entity too large' }]
})

export async function startResetProxy(options: ResetProxyOptions): Promise<ResetProxy> {
  const limit = options.limitBytes ?? 64 * 1024
  const target = new URL(options.target)
  let resets = 0
  const timers = new Set<NodeJS.Timeout>()

  const refuse = (req: IncomingMessage): void => {
    // Stop reading the upload: the client is still sending it when the reset arrives.
    req.pause()
    req.socket.write(
      'HTTP/1.1 413 Payload Too Large\r\nContent-Type: application/json\r\n' +
        `Content-Length: ${BODY.length}\r\n\r\n${BODY.slice(0, 20)}`
    )
    const timer = setTimeout(() => {
      timers.delete(timer)
      resets++
      req.socket.resetAndDestroy()
    }, options.resetAfterMs ?? 200)
    timers.add(timer)
  }

  const pass = (req: IncomingMessage, res: ServerResponse): void => {
    const upstream = forward(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: req.headers
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      }
    )
    upstream.on('error', () => res.destroy())
    req.pipe(upstream)
  }

  const server = createServer((req, res) => {
    if (Number(req.headers['content-length'] ?? 0) > limit) refuse(req)
    else pass(req, res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    resets: () => resets,
    close: () =>
      new Promise((resolve) => {
        for (const t of timers) clearTimeout(t)
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
