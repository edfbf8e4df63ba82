import type { Clock } from '../ports'
import type { AuthServiceOptions } from './auth-types'
import type { AuthStateMachine } from './auth-state'
import { AuthError } from './errors'
import { superviseRefresh, type RefreshSupervisor } from './refresh-supervisor'
import type { SdkSignIn } from './sdk-sign-in'

/**
 * The sign-in Ringside uses now, if any, and the refresh supervisor that watches it. There is at
 * most one: a sign-in attempt ends the old one before it attaches a new one.
 */
export interface CurrentSignIn {
  /** A function, not a field: TypeScript would narrow a field across awaits. */
  get(): SdkSignIn | undefined
  /** Makes `signIn` the current one and starts watching its refreshes. */
  attach(signIn: SdkSignIn): RefreshSupervisor
  /** Tells the UI who is signed in. Throws AuthError 'protocol' when the tokens name no owner. */
  announce(signIn: SdkSignIn, supervisor: RefreshSupervisor): Promise<void>
  /**
   * Drops a sign-in locally (no revoke: used when the server already ended it, or after a revoke).
   * With a `signIn`, only if it is still the current one: the refresh supervisor and `restore()`
   * may both conclude that it ended, and it must end once.
   */
  end(signIn: SdkSignIn | undefined, reason?: AuthError): Promise<void>
  /** The latest `end()`: settled once its tokens are forgotten and the state says so. */
  ended(): Promise<void>
}

export interface CurrentSignInOptions {
  readonly machine: AuthStateMachine
  readonly clock: Clock
  readonly refreshBackoff?: AuthServiceOptions['refreshBackoff']
}

interface Active {
  readonly signIn: SdkSignIn
  readonly supervisor: RefreshSupervisor
}

export function createCurrentSignIn(options: CurrentSignInOptions): CurrentSignIn {
  const { machine } = options
  let active: Active | undefined
  let ending: Promise<void> = Promise.resolve()

  function attach(signIn: SdkSignIn): RefreshSupervisor {
    const supervisor = superviseRefresh({
      platform: signIn.platform,
      clock: options.clock,
      ...options.refreshBackoff,
      onReconnecting: (reconnecting) => {
        // A replaced sign-in's late news must not show on its successor.
        if (active?.signIn === signIn) {
          machine.reconnecting(reconnecting)
        }
      },
      onEnded: (error) => void end(signIn, error)
    })
    active = { signIn, supervisor }
    return supervisor
  }

  function end(signIn: SdkSignIn | undefined, reason?: AuthError): Promise<void> {
    if (signIn !== undefined && active?.signIn !== signIn) {
      return ending
    }
    const dropped = active
    active = undefined
    dropped?.supervisor.dispose()
    ending = (async () => {
      await dropped?.signIn.forget()
      machine.signedOut(reason)
    })()
    return ending
  }

  return {
    get: () => active?.signIn,
    attach,
    announce: (signIn, supervisor) => announce(machine, signIn, supervisor),
    end,
    ended: () => ending
  }
}

async function announce(
  machine: AuthStateMachine,
  signIn: SdkSignIn,
  supervisor: RefreshSupervisor
): Promise<void> {
  const ownerId = await signIn.ownerId()
  if (ownerId === undefined) {
    throw new AuthError('protocol')
  }
  const vault = signIn.vault
  // Asked once per sign-in; the vault bounds the keyring probe, so this cannot hang the sign-in.
  const keyStorage = await vault.keyStorage?.()
  machine.signedIn({
    method: signIn.meta.method,
    ownerId,
    server: signIn.meta.server,
    persistence: vault.kind,
    ...(vault.unavailableReason === undefined
      ? {}
      : { persistenceWarning: vault.unavailableReason }),
    ...(keyStorage === undefined ? {} : { keyStorage }),
    reconnecting: supervisor.reconnecting
  })
}
