import type { Clock } from '../ports'
import type { CurrentSignIn } from './current-sign-in'

/** Long enough for a slow revoke to arrive; short enough that the agent does not wait on it. */
const REVOKE_TIMEOUT_MS = 5_000

/**
 * Revokes the current sign-in's tokens at the server (best effort, bounded in time), then forgets
 * them. RingCentral's docs tell clients to ignore revoke errors, and a dead network must not keep
 * an agent from signing out: the tokens are forgotten locally whatever the server answered.
 */
export async function revokeCurrent(current: CurrentSignIn, clock: Clock): Promise<void> {
  const signIn = current.get()
  if (signIn !== undefined) {
    await withTimeout(signIn.platform.logout(), REVOKE_TIMEOUT_MS, clock).catch(() => undefined)
  }
  await current.end(undefined)
}

/** Resolves undefined after `ms` if `promise` has not settled by then. */
function withTimeout<T>(promise: Promise<T>, ms: number, clock: Clock): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    const timer = clock.setTimeout(() => resolve(undefined), ms)
    promise
      .then(resolve, reject)
      .finally(() => clock.clearTimeout(timer))
      .catch(() => undefined)
  })
}
