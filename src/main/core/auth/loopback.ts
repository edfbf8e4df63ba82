import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { systemClock, type Clock } from '../ports'
import { AuthError } from './errors'
import { judgeCallback, type CallbackExpectations } from './loopback-callback'
import { PAGES, rawReply, sendPage } from './loopback-pages'

/**
 * The one-shot redirect listener of RFC 8252 §7.3: `http://127.0.0.1:{port}/oauth/callback`, on the
 * first free port IT registered for the app (RingCentral matches redirect URIs exactly, OAU-109), or
 * an ephemeral one when none are configured.
 *
 * - Bound to the IPv4 loopback literal only (https://www.rfc-editor.org/rfc/rfc8252#section-8.3:
 *   "localhost" is NOT RECOMMENDED, and never 0.0.0.0), open only until the
 *   first valid callback, the timeout or a cancel; closed at most 1 s after that.
 * - Requests without the pending `state` get a 400 page and are otherwise ignored
 *   (https://www.rfc-editor.org/rfc/rfc8252#section-8.9): a drive-by page or another app that
 *   guesses the port can neither finish nor abort our sign-in. Only a callback carrying the right
 *   `state` settles the attempt.
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
  /**
   * The loopback ports IT registered for this app, tried in order; a port another program holds is
   * skipped. Empty or absent: a port the OS picks, which only a server applying RFC 8252 §7.3's
   * any-port rule accepts (docs/platform.md#loopback-redirects).
   */
  readonly ports?: readonly number[]
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
const DEFAULT_MAX_URL_BYTES = 8 * 1024

type Outcome = { readonly code: string } | AuthError

/** Opens the listener; resolves once it is bound. */
export async function startLoopback(options: LoopbackOptions): Promise<LoopbackListener> {
  const path = options.path ?? DEFAULT_CALLBACK_PATH
  // A function call, so TypeScript does not assume the signal is still unaborted after awaits.
  const aborted = (): boolean => options.signal?.aborted === true
  if (aborted()) {
    throw new AuthError('cancelled')
  }
  const outcome = createOutcome()
  const server = createLoopbackServer((req, res) =>
    respond(req, res, { outcome, expected, finish })
  )
  const port = await listen(server, options.ports ?? [])
  const expected: CallbackExpectations = {
    host: `${HOST}:${port}`,
    path,
    state: options.state,
    maxUrlBytes: options.maxUrlBytes ?? DEFAULT_MAX_URL_BYTES
  }
  const stopWatching = watchAttempt(options, {
    onTimeout: () => finish(new AuthError('timeout')),
    onAbort: () => finish(new AuthError('cancelled'))
  })
  if (aborted()) {
    // Aborted while the socket was being bound: the 'abort' event has already fired.
    finish(new AuthError('cancelled'))
  }

  function finish(result: Outcome, res?: ServerResponse): void {
    if (outcome.settle(result)) {
      stopWatching()
      closeSoon(server, res)
    }
  }

  return {
    redirectUri: `http://${expected.host}${path}`,
    port,
    result: outcome.result,
    listening: () => server.listening,
    close: () => finish(new AuthError('cancelled'))
  }
}

/** Answers one request; an authentic callback settles the attempt. */
function respond(
  req: IncomingMessage,
  res: ServerResponse,
  attempt: {
    readonly outcome: OneOutcome
    readonly expected: CallbackExpectations
    readonly finish: (result: Outcome, res: ServerResponse) => void
  }
): void {
  // Only the first authentic callback counts; a replay of it is told the link was used.
  if (attempt.outcome.settled()) {
    sendPage(res, 400, PAGES.used)
    return
  }
  const verdict = judgeCallback(req, attempt.expected)
  sendPage(res, verdict.status, verdict.page, verdict.headers)
  if (verdict.outcome !== undefined) {
    attempt.finish(verdict.outcome, res)
  }
}

interface OneOutcome {
  readonly result: Promise<{ readonly code: string }>
  settled(): boolean
  /** Settles `result` with `outcome` if nothing settled it before; says whether this did. */
  settle(outcome: Outcome): boolean
}

/** The attempt's one result: it settles once, whatever arrives after. */
function createOutcome(): OneOutcome {
  let settled = false
  let resolveResult: (value: { code: string }) => void = () => undefined
  let rejectResult: (error: AuthError) => void = () => undefined
  const result = new Promise<{ code: string }>((resolve, reject) => {
    resolveResult = resolve
    rejectResult = reject
  })
  // The caller may not be awaiting yet (it is opening the browser); never an unhandled rejection.
  result.catch(() => undefined)
  return {
    result,
    settled: () => settled,
    settle(outcome) {
      if (settled) {
        return false
      }
      settled = true
      if (outcome instanceof AuthError) {
        rejectResult(outcome)
      } else {
        resolveResult(outcome)
      }
      return true
    }
  }
}

/** An HTTP server with tight limits; parser-level rejects get a bare reply and a closed socket. */
function createLoopbackServer(handle: Parameters<typeof createServer>[1]): Server {
  const server = createServer(
    { maxHeaderSize: MAX_HEADER_BYTES, requestTimeout: 30_000, headersTimeout: 10_000 },
    handle
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
  return server
}

/**
 * Binds the IPv4 loopback literal on the first free port of `ports`, or on one the OS picks when
 * the list is empty; resolves with the bound port. Only EADDRINUSE moves on to the next port: any
 * other failure (EACCES, no loopback interface) would fail the same way on every port.
 */
async function listen(server: Server, ports: readonly number[]): Promise<number> {
  if (ports.length === 0) {
    await listenOn(server, 0)
    return (server.address() as AddressInfo).port
  }
  for (const port of ports) {
    try {
      await listenOn(server, port)
      return port
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') {
        throw error
      }
    }
  }
  throw new AuthError('ports-in-use', portsInUseMessage(ports))
}

/** One `listen` attempt; Node lets a server listen again after a failed attempt. */
function listenOn(server: Server, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, HOST, () => {
      server.off('error', reject)
      resolve()
    })
  })
}

export function portsInUseMessage(ports: readonly number[]): string {
  const list = ports.join(', ')
  const one = ports.length === 1
  return (
    `Ringside could not sign in: ${one ? 'the sign-in port' : 'all the sign-in ports'} ` +
    `registered for this computer (${list}) ${one ? 'is' : 'are'} in use by other programs. ` +
    'Close the program using it, or ask IT to register another port, then choose "Sign in" again.'
  )
}

/** Starts the attempt's timeout and follows its abort signal; returns what stops both. */
function watchAttempt(
  options: LoopbackOptions,
  on: { readonly onTimeout: () => void; readonly onAbort: () => void }
): () => void {
  const clock = options.clock ?? systemClock
  const timer = clock.setTimeout(on.onTimeout, options.timeoutMs ?? DEFAULT_LOGIN_TIMEOUT_MS)
  timer.unref?.()
  const onAbort = (): void => on.onAbort()
  options.signal?.addEventListener('abort', onAbort, { once: true })
  return () => {
    clock.clearTimeout(timer)
    options.signal?.removeEventListener('abort', onAbort)
  }
}

/**
 * Stops listening. Idle keep-alive sockets are dropped once the page is out, the rest after 1 s at
 * the latest, so nothing keeps the port reachable.
 */
function closeSoon(server: Server, res: ServerResponse | undefined): void {
  server.close()
  const closeAll = (): void => server.closeAllConnections()
  if (res === undefined) {
    closeAll()
  } else {
    res.once('finish', closeAll)
    setTimeout(closeAll, 1000).unref()
  }
}
