// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { useSignInStore } from '../../../src/renderer/src/stores/sign-in'
import type { Envelope } from '../../../src/shared/ipc/contract'
import { deferred, fail, FakeMain, ok } from '../fake-main'

describe('sign-in store', () => {
  let main: FakeMain
  beforeEach(() => {
    setActivePinia(createPinia())
    main = new FakeMain().install()
  })

  it('shows the browser wait until the sign-in finishes, and stays quiet on cancel', async () => {
    const reply = deferred<Envelope<null>>()
    main.handle('sign-in:open-browser', () => reply.promise)
    const s = useSignInStore()
    const pending = s.signInWithBrowser()
    expect(s.waitingForBrowser).toBe(true)
    await s.cancelSignIn()
    expect(main.calls.map((c) => c.channel)).toContain('sign-in:cancel')
    reply.resolve(fail('cancelled', 'Sign-in was cancelled.'))
    expect(await pending).toBe(false)
    expect(s.waitingForBrowser).toBe(false)
    expect(s.error).toBeNull()
  })

  it('keeps main’s message when sign-in fails, and trims JWT fields', async () => {
    main.handle('sign-in:submit-jwt', () =>
      fail('invalid-credentials', 'RingCentral did not accept the JWT.')
    )
    const s = useSignInStore()
    expect(await s.signInWithJwt({ jwt: ' ey.x ', clientId: ' id ', clientSecret: ' ' })).toBe(
      false
    )
    expect(s.error).toBe('RingCentral did not accept the JWT.')
    expect(main.calls.at(-1)?.args).toEqual([{ jwt: 'ey.x', clientId: 'id' }])
  })

  it('runs one sign-in at a time', async () => {
    const reply = deferred<Envelope<null>>()
    main.handle('sign-in:start-demo', () => reply.promise)
    const s = useSignInStore()
    const first = s.signInDemo()
    expect(s.pending).toBe('demo')
    expect(await s.signInWithBrowser()).toBe(false)
    reply.resolve(ok(null))
    expect(await first).toBe(true)
    expect(s.pending).toBeNull()
  })
})
