/**
 * The app's own scheme, `app://ringside/`, that serves the built renderer instead of `file://`
 * (Electron security checklist item 18; Element serves `vector://` the same way). Registered as
 * privileged before `ready` (standard, so it has a real origin and `'self'` means only it; secure,
 * so the page is a secure context for the microphone), handled after it. Every request goes
 * through the same path rules as browser mode's server (src/main/host/bundle-files.ts): inside the
 * bundle or a 404. Each response carries the renderer's CSP (src/main/host/renderer-csp.ts), read
 * per request so a proxy origin added at runtime applies to the next page load.
 */
import { realpath } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { Protocol } from 'electron'
import { contentTypeFor, readBundleFile } from '../host/bundle-files'
import { APP_HOST, APP_SCHEME } from './app-url'

/** The privileges `registerSchemesAsPrivileged` gives the scheme; exported for the tests. */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  codeCache: true,
  // Neither bypasses the CSP nor lets other schemes' pages fetch it.
  bypassCSP: false,
  corsEnabled: false,
  allowServiceWorkers: false,
  stream: false
} as const

/** Call before `app.whenReady()`: Electron accepts privileged schemes only then. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }])
}

export interface AppProtocolDeps {
  /** The built renderer's folder (the one holding index.html). */
  readonly root: string
  /** The CSP header value for the next response. */
  readonly csp: () => string
  /** Rewrites index.html as it is served, after `csp` was read for the same response. */
  readonly index?: (html: string) => string
}

export type AppRequestHandler = (request: Request) => Promise<Response>

const notFound = (): Response =>
  new Response('Not found', {
    status: 404,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' }
  })

/**
 * The handler for `protocol.handle`. Only GET on host `ringside` of the app's scheme is served;
 * the path is taken from the raw URL string, not a normalised `URL.pathname` that would have
 * quietly turned `/%2e%2e/x` into `/x`, so anything odd is refused rather than repaired.
 */
export function createAppRequestHandler(deps: AppProtocolDeps): AppRequestHandler {
  let realRoot: Promise<string> | undefined
  return async (request) => {
    const target = rawTarget(request.url)
    if (request.method !== 'GET' || target === undefined) return notFound()
    realRoot ??= realpath(resolve(deps.root))
    const found = await readBundleFile(await realRoot, target).catch(() => undefined)
    if (found === undefined) return notFound()
    const csp = deps.csp()
    const body =
      found.isIndex && deps.index
        ? Buffer.from(deps.index(found.body.toString('utf8')), 'utf8')
        : found.body
    return new Response(new Uint8Array(body), {
      status: 200,
      headers: {
        'Content-Type': contentTypeFor(found.file),
        'Content-Security-Policy': csp,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        'Cache-Control': found.isIndex ? 'no-store' : 'no-cache'
      }
    })
  }
}

/** The path and query of `app://ringside/<path>`, or undefined for any other scheme or host. */
export function rawTarget(url: string): string | undefined {
  const prefix = `${APP_SCHEME}://${APP_HOST}/`
  if (url.length > 4_096 || url.slice(0, prefix.length).toLowerCase() !== prefix) return undefined
  return `/${url.slice(prefix.length)}`
}

/** Serves the scheme on `protocol` (the default session's); call after `ready`. */
export function handleAppProtocol(protocol: Pick<Protocol, 'handle'>, deps: AppProtocolDeps): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(deps))
}
