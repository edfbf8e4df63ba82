import { AuthError } from './errors'

/**
 * RingCentral matches `redirect_uri` exactly against the app's registered redirect URIs and
 * refuses any other with `OAU-109 Redirect URIs do not match` (docs/platform.md#loopback-redirects).
 * Shown in the browser, that refusal never reaches Ringside, which would only time out five minutes
 * later; so the authorize URL is asked once, without following its redirect, before the browser
 * opens, and an OAU-109 there is explained to the agent at once in IT's terms.
 */

const PROBE_TIMEOUT_MS = 10_000
const MISMATCH_CODE = 'OAU-109'

/** The refusal, in the agent's and IT's words; the platform's code goes under technical detail. */
export function redirectNotRegistered(redirectUri: string, fixedPorts: boolean): AuthError {
  const port = new URL(redirectUri).port
  const why = fixedPorts
    ? ''
    : ' No sign-in ports are configured, so Ringside picked this one itself; RingCentral only' +
      ' accepts ports registered in advance.'
  return new AuthError(
    'redirect-not-registered',
    `This computer's sign-in port ${port} is not registered for this RingCentral app. Ask IT to ` +
      `register ${redirectUri}, or to set up Ringside with a port that is registered.${why}`,
    `${MISMATCH_CODE} Redirect URIs do not match (redirect_uri ${redirectUri})`
  )
}

/**
 * GETs the authorize URL without following redirects and throws `redirectNotRegistered` when the
 * server refuses the redirect URI. Anything else (the login page, a redirect, a network failure,
 * a rate limit) is left to the browser, exactly as before the probe.
 */
export async function probeRedirect(
  authorizeUrl: string,
  redirectUri: string,
  options: {
    readonly fixedPorts: boolean
    readonly signal: AbortSignal
    readonly fetch?: typeof fetch
  }
): Promise<void> {
  const fetchImpl = options.fetch ?? fetch
  let body: unknown
  try {
    const res = await fetchImpl(authorizeUrl, {
      redirect: 'manual',
      signal: AbortSignal.any([options.signal, AbortSignal.timeout(PROBE_TIMEOUT_MS)])
    })
    if (res.status < 400 || res.status >= 500) {
      await res.body?.cancel()
      return
    }
    body = await res.json()
  } catch {
    return
  }
  if (errorCodes(body).includes(MISMATCH_CODE)) {
    throw redirectNotRegistered(redirectUri, options.fixedPorts)
  }
}

/** The `errors[].errorCode` values of an OAuth error body (docs/platform.md#oauth-errors). */
function errorCodes(body: unknown): string[] {
  if (typeof body !== 'object' || body === null || !('errors' in body)) return []
  const list: unknown = body.errors
  if (!Array.isArray(list)) return []
  return list.flatMap((item: unknown) =>
    typeof item === 'object' &&
    item !== null &&
    'errorCode' in item &&
    typeof item.errorCode === 'string'
      ? [item.errorCode]
      : []
  )
}
