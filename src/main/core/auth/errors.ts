/**
 * Sign-in failures as the agent should read them. Every error the auth layer lets out is an
 * `AuthError` with a stable `code` (for the UI and tests) and a `message` written for a person: it
 * never contains a token, a code, a JWT or a server response body.
 */

export type AuthErrorCode =
  /** The agent (or the browser page) cancelled: `error=access_denied` or `cancelSignIn()`. */
  | 'cancelled'
  /** No browser callback arrived in time (RFC 8252 §8.3: the loopback port is open only briefly). */
  | 'timeout'
  /** The credential was refused: a bad or expired JWT, a rejected authorization code. */
  | 'invalid-credentials'
  /** Network failure, DNS failure, 5xx or 429: nothing was decided about the sign-in. */
  | 'unreachable'
  /** The refresh token was revoked or expired (admin revoke, sign-in limit, 7 days idle). */
  | 'revoked'
  /** No OS keychain: tokens stay in memory and the agent signs in again after a restart. */
  | 'encryption-unavailable'
  /** The custom server address is not an https URL (or http to this computer). */
  | 'invalid-server'
  /** The server answered something the app cannot use. */
  | 'protocol'
  /** A service asked for the SDK while nobody is signed in. */
  | 'not-signed-in'
  /** Every loopback port IT registered for sign-in is held by another program. */
  | 'ports-in-use'
  /** RingCentral refused the loopback redirect URI: its port is not registered for the app (OAU-109). */
  | 'redirect-not-registered'

const MESSAGES: Readonly<Record<AuthErrorCode, string>> = {
  cancelled: 'Sign-in was cancelled. Choose "Sign in" to try again.',
  timeout:
    'Sign-in timed out: the browser did not come back to Ringside in time. Choose "Sign in" to try again.',
  'invalid-credentials':
    'RingCentral did not accept these credentials. Check the JWT (or sign in again in the browser) and retry.',
  unreachable:
    'Ringside could not reach the RingCentral server. Check your network connection or the server address; Ringside keeps trying.',
  revoked:
    'You were signed out of RingCentral (your sign-in was revoked or has expired). Please sign in again.',
  'encryption-unavailable':
    'This computer has no secure password storage available to Ringside, so your sign-in is kept only until Ringside quits.',
  'invalid-server':
    'The server address must start with https:// (plain http:// is only allowed for this computer, e.g. the demo).',
  protocol: 'The RingCentral server sent an unexpected answer. Please try again later.',
  'not-signed-in': 'Ringside is not signed in to RingCentral.',
  'ports-in-use':
    'Every sign-in port registered for this computer is in use by another program. Ask IT to register another port.',
  'redirect-not-registered':
    "This computer's sign-in address is not registered for this RingCentral app. Ask IT to register it."
}

/** A failure to sign in or to stay signed in, with a message a user understands. */
export class AuthError extends Error {
  override readonly name = 'AuthError'
  readonly code: AuthErrorCode
  /**
   * For IT, shown under "technical detail": the platform's error code and what it refused (never
   * a token, a code or a response body as such).
   */
  readonly detail: string | undefined

  constructor(code: AuthErrorCode, message: string = MESSAGES[code], detail?: string) {
    super(message)
    this.code = code
    this.detail = detail
  }
}

/** The default user-facing text for a code. */
export function authMessage(code: AuthErrorCode): string {
  return MESSAGES[code]
}

/** Why the sign-in ended, as shown in the signed-out-with-reason state. */
export interface SignOutReason {
  readonly code: AuthErrorCode
  readonly message: string
  /** For IT, under "technical detail" (AuthError.detail). */
  readonly detail?: string
}

export function reasonOf(error: AuthError): SignOutReason {
  return {
    code: error.code,
    message: error.message,
    ...(error.detail === undefined ? {} : { detail: error.detail })
  }
}

/** Every code, for decoding a reason kept across a restart. */
export const AUTH_ERROR_CODES = Object.keys(MESSAGES) as readonly AuthErrorCode[]
