import type { ServerResponse } from 'node:http'

/**
 * The pages the loopback listener answers with. They are constants: nothing from the request (code,
 * state, error text, path) is ever echoed, so there is nothing to inject (reflected XSS on the
 * callback page is a classic desktop-app bug, docs/security.md#callback-hardening).
 */

function page(title: string, text: string): string {
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width">' +
    `<title>${title}</title></head>` +
    '<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 4rem auto">' +
    `<h1>${title}</h1><p>${text}</p></body></html>`
  )
}

const CLOSE = 'You can close this tab and return to Ringside.'

export const PAGES = {
  success: page('Signed in to Ringside', CLOSE),
  cancelled: page('Sign-in cancelled', CLOSE),
  failed: page('Sign-in failed', `RingCentral did not complete the sign-in. ${CLOSE}`),
  invalid: page(
    'This sign-in link is not valid',
    'It may be old, or meant for another sign-in attempt. Return to Ringside and choose "Sign in" again.'
  ),
  used: page('This sign-in link was already used', CLOSE),
  notFound: page('Not found', 'Nothing here.'),
  methodNotAllowed: page('Method not allowed', 'Nothing here.'),
  tooLong: page('Request too long', 'Return to Ringside and choose "Sign in" again.')
} as const

/** Sends a static page with headers that keep it out of caches, frames and referrers. */
export function sendPage(
  res: ServerResponse,
  status: number,
  body: string,
  extra: Readonly<Record<string, string>> = {}
): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    // The URL that led here carried a one-time code: neither the page nor the URL may be cached.
    'Cache-Control': 'no-store',
    Pragma: 'no-cache',
    'Content-Security-Policy':
      "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    // Links from this page must not leak the callback URL (with its code) to another site.
    'Referrer-Policy': 'no-referrer',
    // One request per connection: nothing keeps the listener alive after it is done.
    Connection: 'close',
    ...extra
  })
  res.end(body)
}

/** A raw reply for parser-level errors (the request never reached a handler). */
export function rawReply(status: number, reason: string): string {
  return (
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nCache-Control: no-store\r\n` +
    'Content-Length: 0\r\n\r\n'
  )
}
