/**
 * Where the renderer lives: the app's own privileged scheme `app://ringside/` in built and packaged
 * apps (served by app-protocol.ts), or the dev server under `electron-vite dev`. Never `file://`:
 * under `file://` the CSP's `'self'` matches any file on disk, every file shares the opaque origin
 * "null", `file://host/…` names another machine and on Windows a UNC path leaks NTLM credentials
 * (docs/security.md#custom-protocol).
 */

/** The scheme, registered as privileged before `ready` (app-protocol.ts). */
export const APP_SCHEME = 'app'
/** The one host the scheme answers for; any other host is a 404. */
export const APP_HOST = 'ringside'
/** The page every Ringside window loads; routes are in the fragment (`#/popup`). */
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`
/** The app's own origin, the only one media permissions are granted to (permissions.ts). */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`

export interface RendererLocation {
  /** Set by `electron-vite dev` (ELECTRON_RENDERER_URL); absent in built and packaged apps. */
  devServerUrl?: string | undefined
  /** Absolute path of the built renderer's index.html; app-protocol.ts serves its folder. */
  indexHtml: string
}

/** The URL the windows load: the dev server when there is one, else the app's own scheme. */
export function appUrlFor(location: RendererLocation): string {
  return location.devServerUrl ?? APP_INDEX_URL
}

/** The origin of the app's page (`app://ringside`, or the dev server's). */
export function appOriginOf(appUrl: string): string {
  const url = new URL(appUrl)
  return url.origin !== 'null' ? url.origin : `${url.protocol}//${url.host}`
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url)
  } catch {
    return undefined
  }
}

/**
 * True when `target` is the app's own page: the same scheme, host (with port) and path, no
 * credentials; the query and fragment (the route) may differ. Parsed with the URL parser, never
 * `startsWith`, so `http://localhost:5173.evil.com`, `app://ringside@evil/` or
 * `app://evil/index.html` do not pass (Electron security checklist items 13 and 17). A `file:`
 * URL never passes, whatever its path: `file://evil.example/<app path>` or a UNC path would
 * otherwise look like the app.
 */
export function isAppUrl(target: string, appUrl: string): boolean {
  const candidate = parse(target)
  const own = parse(appUrl)
  if (candidate === undefined || own === undefined) return false
  if (candidate.protocol === 'file:' || own.protocol === 'file:') return false
  if (candidate.username !== '' || candidate.password !== '') return false
  if (own.host === '' || candidate.protocol !== own.protocol || candidate.host !== own.host) {
    return false
  }
  return samePath(candidate.pathname, own.pathname)
}

/** `/` and `/index.html` are the same page (the dev server serves `/`, the scheme `/index.html`). */
function samePath(a: string, b: string): boolean {
  const page = (path: string): string => (path === '/' ? '/index.html' : path)
  return page(a) === page(b)
}
