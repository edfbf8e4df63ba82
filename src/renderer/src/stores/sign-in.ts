import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { AuthStatusView } from '../../../shared/ipc/status'
import { ringside, type Envelope } from '../api'

/** What the agent is waiting for on the sign-in screen. */
export type SignInPending = 'demo' | 'browser' | 'jwt' | 'server' | 'sign-out'

export interface JwtCredentials {
  readonly jwt: string
  readonly clientId: string
  readonly clientSecret?: string
}

/** Codes that mean "the agent stopped it", which need no error message. */
const SILENT_CODES = new Set(['cancelled'])

/** The agent's sign-in with RingCentral: who is signed in, and the sign-in actions. */
export const useSignInStore = defineStore('sign-in', () => {
  /** As main last reported it (StatusView.auth). */
  const auth = ref<AuthStatusView>({ status: 'signed-out' })
  /** The sign-in action in flight, if any (one at a time). */
  const pending = ref<SignInPending | null>(null)
  /** The last failure, written for the agent by main. */
  const error = ref<string | null>(null)

  const signedIn = computed(() => auth.value.status === 'signed-in')
  const method = computed(() =>
    auth.value.status === 'signed-in' || auth.value.status === 'signing-in'
      ? auth.value.method
      : null
  )
  const waitingForBrowser = computed(
    () =>
      pending.value === 'browser' ||
      (auth.value.status === 'signing-in' && auth.value.method === 'browser')
  )

  async function run(kind: SignInPending, call: () => Promise<Envelope<null>>): Promise<boolean> {
    if (pending.value !== null && kind !== 'sign-out') return false
    pending.value = kind
    error.value = null
    try {
      const r = await call()
      if (!r.ok && !SILENT_CODES.has(r.error.code)) error.value = r.error.message
      return r.ok
    } finally {
      if (pending.value === kind) pending.value = null
    }
  }

  const signInDemo = (): Promise<boolean> => run('demo', () => ringside().signIn.startDemo())
  /** Opens the system browser; resolves when the agent finishes, fails or cancels there. */
  const signInWithBrowser = (): Promise<boolean> =>
    run('browser', () => ringside().signIn.openBrowser())
  const signInWithJwt = (c: JwtCredentials): Promise<boolean> =>
    run('jwt', () => {
      const secret = c.clientSecret?.trim()
      return ringside().signIn.submitJwt({
        jwt: c.jwt.trim(),
        clientId: c.clientId.trim(),
        ...(secret ? { clientSecret: secret } : {})
      })
    })
  /** @param url the RingCentral platform URL (https://platform.ringcentral.com or a custom one). */
  const setServer = (url: string): Promise<boolean> =>
    run('server', () => ringside().signIn.setServer(url.trim()))
  const signOut = (): Promise<boolean> => run('sign-out', () => ringside().signIn.signOut())

  /** Stops a browser sign-in; the pending `signInWithBrowser` then resolves as cancelled. */
  async function cancelSignIn(): Promise<void> {
    await ringside().signIn.cancel()
  }

  /** Applies the auth part of a status update from main. */
  function applyAuth(next: AuthStatusView): void {
    auth.value = next
    if (next.status === 'signed-out-with-reason') error.value = next.reason.message
    if (next.status === 'signed-in') error.value = null
  }

  function clearError(): void {
    error.value = null
  }

  function $reset(): void {
    auth.value = { status: 'signed-out' }
    pending.value = null
    error.value = null
  }

  return {
    auth,
    pending,
    error,
    signedIn,
    method,
    waitingForBrowser,
    signInDemo,
    signInWithBrowser,
    signInWithJwt,
    setServer,
    signOut,
    cancelSignIn,
    applyAuth,
    clearError,
    $reset
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useSignInStore, import.meta.hot))
