/**
 * The demo's lifecycle: "Try the demo" starts the embedded emulator and signs in to it; signing
 * out of the demo closes its emulator; switching demos closes the old one only once its account
 * has signed out. demo.ts starts the emulator; this module only owns the running one.
 */
import type { AuthService, DemoCredentials } from './auth'

/** A running emulator for the demo; closed at sign-out. */
export interface DemoHandle extends DemoCredentials {
  close(): Promise<void>
}

export interface DemoLifecycle {
  /** Starts a demo and signs in to it, after signing out of whatever account was signed in. */
  signIn(): Promise<void>
  /** The signed-in account signed out: a running demo goes with it. */
  signedOut(): void
  /** The core stops: close the demo, if one runs. */
  stop(): Promise<void>
}

type DemoAuth = Pick<AuthService, 'state' | 'signOut' | 'signInDemo'>

const closeQuietly = (demo: DemoHandle | undefined): Promise<void> =>
  demo?.close().catch(() => undefined) ?? Promise.resolve()

export function createDemoLifecycle(
  auth: DemoAuth,
  startDemo: (() => Promise<DemoHandle>) | undefined
): DemoLifecycle {
  let demo: DemoHandle | undefined

  const signIn = async (): Promise<void> => {
    if (!startDemo) throw new Error('the demo is not available in this build')
    const started = await startDemo()
    // Sign the old account out first, while `demo` is unset, so its sign-out closes nothing new.
    const previous = demo
    demo = undefined
    if (auth.state.status === 'signed-in') await auth.signOut()
    await closeQuietly(previous)
    demo = started
    try {
      await auth.signInDemo(started)
    } catch (error) {
      demo = undefined
      await closeQuietly(started)
      throw error
    }
  }

  return {
    signIn,
    signedOut() {
      const d = demo
      demo = undefined
      void closeQuietly(d)
    },
    async stop() {
      await closeQuietly(demo)
      demo = undefined
    }
  }
}
