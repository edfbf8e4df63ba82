import type { SignInMethod } from './auth-types'
import type { AuthStateMachine } from './auth-state'
import { signInError } from './classify'
import type { CurrentSignIn } from './current-sign-in'
import { AuthError } from './errors'
import type { SdkSignIn } from './sdk-sign-in'
import type { SignInFlow } from './sign-in-flows'

/**
 * Sign-in attempts. At most one runs: starting one cancels the one before, so the agent clicking
 * "Sign in" twice, or switching from the browser to a JWT, never ends with two SDKs holding tokens.
 * An attempt replaces the current sign-in (revoking it first) and turns every failure into an
 * AuthError the UI can show.
 */
export interface SignInAttempts {
  /** Runs `flow` as the new attempt; rejects with AuthError ('cancelled' once aborted). */
  run(method: SignInMethod, external: AbortSignal | undefined, flow: SignInFlow): Promise<void>
  /** Cancels the attempt in progress, if any. */
  cancel(): void
  inProgress(): boolean
}

export interface SignInAttemptsOptions {
  readonly machine: AuthStateMachine
  readonly current: CurrentSignIn
  /** Revokes and forgets the current sign-in (sign-out.ts). */
  readonly signOutCurrent: () => Promise<void>
}

/** The latest attempt's controller; an attempt is the latest until it ends or another starts. */
interface Latest {
  controller: AbortController | undefined
}

interface Attempt {
  readonly controller: AbortController
  /** Unhooks the caller's signal and, if this is still the latest attempt, forgets it. */
  release(): void
}

export function createSignInAttempts(options: SignInAttemptsOptions): SignInAttempts {
  const latest: Latest = { controller: undefined }

  async function run(
    method: SignInMethod,
    external: AbortSignal | undefined,
    flow: SignInFlow
  ): Promise<void> {
    const { controller, release } = begin(latest, external)
    let signIn: SdkSignIn | undefined
    try {
      if (options.current.get() !== undefined) {
        await options.signOutCurrent()
      }
      options.machine.signingIn(method)
      signIn = await flow(controller.signal)
      if (controller.signal.aborted) {
        throw new AuthError('cancelled')
      }
      await signIn.storage.flush()
      await options.current.announce(signIn, options.current.attach(signIn))
    } catch (error) {
      throw await fail(options, latest, { controller, signIn, error })
    } finally {
      release()
    }
  }

  return {
    run,
    cancel: () => latest.controller?.abort(),
    inProgress: () => latest.controller !== undefined
  }
}

/** Cancels the previous attempt and starts one that `external` can cancel too. */
function begin(latest: Latest, external: AbortSignal | undefined): Attempt {
  latest.controller?.abort()
  const controller = new AbortController()
  latest.controller = controller
  const onExternalAbort = (): void => controller.abort()
  external?.addEventListener('abort', onExternalAbort, { once: true })
  if (external?.aborted === true) {
    controller.abort()
  }
  return {
    controller,
    release() {
      external?.removeEventListener('abort', onExternalAbort)
      if (latest.controller === controller) {
        latest.controller = undefined
      }
    }
  }
}

/** Cleans up after a failed attempt and returns the error to reject it with. */
async function fail(
  options: SignInAttemptsOptions,
  latest: Latest,
  attempt: {
    readonly controller: AbortController
    readonly signIn: SdkSignIn | undefined
    readonly error: unknown
  }
): Promise<AuthError> {
  const { controller, signIn } = attempt
  const failure = controller.signal.aborted
    ? new AuthError('cancelled')
    : await signInError(attempt.error)
  if (signIn !== undefined && options.current.get() === signIn) {
    await options.current.end(signIn, failure)
  } else {
    await signIn?.forget()
    // A newer attempt owns the state now; a superseded one must not overwrite it.
    if (latest.controller === controller) {
      options.machine.signedOut(failure)
    }
  }
  return failure
}
