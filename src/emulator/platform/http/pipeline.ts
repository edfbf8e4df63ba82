import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AccountDirectory } from '../directory'
import { apiErrors, HttpError } from '../errors'
import type { Ids } from '../clock'
import { parseBody, readBody } from './body'
import type { RateDecision, RateLimiter } from './rate-limit'
import type { Route, Router } from './router'
import type { ApiResponse, AuthContext, HttpMethod, PublicRequest } from './types'

export interface PipelineDeps {
  readonly router: Router
  readonly limiter: RateLimiter
  readonly directory: AccountDirectory
  readonly ids: Ids
  /** Resolves `Authorization`; throws a 401 HttpError. */
  readonly authenticate: (header: string | undefined) => AuthContext
  /** Default key for public routes when the route gives none. */
  readonly publicRateKey: (req: PublicRequest) => string
  readonly log: (event: string, detail: Readonly<Record<string, unknown>>) => void
  /** Milliseconds to hold each REST API reply after its handler ran (the latency fault). */
  readonly apiLatencyMs?: () => number
}

const METHODS: ReadonlySet<string> = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])

/** The node:http request listener: match → body → auth → rate limit → permission → handler. */
export function createPipeline(
  deps: PipelineDeps
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(deps, req, res).catch((e: unknown) => {
      deps.log('http.crash', { error: String(e) })
      if (!res.headersSent) send(res, { status: 500, body: apiErrors.internal().body }, {})
      else res.destroy()
    })
  }
}

async function handle(
  deps: PipelineDeps,
  req: IncomingMessage,
  res: ServerResponse
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  const method = (req.method ?? 'GET').toUpperCase()
  const requestId = deps.ids.uuid()
  const baseHeaders = { RCRequestId: requestId }
  const match = METHODS.has(method)
    ? deps.router.match(method, url.pathname)
    : { found: false as const }
  if (!match.found) {
    await readBody(req).catch(() => '')
    const err = apiErrors.invalidUri()
    send(
      res,
      { status: err.status, body: err.body },
      { ...baseHeaders, ...deps.limiter.peek('light').headers }
    )
    return
  }
  const seen: { rate?: RateDecision } = {}
  try {
    const rawBody = await readBody(req)
    const base: PublicRequest = {
      method: method as HttpMethod,
      path: url.pathname,
      params: match.params,
      query: url.searchParams,
      headers: req.headers,
      body: parseBody(req.headers['content-type'], rawBody),
      rawBody,
      remoteAddress: req.socket.remoteAddress ?? ''
    }
    const response = await dispatch(deps, match.route, base, req, (d) => (seen.rate = d))
    const latency = match.route.kind === 'api' ? (deps.apiLatencyMs?.() ?? 0) : 0
    if (latency > 0) await new Promise((r) => setTimeout(r, latency))
    send(res, response, { ...baseHeaders, ...seen.rate?.headers })
  } catch (e: unknown) {
    if (!(e instanceof HttpError)) throw e
    const rateHeaders = seen.rate?.headers ?? groupHeaders(deps, match.route)
    send(res, { status: e.status, body: e.body }, { ...baseHeaders, ...rateHeaders, ...e.headers })
  }
}

async function dispatch(
  deps: PipelineDeps,
  route: Route,
  base: PublicRequest,
  req: IncomingMessage,
  onRate: (d: RateDecision) => void
): Promise<ApiResponse> {
  if (route.kind === 'control') {
    assertLoopback(req)
    return route.handler(base)
  }
  if (route.kind === 'public') {
    const key = (route.options.rateKey ?? deps.publicRateKey)(base)
    limit(deps, key, route.options.group, onRate)
    return route.handler(base)
  }
  const auth = deps.authenticate(req.headers.authorization)
  limit(deps, `ext:${auth.extensionId}`, route.options.group, onRate)
  const permission = route.options.permission
  if (permission !== undefined && !auth.scopes.has(permission)) {
    throw apiErrors.insufficientPermissions(permission)
  }
  const params = resolveParams(deps.directory, base.params, auth)
  return route.handler({ ...base, params, auth })
}

function limit(
  deps: PipelineDeps,
  key: string,
  group: Parameters<RateLimiter['take']>[1],
  onRate: (d: RateDecision) => void
): void {
  const decision = deps.limiter.take(key, group)
  onRate(decision)
  if (!decision.allowed) throw apiErrors.rateLimited(decision.retryAfterSeconds)
}

function groupHeaders(deps: PipelineDeps, route: Route): Readonly<Record<string, string>> {
  return route.kind === 'control' ? {} : deps.limiter.peek(route.options.group).headers
}

/**
 * `~` means "the token owner's account/extension" (docs/platform.md#tilde-ids); unknown ids are
 * 404.
 */
function resolveParams(
  directory: AccountDirectory,
  params: Readonly<Record<string, string>>,
  auth: AuthContext
): Record<string, string> {
  const out: Record<string, string> = { ...params }
  if (out['accountId'] !== undefined) {
    if (out['accountId'] === '~') out['accountId'] = auth.accountId
    if (out['accountId'] !== directory.accountId)
      throw apiErrors.notFound('accountId', out['accountId'])
  }
  if (out['extensionId'] !== undefined) {
    if (out['extensionId'] === '~') out['extensionId'] = auth.extensionId
    if (directory.findExtension(out['extensionId']) === undefined) {
      throw apiErrors.notFound('extensionId', out['extensionId'])
    }
  }
  return out
}

/**
 * The control API must only be reachable from this machine. The server binds 127.0.0.1 already;
 * the Host check additionally defeats DNS rebinding from a browser page.
 */
function assertLoopback(req: IncomingMessage): void {
  const addr = req.socket.remoteAddress ?? ''
  const host = (req.headers.host ?? '').replace(/:\d+$/, '')
  const loopbackAddr = addr === '127.0.0.1' || addr === '::1' || addr === '::ffff:127.0.0.1'
  const loopbackHost = host === '127.0.0.1' || host === 'localhost' || host === '[::1]'
  if (!loopbackAddr || !loopbackHost) {
    throw new HttpError(403, { errorCode: 'EMU-403', message: 'Control API is loopback only' })
  }
}

function send(
  res: ServerResponse,
  response: ApiResponse,
  extraHeaders: Readonly<Record<string, string>>
): void {
  const headers: Record<string, string> = { ...extraHeaders, ...response.headers }
  let payload: string | undefined
  if (response.body !== undefined && response.status !== 204) {
    if (typeof response.body === 'string' && response.contentType !== undefined) {
      payload = response.body
      headers['Content-Type'] = response.contentType
    } else {
      payload = JSON.stringify(response.body)
      headers['Content-Type'] = 'application/json; charset=utf-8'
    }
  }
  if (response.status !== 204 && response.status !== 304) {
    headers['Content-Length'] = String(payload === undefined ? 0 : Buffer.byteLength(payload))
  }
  res.writeHead(response.status, headers)
  res.end(payload)
}
