// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { connectionText } from '../../../src/renderer/src/lib/connection-text'
import { useConnectionStore } from '../../../src/renderer/src/stores/connection'
import { FakeMain, signedInStatus } from '../fake-main'

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
    // No ticking while live: the one timer is for the moment the connection would turn stale.
    expect(vi.getTimerCount()).toBe(1)
    vi.advanceTimersByTime(8_000)
    expect(store.checking).toBe(false)
    vi.advanceTimersByTime(1)
    expect(store.checking).toBe(true)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('reads a live status as checking once nothing was heard for its silence limit', () => {
    const store = useConnectionStore()
    const heard = Date.now()
    const live = {
      status: 'live',
      since: heard,
      lastHeardAt: heard,
      silenceLimitMs: 8_000
    } as const
    store.apply(signedInStatus({ connection: live }))
    vi.advanceTimersByTime(7_000)
    expect(store.checking).toBe(false)
    // Main heard a frame: the limit moves on.
    store.apply(signedInStatus({ connection: { ...live, lastHeardAt: Date.now() } }))
    vi.advanceTimersByTime(7_000)
    expect(store.checking).toBe(false)
    // Main says nothing more, whatever the reason: its "live" is not repeated past the limit.
    vi.advanceTimersByTime(1_001)
    expect(store.checking).toBe(true)
    expect(connectionText(store.connection, store.retryIn, store.checking).label).toBe('Checking…')
  })

  it('counts down to a reconnect and asks main to retry now', async () => {
    const main = new FakeMain()
    main.install()
    const store = useConnectionStore()
    const retryAt = Date.now() + 12_000
    store.apply(
      signedInStatus({
        connection: { status: 'recovering', attempt: 2, reason: 'the connection dropped', retryAt }
      })
    )
    expect(connectionText(store.connection, store.retryIn).label).toBe('Reconnecting in 12 s')
    vi.advanceTimersByTime(3_000)
    expect(connectionText(store.connection, store.retryIn).label).toBe('Reconnecting in 9 s')
    expect(store.canRetryNow).toBe(true)
    await store.retryNow()
    expect(main.calls.map((c) => c.channel)).toEqual(['connection:retry-now'])
    store.apply(
      signedInStatus({ connection: { status: 'rate-limited', retryAt: Date.now() + 5_000 } })
    )
    // The platform's wait is not the agent's to cut short.
    expect(store.canRetryNow).toBe(false)
    await store.retryNow()
    expect(main.calls).toHaveLength(1)
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
