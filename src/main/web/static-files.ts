/**
 * Serves the built renderer (out/renderer) and nothing else. The path rules follow the Electron
 * checklist's protocol-handler item (docs/security.md#custom-protocol, as Element does for
 * `vector://`): every request resolves inside the bundle directory, else 404. Segments are checked
 * after decoding, so `..`, `%2e%2e`, `..%2f` and backslashes never climb out, and the resolved real
 * path (symlinks followed) must still start with the bundle directory. No directory listings, no
 * dotfiles.
 */
import { realpath } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { resolve } from 'node:path'
import { contentTypeFor, readBundleFile, resolveBundlePath } from '../host/bundle-files'
import { rendererCsp } from '../host/renderer-csp'

/** The same rules as Electron's `app://` handler (src/main/host/bundle-files.ts). */
export const resolveStaticPath = resolveBundlePath
export { contentTypeFor }

/**
 * Headers on every response. The renderer's whole CSP is a header, not a `<meta>` tag, so that
 * both shells send one policy built in one place (src/main/host/renderer-csp.ts) and
 * `frame-ancestors`, which browsers ignore in a meta tag (CSP3 §6.4.2), applies. `nosniff` and
 * `no-referrer`: the secret lives in the URL fragment, which is never sent, and no Referer leaves
 * the page either way.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy': rendererCsp(),
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin'
}

export type StaticHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>

export interface StaticOptions {
  /**
   * The CSP for each response, read per request: browser mode's policy admits the SIP proxies the
   * core provisioned (src/main/web/host.ts: `rendererCsp` of src/main/host/csp.ts `phoneSources`),
   * known only once the phone is provisioned.
   * Without it, the plain policy of SECURITY_HEADERS.
   */
  readonly csp?: () => string
  /** Rewrites index.html as it is served, after `csp` was read for the same response. */
  readonly index?: (html: string) => string
}

/** `root` must exist; it is resolved to its real path once, so later checks compare real paths. */
export async function createStaticHandler(
  root: string,
  options: StaticOptions = {}
): Promise<StaticHandler> {
  const realRoot = await realpath(resolve(root))
  const notFound = (res: ServerResponse, url?: string): void => {
    // Browsers ask for /favicon.ico on their own and log a 404 as a console error; a bundle
    // without one answers "nothing here" instead, so the page's console stays clean.
    if (url === '/favicon.ico') {
      res.writeHead(204, SECURITY_HEADERS)
      res.end()
      return
    }
    res.writeHead(404, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' })
    res.end('Not found')
  }
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...SECURITY_HEADERS, Allow: 'GET, HEAD' })
      res.end()
      return
    }
    const found = await readBundleFile(realRoot, req.url ?? '')
    if (found === undefined) return notFound(res, req.url)
    const { file, isIndex } = found
    const csp = options.csp?.()
    const body =
      isIndex && options.index
        ? Buffer.from(options.index(found.body.toString('utf8')), 'utf8')
        : found.body
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      ...(csp === undefined ? {} : { 'Content-Security-Policy': csp }),
      'Content-Type': contentTypeFor(file),
      'Content-Length': String(body.length),
      'Cache-Control': isIndex ? 'no-store' : 'no-cache'
    })
    res.end(req.method === 'HEAD' ? undefined : body)
  }
}
