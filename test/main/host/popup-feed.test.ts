import { describe, expect, it, vi } from 'vitest'
import { startPopupFeed } from '../../../src/main/host/popup-feed'
import { DEFAULT_SETTINGS, type NotificationRules } from '../../../src/shared/ipc/settings'
import { fakeCore, LIVE, ringing, SIGNED_OUT, type FakeCore } from '../fakes/core'

interface Setup {
  fake: FakeCore
  show: ReturnType<typeof vi.fn>
  dismiss: ReturnType<typeof vi.fn>
  stop: () => void
  current: NotificationRules
}

function setup(rules: Partial<NotificationRules> = {}): Setup {
  const fake = fakeCore(LIVE)
  const show = vi.fn()
  const dismiss = vi.fn()
  const current = { ...DEFAULT_SETTINGS.notifications, ...rules }
  const stop = startPopupFeed({ core: fake.core, rules: () => current, show, dismiss })
  return { fake, show, dismiss, stop, current }
}

const ring = (extensionId: string, sid: string | null = 's-1') =>
  ({ type: 'line-ringing', call: ringing({ extensionId, telephonySessionId: sid }) }) as const
const stopRing = (extensionId: string, sid: string | null = 's-1') =>
  ({
    type: 'line-stopped-ringing',
    call: ringing({ extensionId, telephonySessionId: sid })
  }) as const

describe('startPopupFeed', () => {
  it('pops up once per telephony session, however many lines it rings', () => {
    const { fake, show } = setup()

    fake.emitEvent(ring('201'))
    fake.emitEvent(ring('202'))
    fake.emitEvent(ring('203'))
    fake.emitEvent(ring('201', 's-2'))

    expect(show.mock.calls.map(([p]) => (p as { tag: string }).tag)).toEqual(['s-1', 's-2'])
  })

  it('takes the pop-up away when the last of its lines stops ringing', () => {
    const { fake, dismiss } = setup()
    fake.emitEvent(ring('201'))
    fake.emitEvent(ring('202'))

    fake.emitEvent(stopRing('201'))
    expect(dismiss).not.toHaveBeenCalled()
    fake.emitEvent(stopRing('202'))
    expect(dismiss).toHaveBeenCalledExactlyOnceWith('s-1')
  })

  it('pops up again when the same call rings again later', () => {
    const { fake, show } = setup()
    fake.emitEvent(ring('201'))
    fake.emitEvent(stopRing('201'))
    fake.emitEvent(ring('205'))

    expect(show).toHaveBeenCalledTimes(2)
  })

  it('pops up for a selected line even when an unselected one rang first', () => {
    const { fake, show } = setup({ lines: 'selected', selectedLines: ['202'] })

    fake.emitEvent(ring('201'))
    expect(show).not.toHaveBeenCalled()
    fake.emitEvent(ring('202'))
    fake.emitEvent(ring('203'))
    expect(show).toHaveBeenCalledTimes(1)
  })

  it('reads the rules and DND per call', () => {
    const { fake, show, current } = setup()
    fake.spies.ownDnd.mockReturnValue('DoNotAcceptAnyCalls')
    fake.emitEvent(ring('201', 's-1'))
    expect(show).not.toHaveBeenCalled()

    current.quietWhenDnd = false
    fake.emitEvent(ring('201', 's-2'))
    expect(show).toHaveBeenCalledTimes(1)
  })

  it('ignores other semantic events', () => {
    const { fake, show } = setup()
    fake.emitEvent({ type: 'held-call-appeared', call: ringing() })
    expect(show).not.toHaveBeenCalled()
  })

  it('clears every pop-up on sign-out', () => {
    const { fake, dismiss, show } = setup()
    fake.emitEvent(ring('201', 's-1'))
    fake.emitEvent(ring('201', 's-2'))

    fake.setStatus(SIGNED_OUT)

    expect(dismiss.mock.calls).toEqual([['s-1'], ['s-2']])
    fake.setStatus(LIVE)
    fake.emitEvent(ring('201', 's-1'))
    expect(show).toHaveBeenCalledTimes(3)
  })

  it('stops listening when stopped', () => {
    const { fake, stop } = setup()
    stop()
    expect(fake.listenerCounts()).toMatchObject({ status: 0, events: 0 })
  })
})
