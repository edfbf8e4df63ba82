import { describe, expect, it } from 'vitest'
import type { AuthState, DemoCredentials } from '../../../src/main/core/auth'
import { createDemoLifecycle, type DemoHandle } from '../../../src/main/core/demo-lifecycle'

/** A sign-in that records what happened, in order, and can be told to refuse the demo. */
function fakeAuth(
  log: string[],
  refuse = false
): {
  state: AuthState
  signOut(): Promise<void>
  signInDemo(demo: DemoCredentials): Promise<void>
} {
  const auth = {
    state: { status: 'signed-out' } as AuthState,
    async signOut() {
      log.push('sign-out')
      auth.state = { status: 'signed-out' }
    },
    async signInDemo(demo: DemoCredentials) {
      log.push(`sign-in ${demo.server}`)
      if (refuse) throw new Error('refused')
      auth.state = {
        status: 'signed-in',
        method: 'demo',
        ownerId: '1',
        server: demo.server,
        persistence: 'memory',
        reconnecting: false
      }
    }
  }
  return auth
}

function demos(log: string[]): () => Promise<DemoHandle> {
  let n = 0
  return async () => {
    const server = `http://127.0.0.1:${++n}`
    log.push(`start ${server}`)
    return {
      server,
      clientId: 'c',
      clientSecret: 's',
      jwt: 'j',
      close: async () => void log.push(`close ${server}`)
    }
  }
}

describe('the demo lifecycle', () => {
  it('signs out of the old demo before closing it, then signs in to the new one', async () => {
    const log: string[] = []
    const demo = createDemoLifecycle(fakeAuth(log), demos(log))
    await demo.signIn()
    await demo.signIn()
    expect(log).toEqual([
      'start http://127.0.0.1:1',
      'sign-in http://127.0.0.1:1',
      'start http://127.0.0.1:2',
      'sign-out',
      'close http://127.0.0.1:1',
      'sign-in http://127.0.0.1:2'
    ])
  })

  it('closes the demo when its account signs out, and only once', async () => {
    const log: string[] = []
    const demo = createDemoLifecycle(fakeAuth(log), demos(log))
    await demo.signIn()
    demo.signedOut()
    demo.signedOut()
    await demo.stop()
    await new Promise((r) => setImmediate(r))
    expect(log.filter((l) => l.startsWith('close'))).toEqual(['close http://127.0.0.1:1'])
  })

  it('closes a demo whose sign-in failed and reports the failure', async () => {
    const log: string[] = []
    const demo = createDemoLifecycle(fakeAuth(log, true), demos(log))
    await expect(demo.signIn()).rejects.toThrow('refused')
    expect(log.at(-1)).toBe('close http://127.0.0.1:1')
    await demo.stop()
    expect(log.filter((l) => l.startsWith('close'))).toHaveLength(1)
  })

  it('says so when the build has no demo', async () => {
    const demo = createDemoLifecycle(fakeAuth([]), undefined)
    await expect(demo.signIn()).rejects.toThrow('the demo is not available in this build')
  })
})
