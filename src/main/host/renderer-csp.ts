/**
 * The renderer's Content-Security-Policy, sent as a response header by both shells (Electron's
 * `app://` handler and browser mode's static server), so one function says what the page may load
 * and the Electron shell can widen `connect-src` at runtime by one origin (the web phone's SIP
 * proxy) without a second policy in a `<meta>` tag narrowing it again (every policy a page has
 * applies; CSP3 §8.1). The directives and why each is as it is: docs/security.md#content-security-policy.
 */

/** Origins the page may connect to beyond its own: `wss://host[:port]` only. */
export type ConnectOrigins = readonly string[]

/**
 * The `wss:` origin of `value`, or undefined when it is anything else (another scheme, a path, a
 * wildcard, credentials, a CSP keyword or a `;` that would start a new directive).
 */
export function wssOrigin(value: string): string | undefined {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return undefined
  }
  if (url.protocol !== 'wss:' || url.username !== '' || url.password !== '') return undefined
  if (url.hostname === '' || url.hostname.includes('*')) return undefined
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '') {
    return undefined
  }
  return `wss://${url.host}`
}

/**
 * The policy. `script-src 'self'` with no eval or inline script (the runtime-only Vue build with
 * precompiled templates needs neither); `style-src 'self'` with no `'unsafe-inline'` (the build
 * extracts every SFC style into a file, and Vue sets bound styles through CSSOM, which CSP does not
 * govern); `connect-src 'self'` (browser mode's bridge socket is same-origin, and CSP3 lets `'self'`
 * match `ws:` on the page's own host and port) plus the given `wss:` origins; nothing may frame it.
 * Throws on an origin that is not a plain `wss:` origin: a caller bug, never silently widened.
 */
export function rendererCsp(connect: ConnectOrigins = []): string {
  const extra = connect.map((origin) => {
    const checked = wssOrigin(origin)
    if (checked === undefined) throw new Error('connect-src takes plain wss: origins only')
    return checked
  })
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "media-src 'self'",
    `connect-src ${["'self'", ...new Set(extra)].join(' ')}`,
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-src 'none'",
    "worker-src 'self'",
    "frame-ancestors 'none'"
  ].join('; ')
}
