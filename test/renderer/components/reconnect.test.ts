// @vitest-environment happy-dom
/**
 * What the agent sees while the connection is not live: a countdown to the next attempt in the
 * badge and the banner, a "Retry now" that asks main to try at once, "Offline", the platform's own
 * waits, and "Checking…" once a "live" from main has gone stale.
 */
import { createTestingPinia } from '@pinia/testing'
import { mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, nextTick } from 'vue'
import TheConnectionBadge from '../../../src/renderer/src/components/TheConnectionBadge.vue'
import TheStatusBanner from '../../../src/renderer/src/components/TheStatusBanner.vue'
import { useConnectionStore } from '../../../src/renderer/src/stores/connection'
import type { ConnectionView, StatusView } from '../../../src/shared/ipc/status'
import { FakeMain, signedInStatus } from '../fake-main'

const NOW = new Date('2024-01-01T10:00:00Z').getTime()

/** The header as the app has it: the badge, and the banner under it. */
const Header = defineComponent(() => () => h('div', [h(TheConnectionBadge), h(TheStatusBanner)]))

let main: FakeMain
let header: VueWrapper | undefined
beforeEach(() => {
  vi.useFakeTimers()
  vi.setSystemTime(NOW)
  main = new FakeMain().install()
})
afterEach(() => {
  header?.unmount()
  header = undefined
  vi.useRealTimers()
})

function mountHeader(): { show(status: Partial<StatusView>): Promise<void> } {
  const pinia = createTestingPinia({ createSpy: vi.fn, stubActions: false })
  const store = useConnectionStore(pinia)
  header = mount(Header, { global: { plugins: [pinia] } })
  return {
    show: async (over) => {
      store.apply(signedInStatus(over))
      await nextTick()
    }
  }
}

const badge = (): string => header!.get('[data-testid="connection-badge"] .badge__label').text()
const note = (): string => header!.get('[data-testid="note-connection"]').text()
const retryButton = (): boolean => header!.find('[data-testid="retry-now"]').exists()
const tick = async (ms: number): Promise<void> => {
  vi.advanceTimersByTime(ms)
  await nextTick()
}

describe('the reconnect countdown and Retry now', () => {
  it('counts down to the next attempt, and Retry now asks main to try at once', async () => {
    const app = mountHeader()
    const waiting: ConnectionView = {
      status: 'recovering',
      attempt: 3,
      reason: 'the connection went silent',
      retryAt: NOW + 12_000
    }
    await app.show({ connection: waiting })
    expect(badge()).toBe('Connection: Reconnecting in 12 s')
    expect(note()).toBe('Connection lost: the connection went silent. Reconnecting in 12 s.')
    await tick(2_000)
    expect(badge()).toBe('Connection: Reconnecting in 10 s')
    expect(note()).toContain('Reconnecting in 10 s.')
    // The live region is told of the state, not of every second.
    expect(header!.get('[role="status"]').text()).toBe('Connection lost, reconnecting')

    await header!.get('[data-testid="retry-now"]').trigger('click')
    expect(main.calls.map((c) => c.channel)).toEqual(['connection:retry-now'])
    // Main starts the attempt: no countdown, nothing to bring forward.
    await app.show({
      connection: { status: 'recovering', attempt: 3, reason: 'the connection went silent' }
    })
    expect(badge()).toBe('Connection: Reconnecting… (attempt 3)')
    expect(retryButton()).toBe(false)
  })

  it('says Offline with its reason and countdown, and still offers Retry now', async () => {
    const app = mountHeader()
    await app.show({
      connection: {
        status: 'offline',
        reason: 'the network is down',
        attempt: 4,
        retryAt: NOW + 25_000
      }
    })
    expect(badge()).toBe('Connection: Offline — retry in 25 s')
    expect(note()).toBe('Offline: the network is down. Reconnecting in 25 s.')
    expect(header!.get('[data-testid="connection-badge"]').attributes('data-status')).toBe(
      'offline'
    )
    expect(retryButton()).toBe(true)
  })

  it('shows the platform’s waits as their own countdown, without Retry now', async () => {
    const app = mountHeader()
    await app.show({ connection: { status: 'rate-limited', retryAt: NOW + 20_000 } })
    expect(note()).toBe('RingCentral asked us to wait: retrying in 20 s.')
    expect(retryButton()).toBe(false)
    await tick(5_000)
    expect(note()).toBe('RingCentral asked us to wait: retrying in 15 s.')
    // A REST wait while the connection is live.
    await app.show({ rateLimitedUntil: Date.now() + 30_000 })
    expect(header!.get('[data-testid="note-rate"]').text()).toBe(
      'RingCentral asked us to wait: retrying in 30 s.'
    )
  })

  it('stops saying Live once nothing was heard for the silence limit, even if main says nothing', async () => {
    const app = mountHeader()
    await app.show({
      connection: { status: 'live', since: NOW, lastHeardAt: NOW, silenceLimitMs: 8_000 }
    })
    expect(badge()).toBe('Connection: Live')
    expect(header!.find('[data-testid="status-banner"]').exists()).toBe(false)
    await tick(8_001)
    expect(badge()).toBe('Connection: Checking…')
    expect(header!.get('[data-testid="connection-badge"]').attributes('data-status')).toBe(
      'checking'
    )
    expect(note()).toContain('checking the connection')
    // A frame arrives: main sends the new lastHeardAt, and it is live again.
    await app.show({
      connection: { status: 'live', since: NOW, lastHeardAt: Date.now(), silenceLimitMs: 8_000 }
    })
    expect(badge()).toBe('Connection: Live')
  })
})
