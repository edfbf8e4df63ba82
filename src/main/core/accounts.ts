/**
 * One AccountRunner per signed-in account: started when the sign-in state becomes signed-in,
 * disposed when it leaves it, rebuilt when the subscription settings change. Only one runs at a
 * time, so nothing of one account can reach the next.
 */
import type { AuthState } from './auth'
import type { SubscriptionSettings } from './subscriptions/features'

/** What the lifecycle needs of a runner (the core's is an AccountRunner). */
export interface Runner {
  start(): Promise<void>
  dispose(): Promise<void>
}

export interface AccountLifecycleDeps<R extends Runner> {
  /** The sign-in status when the core was created, so the first change is read as a transition. */
  readonly initial: AuthState['status']
  /** What the first runner subscribes to. */
  readonly settings: SubscriptionSettings
  /** Builds the runner for the account that just signed in (not started yet). */
  readonly createRunner: (settings: SubscriptionSettings) => R
  /** Starting the account's runner failed (its directory load or first connect threw). */
  readonly startFailed: (error: unknown) => void
  /** The account signed out; its runner is being disposed. */
  readonly signedOut: () => void
  /** The signed-out account's runner is gone (or failed to stop): clear what it left. */
  readonly stopped: () => void
}

export interface AccountLifecycle<R extends Runner> {
  /** Follows a sign-in state change: a runner on signing in, none on signing out. */
  follow(state: AuthState): void
  /** The signed-in account's runner, if one runs. */
  current(): R | undefined
  /** New subscription settings: a running runner is rebuilt with them, later ones use them. */
  useSettings(settings: SubscriptionSettings): Promise<void>
  stop(): Promise<void>
}

export function createAccountLifecycle<R extends Runner>(
  deps: AccountLifecycleDeps<R>
): AccountLifecycle<R> {
  let runner: R | undefined
  let last = deps.initial
  let settings = deps.settings

  const stop = async (): Promise<void> => {
    const r = runner
    runner = undefined
    await r?.dispose()
  }
  const start = async (): Promise<void> => {
    await stop()
    const created = deps.createRunner(settings)
    runner = created
    await created.start()
  }

  return {
    follow(state) {
      const was = last
      last = state.status
      if (state.status === 'signed-in' && was !== 'signed-in') {
        void start().catch(deps.startFailed)
      } else if (state.status !== 'signed-in' && was === 'signed-in') {
        void stop().then(deps.stopped, deps.stopped)
        deps.signedOut()
      }
    },
    current: () => runner,
    async useSettings(next) {
      settings = next
      if (runner) await start()
    },
    stop
  }
}
