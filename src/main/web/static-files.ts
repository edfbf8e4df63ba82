/**
 * Serves the built renderer (out/renderer) and nothing else. The path rules follow the Electron
 * checklist's protocol-handler item (docs/security.md#custom-protocol, as Element does for
 * `vector://`): every request resolves inside the bundle directory, else 404. Segments are checked
 * after decoding, so `..`, `%2e%2e`, `..%2f` and backslashes never climb out, and the resolved real
 * path (symlinks followed) must still start with the bundle directory. No directory listings, no
 * dotfiles.
 */
import { readFile, realpath, stat } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname, join, resolve, sep } from 'node:path'

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm'
}

export const contentTypeFor = (file: string): string =>
  TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'

/**
 * Headers on every response. `frame-ancestors` is repeated here because browsers ignore it in a
 * `<meta>` CSP (CSP3 §6.4.2); the renderer's full policy stays in its index.html meta tag and both
 * apply. `nosniff` and `no-referrer` as the brief asks: the secret lives in the URL fragment, which
 * is never sent, and no Referer leaves the page either way.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy': "frame-ancestors 'none'; object-src 'none'; base-uri 'none'",
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin'
}

/**
 * The file a raw request target names, relative to `root`, or undefined when it must be a 404.
 * Pure string work on the raw target (not on a WHATWG-normalised URL, which would silently turn
 * `/%2e%2e/x` into `/x`): anything suspicious is refused rather than repaired.
 */
export function resolveStaticPath(root: string, target: string): string | undefined {
  const path = target.split(/[?#]/, 1)[0] ?? ''
  if (!path.startsWith('/')) return undefined
  if (path === '/') return join(root, 'index.html')
  const segments: string[] = []
  for (const raw of path.slice(1).split('/')) {
    let segment: string
    try {
      segment = decodeURIComponent(raw)
    } catch {
      return undefined
    }
    // Empty (`//`, trailing `/`: a directory), dot segments, dotfiles, and anything that would be
    // a separator or a NUL once decoded.
    if (segment === '' || segment.startsWith('.') || /[/\\\0:]/.test(segment)) return undefined
    segments.push(segment)
  }
  const file = resolve(root, ...segments)
  return file.startsWith(root + sep) ? file : undefined
}

export type StaticHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>

export interface StaticOptions {
  /**
   * Rewrites index.html as it is served: the renderer's CSP with the provisioned SIP proxies
   * (src/main/host/csp.ts `withPhoneCsp`), known only once the core provisioned the phone.
   */
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
    const file = resolveStaticPath(realRoot, req.url ?? '')
    if (file === undefined) return notFound(res)
    let body: Buffer
    try {
      // A symlink inside the bundle must not lead outside it.
      const real = await realpath(file)
      if (!real.startsWith(realRoot + sep) || !(await stat(real)).isFile()) return notFound(res)
      body = await readFile(real)
    } catch {
      return notFound(res, req.url)
    }
    const isIndex = file === join(realRoot, 'index.html')
    if (isIndex && options.index) body = Buffer.from(options.index(body.toString('utf8')), 'utf8')
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': contentTypeFor(file),
      'Content-Length': String(body.length),
      // index.html names this launch's hashed assets; a cached copy would load stale ones.
      'Cache-Control': isIndex ? 'no-store' : 'no-cache'
    })
    res.end(req.method === 'HEAD' ? undefined : body)
  }
}
