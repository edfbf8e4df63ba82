/**
 * Which file of the built renderer a request names, shared by Electron's `app://` handler
 * (src/main/electron/app-protocol.ts) and browser mode's static server (src/main/web/
 * static-files.ts). The rules follow the Electron checklist's protocol-handler item
 * (docs/security.md#custom-protocol, as Element does for `vector://`): every request resolves
 * inside the bundle directory, else 404. Segments are checked after decoding, so `..`, `%2e%2e`,
 * `..%2f` and backslashes never climb out. No directory listings, no dotfiles.
 */
import { readFile, realpath, stat } from 'node:fs/promises'
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
 * The file a raw request target names, relative to `root`, or undefined when it must be a 404.
 * Pure string work on the raw target (not on a WHATWG-normalised URL, which would silently turn
 * `/%2e%2e/x` into `/x`): anything suspicious is refused rather than repaired.
 */
export function resolveBundlePath(root: string, target: string): string | undefined {
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

/** A file of the bundle, read; undefined for anything that must be a 404. */
export interface BundleFile {
  readonly file: string
  readonly body: Buffer
  /** index.html names this build's hashed assets; a cached copy would load stale ones. */
  readonly isIndex: boolean
}

/**
 * Reads the file `target` names inside `realRoot` (already a real path). A symlink inside the
 * bundle must not lead outside it, so the file's real path is checked again before it is read.
 */
export async function readBundleFile(
  realRoot: string,
  target: string
): Promise<BundleFile | undefined> {
  const file = resolveBundlePath(realRoot, target)
  if (file === undefined) return undefined
  try {
    const real = await realpath(file)
    if (!real.startsWith(realRoot + sep) || !(await stat(real)).isFile()) return undefined
    return { file, body: await readFile(real), isIndex: file === join(realRoot, 'index.html') }
  } catch {
    return undefined
  }
}
