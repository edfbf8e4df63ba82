// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { connectionText } from '../../../src/renderer/src/lib/connection-text'
import { useConnectionStore } from '../../../src/renderer/src/stores/connection'
import { signedInStatus } from '../fake-main'

describe('connection store', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    vi.setSystemTime(new Date('2024-01-01T10:00:00Z'))
    setActivePinia(createPinia())
  })
  afterEach(() => {
    useConnectionStore().$reset()
    vi.useRealTimers()
  })

  it('counts down to a rate-limited retry once a second, then stops ticking', () => {
    const store = useConnectionStore()
    const retryAt = Date.now() + 60_000
    store.apply(signedInStatus({ connection: { status: 'rate-limited', retryAt } }))
    expect(store.retryIn).toBe(60)
    expect(connectionText(store.connection, store.retryIn).label).toBe(
      'Rate-limited — retry in 60 s'
    )
    vi.advanceTimersByTime(1000)
    expect(store.retryIn).toBe(59)
    vi.advanceTimersByTime(58_000)
    expect(store.retryIn).toBe(1)
    vi.advanceTimersByTime(2000)
    expect(store.retryIn).toBe(0)
    expect(connectionText(store.connection, store.retryIn).label).toBe('Rate-limited — retrying…')
    expect(vi.getTimerCount()).toBe(0)
  })

  it('counts down an offline retry and has no countdown when live', () => {
    const store = useConnectionStore()
    store.apply(
      signedInStatus({
        connection: { status: 'offline', reason: 'No network', retryAt: Date.now() + 5000 }
      })
    )
    expect(store.retryIn).toBe(5)
    vi.advanceTimersByTime(2000)
    expect(connectionText(store.connection, store.retryIn).label).toBe('Offline — retry in 3 s')
    store.apply(signedInStatus())
    expect(store.retryIn).toBeNull()
    expect(vi.getTimerCount()).toBe(0)
  })

  it('keeps disabled features and problems from the status', () => {
    const store = useConnectionStore()
    store.apply(
      signedInStatus({
        disabled: [{ feature: 'account-sessions', message: 'Needs the CallControl permission.' }],
        problems: ['Subscription renewal failed'],
        rateLimitedUntil: Date.now() + 10_000
      })
    )
    expect(store.disabled).toHaveLength(1)
    expect(store.problems).toEqual(['Subscription renewal failed'])
    expect(store.rateLimitIn).toBe(10)
  })
})
