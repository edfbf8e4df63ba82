import type { Browser, Clock, TokenVault } from '../ports'
import type {
  AuthServiceOptions,
  ClientCredentials,
  DemoCredentials,
  RcPlatform,
  SignInMethod
} from './auth-types'
import { AuthError } from './errors'
import { startLoopback } from './loopback'
import { createMemoryVault } from './memory-vault'
import { challengeS256, createState } from './pkce'
import {
  newSdkSignIn,
  signInMeta,
  type SdkSignIn,
  type SdkSignInDeps,
  type SignInMeta
} from './sdk-sign-in'
import { parseServerUrl } from './server-url'
import { probeRedirect, redirectNotRegistered } from './redirect-refusal'
import { signInError } from './classify'

/**
 * The token-obtaining flows: browser (authorization code + PKCE), JWT and demo. Each returns a
 * sign-in whose tokens are in its storage, or throws after forgetting whatever it stored; mapping
 * errors to messages is the caller's job (classify.ts).
 */

/** One flow, ready to run; aborting `signal` cancels it. */
export type SignInFlow = (signal: AbortSignal) => Promise<SdkSignIn>

/** The flows `AuthService` offers, bound to its options. */
export interface SignInFlows {
  readonly browser: SignInFlow
  jwt(jwt: string, client: ClientCredentials): SignInFlow
  demo(emulator: DemoCredentials): SignInFlow
}

export interface SignInFlowContext {
  readonly clock: Clock
  readonly deps: SdkSignInDeps
  /** Read when a flow starts, so a server chosen meanwhile is the one used. */
  readonly server: () => string
}

export function bindSignInFlows(
  options: AuthServiceOptions,
  context: SignInFlowContext
): SignInFlows {
  const { clock, deps } = context
  const meta = (method: SignInMethod, client: ClientCredentials): SignInMeta =>
    signInMeta(method, context.server(), client)
  return {
    browser: (signal) =>
      browserSignIn({
        vault: options.vault,
        meta: meta('browser', { clientId: options.client.clientId }),
        browser: options.browser,
        clock,
        deps,
        signal,
        ports: options.loopbackPorts ?? [],
        ...(options.loginTimeoutMs === undefined ? {} : { timeoutMs: options.loginTimeoutMs })
      }),
    jwt: (jwt, client) => (signal) =>
      jwtSignIn(options.vault, meta('jwt', client), jwt, deps, signal),
    demo: (emulator) => (signal) => demoSignIn(emulator, deps, signal)
  }
}

/** The demo: a JWT sign-in to an emulator the caller started. */
export async function demoSignIn(
  emulator: DemoCredentials,
  deps: SdkSignInDeps,
  signal: AbortSignal
): Promise<SdkSignIn> {
  const meta = signInMeta('demo', parseServerUrl(emulator.server), emulator)
  // The demo's emulator dies with this process; its tokens are worthless after a restart.
  return jwtSignIn(createMemoryVault(), meta, emulator.jwt, deps, signal)
}

/** JWT bearer grant (RFC 7523), as `login({ jwt })` sends it. The JWT itself is never stored. */
export async function jwtSignIn(
  vault: TokenVault,
  meta: SignInMeta,
  jwt: string,
  deps: SdkSignInDeps,
  signal: AbortSignal
): Promise<SdkSignIn> {
  const signIn = await newSdkSignIn(vault, meta, deps)
  if (signal.aborted) {
    return signIn
  }
  try {
    await signIn.platform.login({ jwt })
  } catch (error) {
    await signIn.forget()
    throw error
  }
  return signIn
}

export interface BrowserSignInOptions {
  readonly vault: TokenVault
  readonly meta: SignInMeta
  readonly browser: Browser
  readonly clock: Clock
  readonly timeoutMs?: number
  readonly deps: SdkSignInDeps
  readonly signal: AbortSignal
  /** The registered loopback ports, tried in order; empty: an ephemeral port. */
  readonly ports?: readonly number[]
}

/**
 * Authorization code + PKCE through the system browser and a loopback redirect (RFC 8252 §7.3).
 * Exactly one token exchange, and only after the loopback saw our `state` (loopback.ts).
 */
export async function browserSignIn(options: BrowserSignInOptions): Promise<SdkSignIn> {
  const expectedState = createState()
  const fixedPorts = (options.ports ?? []).length > 0
  const listener = await startLoopback({
    state: expectedState,
    clock: options.clock,
    signal: options.signal,
    ports: options.ports ?? [],
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs })
  })
  let signIn: SdkSignIn | undefined
  try {
    const redirectUri = listener.redirectUri
    signIn = await newSdkSignIn(options.vault, options.meta, options.deps, redirectUri)
    const platform = signIn.platform
    const { url, verifier } = authorizeUrl(platform, expectedState, redirectUri)
    await probeRedirect(url, redirectUri, { fixedPorts, signal: options.signal })
    if (options.signal.aborted) {
      throw new AuthError('cancelled')
    }
    // RFC 8252 §8.12: the system browser, never an embedded web view.
    await options.browser.open(url).catch(() => {
      throw new AuthError('protocol', 'Ringside could not open your web browser for sign-in.')
    })
    const { code } = await listener.result
    // The SDK would reuse its in-memory verifier anyway; passing it keeps the exchange explicit.
    await platform
      .login({ code, code_verifier: verifier, redirect_uri: redirectUri })
      .catch(async (error: unknown) => {
        const mapped = await signInError(error)
        throw mapped.code === 'redirect-not-registered'
          ? redirectNotRegistered(redirectUri, fixedPorts)
          : mapped
      })
    return signIn
  } catch (error) {
    await signIn?.forget()
    throw error
  } finally {
    listener.close()
  }
}

/** The authorize URL the SDK builds, once checked to carry S256 of the verifier it will send. */
function authorizeUrl(
  platform: RcPlatform,
  state: string,
  redirectUri: string
): { readonly url: string; readonly verifier: string } {
  const url = platform.loginUrl({ usePKCE: true, state, redirectUri })
  const verifier = platform.codeVerifier
  const query = new URL(url).searchParams
  // RFC 7636 §4.2: S256 is a MUST when possible; refuse if the SDK ever builds anything else.
  if (
    query.get('code_challenge_method') !== 'S256' ||
    query.get('code_challenge') !== challengeS256(verifier)
  ) {
    throw new AuthError('protocol')
  }
  return { url, verifier }
}
