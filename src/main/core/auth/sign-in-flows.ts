import type { Browser, Clock, TokenVault } from '../ports'
import { AuthError } from './errors'
import { startLoopback } from './loopback'
import { challengeS256, createState } from './pkce'
import {
  newSdkSession,
  type SdkSession,
  type SdkSessionDeps,
  type SessionMeta
} from './sdk-session'

/**
 * The two token-obtaining flows. Each returns a session whose tokens are in its storage, or throws
 * after forgetting whatever it stored; mapping errors to messages is the caller's job (classify.ts).
 */

/** JWT bearer grant (RFC 7523), as `login({ jwt })` sends it. The JWT itself is never stored. */
export async function jwtSignIn(
  vault: TokenVault,
  meta: SessionMeta,
  jwt: string,
  deps: SdkSessionDeps,
  signal: AbortSignal
): Promise<SdkSession> {
  const session = await newSdkSession(vault, meta, deps)
  if (signal.aborted) {
    return session
  }
  try {
    await session.platform.login({ jwt })
  } catch (error) {
    await session.forget()
    throw error
  }
  return session
}

export interface BrowserSignInOptions {
  readonly vault: TokenVault
  readonly meta: SessionMeta
  readonly browser: Browser
  readonly clock: Clock
  readonly timeoutMs?: number
  readonly deps: SdkSessionDeps
  readonly signal: AbortSignal
}

/**
 * Authorization code + PKCE through the system browser and a loopback redirect (RFC 8252 §7.3).
 * Exactly one token exchange, and only after the loopback saw our `state` (loopback.ts).
 */
export async function browserSignIn(options: BrowserSignInOptions): Promise<SdkSession> {
  const expectedState = createState()
  const listener = await startLoopback({
    state: expectedState,
    clock: options.clock,
    signal: options.signal,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs })
  })
  let session: SdkSession | undefined
  try {
    const redirectUri = listener.redirectUri
    session = await newSdkSession(options.vault, options.meta, options.deps, redirectUri)
    const platform = session.platform
    const url = platform.loginUrl({ usePKCE: true, state: expectedState, redirectUri })
    const verifier = platform.codeVerifier
    const query = new URL(url).searchParams
    // RFC 7636 §4.2: S256 is a MUST when possible; refuse if the SDK ever builds anything else.
    if (
      query.get('code_challenge_method') !== 'S256' ||
      query.get('code_challenge') !== challengeS256(verifier)
    ) {
      throw new AuthError('protocol')
    }
    if (options.signal.aborted) {
      throw new AuthError('cancelled')
    }
    // RFC 8252 §8.12: the system browser, never an embedded web view.
    await options.browser.open(url).catch(() => {
      throw new AuthError('protocol', 'Ringside could not open your web browser for sign-in.')
    })
    const { code } = await listener.result
    // The SDK would reuse its in-memory verifier anyway; passing it keeps the exchange explicit.
    await platform.login({ code, code_verifier: verifier, redirect_uri: redirectUri })
    return session
  } catch (error) {
    await session?.forget()
    throw error
  } finally {
    listener.close()
  }
}
