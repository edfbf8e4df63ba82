// @vitest-environment happy-dom
import { createTestingPinia } from '@pinia/testing'
import { mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import TheConnectionBadge from '../../../src/renderer/src/components/TheConnectionBadge.vue'
import TheStatusBanner from '../../../src/renderer/src/components/TheStatusBanner.vue'
import { useConnectionStore } from '../../../src/renderer/src/stores/connection'
import { resyncReasonText } from '../../../src/renderer/src/lib/connection-text'
import type { ResyncReason } from '../../../src/main/core/connection/state'
import type { ConnectionView } from '../../../src/shared/ipc/status'
import { signedInStatus } from '../fake-main'

const NOW = new Date('2024-01-01T10:00:00Z').getTime()

const CASES: Array<[ConnectionView, RegExp]> = [
  [{ status: 'idle' }, /Not connected/],
  [{ status: 'connecting', attempt: 1 }, /^Connection: Connecting…$/],
  [{ status: 'connecting', attempt: 3 }, /Connecting… \(attempt 3\)/],
  [{ status: 'connecting', attempt: 2, reason: '503', retryAt: NOW + 5_000 }, /Connecting in 5 s/],
  [{ status: 'live', since: NOW, lastHeardAt: NOW, silenceLimitMs: 8_000 }, /^Connection: Live$/],
  [{ status: 'recovering', attempt: 2, reason: 'socket closed' }, /Reconnecting… \(attempt 2\)/],
  [
    { status: 'recovering', attempt: 2, reason: 'socket closed', retryAt: NOW + 12_000 },
    /^Connection: Reconnecting in 12 s$/
  ],
  [{ status: 'offline', reason: 'No network', retryAt: NOW + 12_000 }, /Offline — retry in 12 s/],
  [{ status: 'offline', reason: 'No network' }, /^Connection: Offline$/],
  [{ status: 'rate-limited', retryAt: NOW + 60_000 }, /Rate-limited — retry in 60 s/],
  [
    { status: 'stopped', reason: 'Your sign-in was revoked.' },
    /Stopped: Your sign-in was revoked\./
  ]
]

describe('connection badge', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    vi.setSystemTime(NOW)
  })
  afterEach(() => vi.useRealTimers())

  it.each(CASES)('says %j', async (connection, text) => {
    const pinia = createTestingPinia({ createSpy: vi.fn, stubActions: false })
    useConnectionStore(pinia).apply(signedInStatus({ connection }))
    const w = mount(TheConnectionBadge, { global: { plugins: [pinia] } })
    await nextTick()
    const badge = w.get('[data-testid="connection-badge"]')
    expect(badge.attributes('data-status')).toBe(connection.status)
    expect(badge.get('.badge__label').text()).toMatch(text)
    useConnectionStore(pinia).$reset()
  })

  it('counts down live while rate-limited, and announces only the change of state', async () => {
    const pinia = createTestingPinia({ createSpy: vi.fn, stubActions: false })
    const store = useConnectionStore(pinia)
    store.apply(signedInStatus({ connection: { status: 'rate-limited', retryAt: NOW + 5000 } }))
    const w = mount(TheConnectionBadge, { global: { plugins: [pinia] } })
    const live = w.get('[aria-live="polite"]')
    const announced = live.text()
    vi.advanceTimersByTime(2000)
    await nextTick()
    expect(w.text()).toContain('retry in 3 s')
    expect(live.text()).toBe(announced)
    expect(announced).not.toMatch(/\d/)
    store.apply(signedInStatus())
    await nextTick()
    expect(live.text()).toBe('Connection live')
    store.$reset()
  })

  it('shows disabled features and problems in a slim banner', async () => {
    const pinia = createTestingPinia({ createSpy: vi.fn, stubActions: false })
    useConnectionStore(pinia).apply(
      signedInStatus({
        disabled: [
          {
            feature: 'account-sessions',
            message: 'Account sessions need the CallControl permission.'
          }
        ],
        problems: ['Subscription renewal failed']
      })
    )
    const w = mount(TheStatusBanner, { global: { plugins: [pinia] } })
    expect(w.get('[data-testid="status-banner"]').text()).toContain(
      'Account sessions need the CallControl permission.'
    )
    expect(w.text()).toContain('1 more')
    await w.get('button').trigger('click')
    expect(w.text()).toContain('Subscription renewal failed')
  })

  it('says why calls and presence are refreshing in words, not the core’s code', async () => {
    const pinia = createTestingPinia({ createSpy: vi.fn, stubActions: false })
    const store = useConnectionStore(pinia)
    const resync = { running: true, reason: 'new-wsg-session', at: null }
    store.apply(signedInStatus({ resync }))
    const w = mount(TheStatusBanner, { global: { plugins: [pinia] } })
    expect(w.get('[data-testid="status-banner"]').text()).toContain(
      'Refreshing calls and presence (new connection)…'
    )
    store.apply(signedInStatus({ resync: { ...resync, reason: 'later-reason\u202e' } }))
    await nextTick()
    expect(w.text()).toContain('Refreshing calls and presence (later-reason)…')
    store.$reset()
  })
})

describe('resyncReasonText', () => {
  // Every reason the core can send: a new one fails to compile here until it is listed.
  const REASONS: Record<ResyncReason, null> = {
    'recovery-failed': null,
    'dead-socket': null,
    'new-wsg-session': null,
    resume: null,
    'network-change': null,
    gap: null,
    'safety-poll': null,
    fault: null
  }

  it.each(Object.keys(REASONS))('has words for %s', (reason) => {
    const text = resyncReasonText(reason)
    expect(text).not.toBe(reason)
    expect(text).toMatch(/^[a-z][a-z ]+$/)
  })
})
