import type { SDK } from '@ringcentral/sdk'
import { systemClock, type Clock } from '../ports'
import { createAuthStateMachine, type AuthStateMachine } from './auth-state'
import type { AuthService, AuthServiceOptions, RcPlatform } from './auth-types'
import { createCurrentSignIn, type CurrentSignIn } from './current-sign-in'
import { AuthError } from './errors'
import { restoreSignIn } from './restore'
import type { SdkSignInDeps } from './sdk-sign-in'
import { createSignInAttempts, type SignInAttempts } from './sign-in-attempts'
import { bindSignInFlows } from './sign-in-flows'
import { revokeCurrent } from './sign-out'
import { parseServerUrl, PRODUCTION_SERVER } from './server-url'

/**
 * Creates the AuthService (see auth-types.ts for the contract) from its parts: the state machine
 * (auth-state.ts), the current sign-in and its refresh watch (current-sign-in.ts), sign-in attempts
 * (sign-in-attempts.ts) running the flows (sign-in-flows.ts), restore (restore.ts) and the revoke
 * (sign-out.ts).
 */
export function createAuthService(options: AuthServiceOptions): AuthService {
  const { clock, deps, machine, current, attempts, signOutCurrent } = composeParts(options)
  let server = parseServerUrl(options.server ?? PRODUCTION_SERVER)
  const flows = bindSignInFlows(options, { clock, deps, server: () => server })

  const service: AuthService = {
    get state() {
      return machine.state
    },
    get server() {
      return server
    },
    onChange: (listener) => machine.onChange(listener),
    setServer(url) {
      server = parseServerUrl(url)
    },
    signInWithBrowser: (opts = {}) => attempts.run('browser', opts.signal, flows.browser),
    signInWithJwt: (jwt, client = options.client) =>
      attempts.run('jwt', undefined, flows.jwt(jwt, client)),
    signInDemo: (emulator) => attempts.run('demo', undefined, flows.demo(emulator)),
    cancelSignIn: () => attempts.cancel(),
    async restore() {
      if (current.get() === undefined && !attempts.inProgress()) {
        await restoreSignIn({
          vault: options.vault,
          deps,
          machine,
          current,
          ...(options.previousSignOutReason === undefined
            ? {}
            : { previousReason: options.previousSignOutReason })
        })
      }
    },
    async signOut() {
      attempts.cancel()
      await signOutCurrent()
      await options.vault.clear().catch(() => undefined)
    },
    sdk(): SDK {
      const signIn = current.get()
      if (signIn === undefined) {
        throw new AuthError('not-signed-in')
      }
      return signIn.sdk
    },
    platform(): RcPlatform {
      return service.sdk().platform()
    }
  }
  return service
}

interface Parts {
  readonly clock: Clock
  readonly deps: SdkSignInDeps
  readonly machine: AuthStateMachine
  readonly current: CurrentSignIn
  readonly attempts: SignInAttempts
  /** Revokes and forgets the current sign-in; the attempts and `signOut()` share it. */
  readonly signOutCurrent: () => Promise<void>
}

function composeParts(options: AuthServiceOptions): Parts {
  const clock = options.clock ?? systemClock
  const warn = options.onWarning ?? ((message: string) => console.warn(message))
  const deps: SdkSignInDeps = {
    appVersion: options.appVersion,
    tuning: options.sdkTuning,
    onWarning: warn
  }
  const machine = createAuthStateMachine(warn)
  const current = createCurrentSignIn({ machine, clock, refreshBackoff: options.refreshBackoff })
  const signOutCurrent = (): Promise<void> => revokeCurrent(current, clock)
  const attempts = createSignInAttempts({ machine, current, signOutCurrent })
  return { clock, deps, machine, current, attempts, signOutCurrent }
}
