import type { SDK } from '@ringcentral/sdk'
import { systemClock } from '../ports'
import { classifyRefreshError, signInError } from './classify'
import { AuthError, reasonOf } from './errors'
import { createMemoryVault } from './memory-vault'
import { resumeSdkSession, type SdkSession, type SessionMeta } from './sdk-session'
import { browserSignIn, jwtSignIn } from './sign-in-flows'
import { superviseRefresh, type RefreshSupervisor } from './refresh-supervisor'
import { parseServerUrl, PRODUCTION_SERVER } from './server-url'
import type {
  AuthService,
  AuthServiceOptions,
  AuthState,
  ClientCredentials,
  DemoCredentials,
  RcPlatform,
  SignInMethod
} from './session-types'

const REVOKE_TIMEOUT_MS = 5_000

interface Active {
  readonly session: SdkSession
  readonly supervisor: RefreshSupervisor
}

/** Creates the AuthService (see session-types.ts for the contract). */
export function createAuthService(options: AuthServiceOptions): AuthService {
  const clock = options.clock ?? systemClock
  const warn = options.onWarning ?? ((message: string) => console.warn(message))
  const deps = { appVersion: options.appVersion, tuning: options.sdkTuning, onWarning: warn }
  const listeners = new Set<(state: AuthState) => void>()
  let state: AuthState = { status: 'signed-out' }
  let server = parseServerUrl(options.server ?? PRODUCTION_SERVER)
  let active: Active | undefined
  let attempt: AbortController | undefined
  let ending: Promise<void> = Promise.resolve()

  /** A function, not a read of `active`: TypeScript would narrow it across awaits. */
  function currentSession(): SdkSession | undefined {
    return active?.session
  }

  function setState(next: AuthState): void {
    state = next
    for (const listener of [...listeners]) {
      try {
        listener(next)
      } catch (error) {
        warn(`[auth] a state listener threw: ${error instanceof Error ? error.name : 'error'}`)
      }
    }
  }

  /** Makes `session` the current one and starts watching its refreshes. */
  function attach(session: SdkSession): RefreshSupervisor {
    const supervisor = superviseRefresh({
      platform: session.platform,
      clock,
      ...options.refreshBackoff,
      onReconnecting: (reconnecting) => {
        if (active?.session === session && state.status === 'signed-in') {
          setState({ ...state, reconnecting })
        }
      },
      onEnded: (error) => void endSession(session, error)
    })
    active = { session, supervisor }
    return supervisor
  }

  /** Tells the UI who is signed in. */
  async function announce(session: SdkSession, supervisor: RefreshSupervisor): Promise<void> {
    const ownerId = await session.ownerId()
    if (ownerId === undefined) {
      throw new AuthError('protocol')
    }
    const vault = session.vault
    setState({
      status: 'signed-in',
      method: session.meta.method,
      ownerId,
      server: session.meta.server,
      persistence: vault.kind,
      ...(vault.unavailableReason === undefined
        ? {}
        : { persistenceWarning: vault.unavailableReason }),
      reconnecting: supervisor.reconnecting
    })
  }

  /**
   * Drops a session locally (no revoke: used when the server already ended it, or after a revoke).
   * With a `session`, only if it is still the current one: the refresh supervisor and `restore()`
   * may both conclude that it ended, and it must end once.
   */
  function endSession(session: SdkSession | undefined, reason?: AuthError): Promise<void> {
    if (session !== undefined && active?.session !== session) {
      return ending
    }
    const current = active
    active = undefined
    current?.supervisor.dispose()
    ending = (async () => {
      await current?.session.forget()
      setState(
        reason === undefined
          ? { status: 'signed-out' }
          : { status: 'signed-out-with-reason', reason: reasonOf(reason) }
      )
    })()
    return ending
  }

  /** Revokes (best effort, bounded in time) and forgets the current session. */
  async function signOutActive(): Promise<void> {
    const current = active
    if (current !== undefined) {
      // RingCentral docs: clients must ignore revoke errors; a dead network must not block sign-out.
      await withTimeout(current.session.platform.logout(), REVOKE_TIMEOUT_MS).catch(() => undefined)
    }
    await endSession(undefined)
  }

  /** Resolves undefined after `ms` if `promise` has not settled by then. */
  function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
    return new Promise((resolve, reject) => {
      const timer = clock.setTimeout(() => resolve(undefined), ms)
      promise
        .then(resolve, reject)
        .finally(() => clock.clearTimeout(timer))
        .catch(() => undefined)
    })
  }

  /** Runs one sign-in attempt: replaces any session, tracks cancellation, maps errors. */
  async function signIn(
    method: SignInMethod,
    external: AbortSignal | undefined,
    run: (signal: AbortSignal) => Promise<SdkSession>
  ): Promise<void> {
    attempt?.abort()
    const controller = new AbortController()
    attempt = controller
    const onExternalAbort = (): void => controller.abort()
    external?.addEventListener('abort', onExternalAbort, { once: true })
    if (external?.aborted === true) {
      controller.abort()
    }
    let session: SdkSession | undefined
    try {
      if (active !== undefined) {
        await signOutActive()
      }
      setState({ status: 'signing-in', method })
      session = await run(controller.signal)
      if (controller.signal.aborted) {
        throw new AuthError('cancelled')
      }
      await session.storage.flush()
      await announce(session, attach(session))
    } catch (error) {
      const failure = controller.signal.aborted
        ? new AuthError('cancelled')
        : await signInError(error)
      if (session !== undefined && active?.session === session) {
        await endSession(session, failure)
      } else {
        await session?.forget()
        if (attempt === controller) {
          setState({ status: 'signed-out-with-reason', reason: reasonOf(failure) })
        }
      }
      throw failure
    } finally {
      external?.removeEventListener('abort', onExternalAbort)
      if (attempt === controller) {
        attempt = undefined
      }
    }
  }

  const service: AuthService = {
    get state() {
      return state
    },
    get server() {
      return server
    },
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    setServer(url) {
      server = parseServerUrl(url)
    },
    signInWithBrowser: (opts = {}) =>
      signIn('browser', opts.signal, (signal) =>
        browserSignIn({
          vault: options.vault,
          meta: metaFor('browser', server, { clientId: options.client.clientId }),
          browser: options.browser,
          clock,
          deps,
          signal,
          ...(options.loginTimeoutMs === undefined ? {} : { timeoutMs: options.loginTimeoutMs })
        })
      ),
    signInWithJwt: (jwt, client = options.client) =>
      signIn('jwt', undefined, (signal) =>
        jwtSignIn(options.vault, metaFor('jwt', server, client), jwt, deps, signal)
      ),
    signInDemo: (emulator: DemoCredentials) =>
      signIn('demo', undefined, (signal) =>
        // The demo's emulator dies with this process; its tokens are worthless after a restart.
        jwtSignIn(
          createMemoryVault(),
          metaFor('demo', parseServerUrl(emulator.server), emulator),
          emulator.jwt,
          deps,
          signal
        )
      ),
    cancelSignIn: () => attempt?.abort(),
    async restore() {
      if (active !== undefined || attempt !== undefined) {
        return
      }
      try {
        const session = await resumeSdkSession(options.vault, deps)
        if (session === undefined || !(await session.hasRefreshToken())) {
          await session?.forget()
          setState({ status: 'signed-out' })
          return
        }
        parseServerUrl(session.meta.server)
        setState({ status: 'signing-in', method: session.meta.method })
        const supervisor = attach(session)
        if (!(await session.platform.auth().accessTokenValid())) {
          // Find out now whether the session survived the downtime (§6 scenario 5) instead of
          // showing "signed in" until the first call fails. A transient failure leaves the session
          // signed in and reconnecting; the supervisor retries.
          await session.platform.refresh().catch(async (error: unknown) => {
            const verdict = await classifyRefreshError(error)
            if (verdict.kind === 'permanent') {
              await endSession(session, verdict.error)
            }
          })
          await ending
        }
        if (currentSession() === session) {
          await announce(session, supervisor)
        }
      } catch (error) {
        const code = error instanceof AuthError ? error.code : 'error'
        warn(`[auth] could not restore the session (${code})`)
        await endSession(currentSession())
      }
    },
    async signOut() {
      attempt?.abort()
      await signOutActive()
      await options.vault.clear().catch(() => undefined)
    },
    sdk(): SDK {
      if (active === undefined) {
        throw new AuthError('not-signed-in')
      }
      return active.session.sdk
    },
    platform(): RcPlatform {
      return service.sdk().platform()
    }
  }
  return service
}

function metaFor(method: SignInMethod, server: string, client: ClientCredentials): SessionMeta {
  return {
    v: 1,
    method,
    server,
    clientId: client.clientId,
    ...(client.clientSecret === undefined ? {} : { clientSecret: client.clientSecret })
  }
}
