import { createListenerSet } from '../../../shared/util/listeners'
import type { AuthState, SignInMethod } from './auth-types'
import { reasonOf, type AuthError } from './errors'

export type SignedInState = Extract<AuthState, { readonly status: 'signed-in' }>

/**
 * The auth state the UI shows, and the transitions between its states. Which transition happens
 * when is decided by the parts that know (sign-in attempts, the current sign-in, restore); this
 * part keeps the state consistent and tells every listener, in order, about every change.
 */
export interface AuthStateMachine {
  readonly state: AuthState
  /** Calls `listener` on every change; returns the function that stops it. */
  onChange(listener: (state: AuthState) => void): () => void
  signingIn(method: SignInMethod): void
  signedIn(details: Omit<SignedInState, 'status'>): void
  /** Without a reason: the agent (or nobody) ended it. With one: the UI says why. */
  signedOut(reason?: AuthError): void
  /** Sets a signed-in state's `reconnecting`; in any other state there is nothing to set. */
  reconnecting(reconnecting: boolean): void
}

export function createAuthStateMachine(warn: (message: string) => void): AuthStateMachine {
  let state: AuthState = { status: 'signed-out' }
  // A listener is the UI or the core; one that throws must not keep the others uninformed.
  const listeners = createListenerSet<[AuthState]>((error) =>
    warn(`[auth] a state listener threw: ${error instanceof Error ? error.name : 'error'}`)
  )
  const set = (next: AuthState): void => {
    state = next
    listeners.emit(next)
  }
  return {
    get state() {
      return state
    },
    onChange: (listener) => listeners.add(listener),
    signingIn: (method) => set({ status: 'signing-in', method }),
    signedIn: (details) => set({ status: 'signed-in', ...details }),
    signedOut: (reason) =>
      set(
        reason === undefined
          ? { status: 'signed-out' }
          : { status: 'signed-out-with-reason', reason: reasonOf(reason) }
      ),
    reconnecting(reconnecting) {
      if (state.status === 'signed-in') {
        set({ ...state, reconnecting })
      }
    }
  }
}
