import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { systemClock, type Clock } from '../ports'
import { AuthError } from './errors'
import { PAGES, rawReply, sendPage } from './loopback-pages'
import { statesEqual } from './pkce'

/**
 * The one-shot redirect listener of RFC 8252 §7.3: `http://127.0.0.1:{ephemeral port}/oauth/callback`.
 *
 * - Bound to the IPv4 loopback literal only (§8.3: "localhost" is NOT RECOMMENDED, and never
 *   0.0.0.0), on a port the OS picks, open only until the first valid callback, the timeout or a
 *   cancel; closed at most 1 s after that.
 * - Requests without the pending `state` get a 400 page and are otherwise ignored (§8.9): a drive-by
 *   page or another app that guesses the port can neither finish nor abort our sign-in. Only a
 *   callback carrying the right `state` settles the attempt.
 * - DNS rebinding: a page on evil.example that rebinds to 127.0.0.1 still sends `Host: evil.example`,
 *   so anything but `127.0.0.1:<port>` is refused before the query is even read.
 */
export interface LoopbackOptions {
  /** The `state` sent in the authorize URL (pkce.createState()). */
  readonly state: string
  readonly path?: string
  /** How long to wait for the browser; default 5 minutes. */
  readonly timeoutMs?: number
  readonly clock?: Clock
  /** Aborting cancels the attempt (AuthError 'cancelled') and closes the listener. */
  readonly signal?: AbortSignal
  /** Longest request target accepted, in bytes; default 8 KB (a real callback is < 1 KB). */
  readonly maxUrlBytes?: number
}

export interface LoopbackListener {
  /** The exact `redirect_uri` to put in the authorize URL and the token request. */
  readonly redirectUri: string
  readonly port: number
  /** Settles once: `{ code }`, or an AuthError ('cancelled', 'timeout', 'protocol'). */
  readonly result: Promise<{ readonly code: string }>
  /** Whether the listening socket is still open. */
  listening(): boolean
  /** Stops listening and cancels a pending attempt; safe to call any time. */
  close(): void
}

export const DEFAULT_CALLBACK_PATH = '/oauth/callback'
export const DEFAULT_LOGIN_TIMEOUT_MS = 5 * 60 * 1000
const HOST = '127.0.0.1'
// Node's parser rejects a request line + headers above this size with HPE_HEADER_OVERFLOW.
const MAX_HEADER_BYTES = 16 * 1024
const MAX_CODE_CHARS = 2048

/** Opens the listener; resolves once it is bound. */
export async function startLoopback(options: LoopbackOptions): Promise<LoopbackListener> {
  const path = options.path ?? DEFAULT_CALLBACK_PATH
  const clock = options.clock ?? systemClock
  const maxUrlBytes = options.maxUrlBytes ?? 8 * 1024
  // A function call, so TypeScript does not assume the signal is still unaborted after awaits.
  const aborted = (): boolean => options.signal?.aborted === true
  if (aborted()) {
    throw new AuthError('cancelled')
  }

  let settled = false
  let resolveResult: (value: { code: string }) => void = () => undefined
  let rejectResult: (error: AuthError) => void = () => undefined
  const result = new Promise<{ code: string }>((resolve, reject) => {
    resolveResult = resolve
    rejectResult = reject
  })
  // The caller may not be awaiting yet (it is opening the browser); never an unhandled rejection.
  result.catch(() => undefined)

  const server = createServer(
    { maxHeaderSize: MAX_HEADER_BYTES, requestTimeout: 30_000, headersTimeout: 10_000 },
    (req, res) => handle(req, res)
  )
  // Parser-level rejects (oversized request line/headers, garbage) never reach `handle`.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (socket.writable) {
      const overflow = error.code === 'HPE_HEADER_OVERFLOW'
      socket.end(
        overflow ? rawReply(431, 'Request Header Fields Too Large') : rawReply(400, 'Bad Request')
      )
    }
    socket.destroy()
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, HOST, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  const expectedHost = `${HOST}:${port}`
  const redirectUri = `http://${expectedHost}${path}`

  const timer = clock.setTimeout(
    () => finish(new AuthError('timeout')),
    options.timeoutMs ?? DEFAULT_LOGIN_TIMEOUT_MS
  )
  timer.unref?.()
  const onAbort = (): void => finish(new AuthError('cancelled'))
  options.signal?.addEventListener('abort', onAbort, { once: true })
  if (aborted()) {
    // Aborted while the socket was being bound: the 'abort' event has already fired.
    onAbort()
  }

  function finish(outcome: { code: string } | AuthError, res?: ServerResponse): void {
    if (settled) {
      return
    }
    settled = true
    clock.clearTimeout(timer)
    options.signal?.removeEventListener('abort', onAbort)
    server.close()
    // Drop idle keep-alive sockets once the page is out; force the rest after 1 s at the latest.
    const closeAll = (): void => server.closeAllConnections()
    if (res === undefined) {
      closeAll()
    } else {
      res.once('finish', closeAll)
      setTimeout(closeAll, 1000).unref()
    }
    if (outcome instanceof AuthError) {
      rejectResult(outcome)
    } else {
      resolveResult(outcome)
    }
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    if (settled) {
      sendPage(res, 400, PAGES.used)
      return
    }
    if ((req.headers.host ?? '').toLowerCase() !== expectedHost) {
      sendPage(res, 400, PAGES.invalid)
      return
    }
    const target = req.url ?? ''
    if (Buffer.byteLength(target) > maxUrlBytes) {
      sendPage(res, 414, PAGES.tooLong)
      return
    }
    let url: URL
    try {
      url = new URL(target, `http://${expectedHost}`)
    } catch {
      // A throw here would escape the 'request' event and take the process down.
      sendPage(res, 400, PAGES.invalid)
      return
    }
    if (url.pathname !== path) {
      sendPage(res, 404, PAGES.notFound)
      return
    }
    if (req.method !== 'GET') {
      sendPage(res, 405, PAGES.methodNotAllowed, { Allow: 'GET' })
      return
    }
    const params = url.searchParams
    const states = params.getAll('state')
    if (states.length !== 1 || !statesEqual(options.state, states[0])) {
      sendPage(res, 400, PAGES.invalid)
      return
    }
    // From here the request provably answers our pending authorization request.
    const error = params.get('error')
    if (error !== null) {
      const cancelled = error === 'access_denied'
      sendPage(res, 200, cancelled ? PAGES.cancelled : PAGES.failed)
      finish(new AuthError(cancelled ? 'cancelled' : 'protocol'), res)
      return
    }
    const codes = params.getAll('code')
    const code = codes[0]
    if (
      codes.length !== 1 ||
      code === undefined ||
      code.length === 0 ||
      code.length > MAX_CODE_CHARS
    ) {
      sendPage(res, 400, PAGES.failed)
      finish(new AuthError('protocol'), res)
      return
    }
    sendPage(res, 200, PAGES.success)
    finish({ code }, res)
  }

  return {
    redirectUri,
    port,
    result,
    listening: () => server.listening,
    close: () => finish(new AuthError('cancelled'))
  }
}
