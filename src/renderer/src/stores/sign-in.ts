import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, type Ref } from 'vue'
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

/** What main's session API wants: the fields trimmed, and a blank secret left out. */
function jwtSignIn(c: JwtCredentials): JwtCredentials {
  const secret = c.clientSecret?.trim()
  return {
    jwt: c.jwt.trim(),
    clientId: c.clientId.trim(),
    ...(secret ? { clientSecret: secret } : {})
  }
}

/** The sign-in action in flight (one at a time, though a sign-out may always start). */
interface SignInRunner {
  /** The sign-in action in flight, if any (one at a time). */
  readonly pending: Ref<SignInPending | null>
  /** The last failure, written for the agent by main. */
  readonly error: Ref<string | null>
  /** Its technical detail for IT (a platform error code), when main gave one. */
  readonly errorDetail: Ref<string | null>
  /** Runs `call` as `kind`; resolves true on success, false when refused or failed. */
  run(kind: SignInPending, call: () => Promise<Envelope<null>>): Promise<boolean>
}

function useSignInRunner(): SignInRunner {
  const pending = ref<SignInPending | null>(null)
  const error = ref<string | null>(null)
  const errorDetail = ref<string | null>(null)
  async function run(kind: SignInPending, call: () => Promise<Envelope<null>>): Promise<boolean> {
    if (pending.value !== null && kind !== 'sign-out') return false
    pending.value = kind
    error.value = null
    errorDetail.value = null
    try {
      const r = await call()
      if (!r.ok && !SILENT_CODES.has(r.error.code)) {
        error.value = r.error.message
        errorDetail.value = r.error.detail ?? null
      }
      return r.ok
    } finally {
      if (pending.value === kind) pending.value = null
    }
  }
  return { pending, error, errorDetail, run }
}

/** The sign-in actions, each through the runner, and the cancel of a browser sign-in. */
function signInActions(run: SignInRunner['run']): {
  signInDemo(): Promise<boolean>
  /** Opens the system browser; resolves when the agent finishes, fails or cancels there. */
  signInWithBrowser(): Promise<boolean>
  signInWithJwt(c: JwtCredentials): Promise<boolean>
  /** @param url the RingCentral platform URL (https://platform.ringcentral.com or a custom one). */
  setServer(url: string): Promise<boolean>
  signOut(): Promise<boolean>
  /** Stops a browser sign-in; the pending `signInWithBrowser` then resolves as cancelled. */
  cancelSignIn(): Promise<void>
} {
  return {
    signInDemo: () => run('demo', () => ringside().signIn.startDemo()),
    signInWithBrowser: () => run('browser', () => ringside().signIn.openBrowser()),
    signInWithJwt: (c) => run('jwt', () => ringside().signIn.submitJwt(jwtSignIn(c))),
    setServer: (url) => run('server', () => ringside().signIn.setServer(url.trim())),
    signOut: () => run('sign-out', () => ringside().signIn.signOut()),
    cancelSignIn: async () => {
      await ringside().signIn.cancel()
    }
  }
}

/** The agent's sign-in with RingCentral: who is signed in, and the sign-in actions. */
export const useSignInStore = defineStore('sign-in', () => {
  /** As main last reported it (StatusView.auth). */
  const auth = ref<AuthStatusView>({ status: 'signed-out' })
  const { pending, error, errorDetail, run } = useSignInRunner()

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

  /** Applies the auth part of a status update from main. */
  function applyAuth(next: AuthStatusView): void {
    auth.value = next
    if (next.status === 'signed-out-with-reason') {
      error.value = next.reason.message
      errorDetail.value = next.reason.detail ?? null
    }
    if (next.status === 'signed-in') {
      error.value = null
      errorDetail.value = null
    }
  }

  function clearError(): void {
    error.value = null
    errorDetail.value = null
  }

  function $reset(): void {
    auth.value = { status: 'signed-out' }
    pending.value = null
    error.value = null
    errorDetail.value = null
  }

  return {
    auth,
    pending,
    error,
    errorDetail,
    signedIn,
    method,
    waitingForBrowser,
    ...signInActions(run),
    applyAuth,
    clearError,
    $reset
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useSignInStore, import.meta.hot))
