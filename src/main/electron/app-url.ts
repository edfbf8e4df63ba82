import { pathToFileURL } from 'node:url'

export interface RendererLocation {
  /** Set by `electron-vite dev` (ELECTRON_RENDERER_URL); absent in built and packaged apps. */
  devServerUrl?: string | undefined
  /** Absolute path of the built renderer's index.html. */
  indexHtml: string
}

/** The URL the main window loads: the dev server when there is one, else the built file. */
export function appUrlFor(location: RendererLocation): string {
  return location.devServerUrl ?? pathToFileURL(location.indexHtml).href
}

/**
 * True when `target` is the app's own page. Parsed with the URL parser, never `startsWith`, so
 * `http://localhost:5173.evil.com` or `file:///etc/passwd` do not pass (Electron security
 * checklist item 13).
 */
export function isAppUrl(target: string, appUrl: string): boolean {
  let candidate: URL
  let own: URL
  try {
    candidate = new URL(target)
    own = new URL(appUrl)
  } catch {
    return false
  }
  if (own.protocol === 'file:') {
    // Every file: URL has the opaque origin "null", so the only safe match is the same file.
    return candidate.protocol === 'file:' && candidate.pathname === own.pathname
  }
  if (own.origin !== 'null') {
    return candidate.origin === own.origin
  }
  // Non-special schemes (a future app:// protocol) also have an opaque origin; match scheme + host.
  return own.host !== '' && candidate.protocol === own.protocol && candidate.host === own.host
}
