import { describe, expect, it } from 'vitest'
import { createAccountLifecycle, type Runner } from '../../../src/main/core/accounts'
import type { AuthState } from '../../../src/main/core/auth'
import {
  DEFAULT_SUBSCRIPTION_SETTINGS,
  type SubscriptionSettings
} from '../../../src/main/core/subscriptions/features'

const signedIn: AuthState = {
  status: 'signed-in',
  method: 'jwt',
  ownerId: '101',
  server: 'https://platform.example',
  persistence: 'memory',
  reconnecting: false
}
const signedOut: AuthState = { status: 'signed-out' }

interface FakeRunner extends Runner {
  readonly id: number
  readonly settings: SubscriptionSettings
}

function lifecycle(failStart = false): {
  accounts: ReturnType<typeof createAccountLifecycle<FakeRunner>>
  log: string[]
} {
  const log: string[] = []
  let n = 0
  const accounts = createAccountLifecycle<FakeRunner>({
    initial: 'signed-out',
    settings: DEFAULT_SUBSCRIPTION_SETTINGS,
    createRunner: (settings) => {
      const id = ++n
      log.push(`create ${id}`)
      return {
        id,
        settings,
        start: async () => {
          log.push(`start ${id}`)
          if (failStart) throw new Error('no directory')
        },
        dispose: async () => void log.push(`dispose ${id}`)
      }
    },
    startFailed: (e) => log.push(`failed ${String(e)}`),
    signedOut: () => log.push('signed out'),
    stopped: () => log.push('stopped')
  })
  return { accounts, log }
}

const settle = (): Promise<void> => new Promise((r) => setImmediate(r))

describe('one runner per signed-in account', () => {
  it('starts a runner at sign-in and disposes it at sign-out, then clears', async () => {
    const { accounts, log } = lifecycle()
    accounts.follow({ status: 'signing-in', method: 'jwt' })
    accounts.follow(signedIn)
    accounts.follow(signedIn) // no transition: nothing new
    await settle()
    expect(accounts.current()?.id).toBe(1)
    accounts.follow(signedOut)
    expect(accounts.current()).toBeUndefined()
    await settle()
    expect(log).toEqual(['create 1', 'start 1', 'dispose 1', 'signed out', 'stopped'])
  })

  it('rebuilds the running runner with new settings; without one, only remembers them', async () => {
    const { accounts, log } = lifecycle()
    const next = { ...DEFAULT_SUBSCRIPTION_SETTINGS, accountPresence: true }
    await accounts.useSettings(next)
    expect(log).toEqual([])
    accounts.follow(signedIn)
    await settle()
    expect(accounts.current()?.settings).toBe(next)
    await accounts.useSettings(DEFAULT_SUBSCRIPTION_SETTINGS)
    expect(accounts.current()?.id).toBe(2)
    expect(log).toEqual(['create 1', 'start 1', 'dispose 1', 'create 2', 'start 2'])
  })

  it('reports a runner that failed to start', async () => {
    const { accounts, log } = lifecycle(true)
    accounts.follow(signedIn)
    await settle()
    expect(log).toEqual(['create 1', 'start 1', 'failed Error: no directory'])
  })
})
