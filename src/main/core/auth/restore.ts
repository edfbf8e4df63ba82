import type { TokenVault } from '../ports'
import type { AuthStateMachine } from './auth-state'
import { classifyRefreshError } from './classify'
import type { CurrentSignIn } from './current-sign-in'
import { AuthError, type SignOutReason } from './errors'
import { resumeSdkSignIn, type SdkSignIn, type SdkSignInDeps } from './sdk-sign-in'
import { parseServerUrl } from './server-url'

export interface RestoreOptions {
  readonly vault: TokenVault
  readonly deps: SdkSignInDeps
  readonly machine: AuthStateMachine
  readonly current: CurrentSignIn
  /** Why the sign-in before this start ended, shown again when nothing is stored. */
  readonly previousReason?: SignOutReason
}

/**
 * Resumes the sign-in stored in the vault at start-up, if there is one; never throws. The caller
 * makes sure no sign-in is current and no attempt runs.
 */
export async function restoreSignIn(options: RestoreOptions): Promise<void> {
  const { machine, current } = options
  try {
    const signIn = await resumeSdkSignIn(options.vault, options.deps)
    if (signIn === undefined || !(await signIn.hasRefreshToken())) {
      await signIn?.forget()
      const before = options.previousReason
      machine.signedOut(
        before === undefined ? undefined : new AuthError(before.code, before.message, before.detail)
      )
      return
    }
    // A stored server that is no longer acceptable is not resumed.
    parseServerUrl(signIn.meta.server)
    machine.signingIn(signIn.meta.method)
    const supervisor = current.attach(signIn)
    await checkSurvived(signIn, current)
    if (current.get() === signIn) {
      await current.announce(signIn, supervisor)
    }
  } catch (error) {
    const code = error instanceof AuthError ? error.code : 'error'
    options.deps.onWarning(`[auth] could not restore the sign-in (${code})`)
    await current.end(current.get())
  }
}

/**
 * When the access token expired while Ringside was closed, finds out now whether the sign-in
 * survived the downtime, instead of showing "signed in" until the first call fails. A permanent
 * failure ends it; a transient one leaves it signed in and reconnecting, and the refresh
 * supervisor retries.
 */
async function checkSurvived(signIn: SdkSignIn, current: CurrentSignIn): Promise<void> {
  if (await signIn.platform.auth().accessTokenValid()) {
    return
  }
  await signIn.platform.refresh().catch(async (error: unknown) => {
    const verdict = await classifyRefreshError(error)
    if (verdict.kind === 'permanent') {
      await current.end(signIn, verdict.error)
    }
  })
  await current.ended()
}
