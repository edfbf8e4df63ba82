import { describe, expect, it, vi } from 'vitest'
import type { CoreStatus } from '../../../src/main/core/core'
import type { PowerEvents } from '../../../src/main/core/ports'
import { CATCH_UP_LIMIT_MS, startPopupFeed } from '../../../src/main/host/popup-feed'
import { DEFAULT_SETTINGS, type NotificationRules } from '../../../src/shared/ipc/settings'
import { createManualClock, type ManualClock } from '../core/auth/support/manual-clock'
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

  it('pops up a held call on a monitored line, and takes it away when it is gone', () => {
    const { fake, show, dismiss } = setup()
    const held = ringing()
    fake.emitEvent({ type: 'held-call-appeared', call: held })
    expect(show).toHaveBeenCalledTimes(1)
    const popup = show.mock.calls[0]?.[0] as { title: string; tag: string; kind: string }
    expect(popup).toMatchObject({ kind: 'held', tag: `held:${held.telephonySessionId}` })
    expect(popup.title).toMatch(/has a call on hold/)

    fake.emitEvent({ type: 'held-call-gone', call: held })
    expect(dismiss).toHaveBeenCalledWith(`held:${held.telephonySessionId}`)
  })

  it('never pops up a held call the agent may not pick up (no pickUpCallsOnHold)', () => {
    const { fake, show } = setup()
    fake.emitEvent({ type: 'held-call-appeared', call: ringing({ canPickUp: false }) })
    expect(show).not.toHaveBeenCalled()
  })

  it('ignores other semantic events', () => {
    const { fake, show } = setup()
    fake.emitEvent({
      type: 'parked',
      call: {
        id: 's-9',
        telephonySessionId: 's-9',
        partyId: 'p-1',
        orbit: '*801',
        parkedBy: null,
        location: null,
        caller: { name: 'X', number: null },
        since: null,
        canPickUp: true,
        source: 'presence'
      }
    } as never)
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

/** A power source the test drives: `resume()` is the machine waking up. */
function fakePower(): PowerEvents & { resume(): void } {
  const listeners = new Set<() => void>()
  return {
    onResume(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    onNetworkChange: () => () => undefined,
    resume: () => {
      for (const l of [...listeners]) l()
    }
  }
}

interface Asleep extends Setup {
  power: ReturnType<typeof fakePower>
  clock: ManualClock
  /** Reports a resync as the core does: running, then done with a readback taken at `at`. */
  resync(at: string | null): void
}

/** Signed in and live, with a readback applied at t0: the board before the machine sleeps. */
function asleep(): Asleep {
  const fake = fakeCore(withResync(LIVE, false, 't0'))
  const show = vi.fn()
  const dismiss = vi.fn()
  const power = fakePower()
  const clock = createManualClock()
  const current = { ...DEFAULT_SETTINGS.notifications }
  const stop = startPopupFeed({
    core: fake.core,
    rules: () => current,
    show,
    dismiss,
    power,
    clock
  })
  const resync = (at: string | null): void => {
    fake.setStatus(withResync(LIVE, true, null))
    fake.setStatus(withResync(LIVE, false, at))
  }
  return { fake, show, dismiss, stop, current, power, clock, resync }
}

function withResync(status: CoreStatus, running: boolean, at: string | null): CoreStatus {
  return { ...status, resync: { running, reason: 'resume', at } }
}

const tags = (show: ReturnType<typeof vi.fn>): string[] =>
  show.mock.calls.map(([p]) => (p as { tag: string }).tag)

describe('startPopupFeed after the machine slept', () => {
  it('never pops up a call that rang and ended during sleep; still-ringing ones pop up once', () => {
    const { fake, show, dismiss, power, resync } = asleep()
    fake.emitEvent(ring('201', 's-before'))
    expect(tags(show)).toEqual(['s-before'])

    power.resume()
    // The catch-up: the replay rings and ends a call from hours ago, brings in one that still
    // rings (on two lines), and the readback removes the call that rang before the sleep.
    fake.emitEvent(ring('202', 's-slept'))
    fake.emitEvent(stopRing('202', 's-slept'))
    fake.emitEvent(ring('201', 's-still'))
    fake.emitEvent(ring('203', 's-still'))
    fake.emitEvent(stopRing('201', 's-before'))
    expect(tags(show)).toEqual(['s-before'])
    expect(dismiss.mock.calls).toEqual([['s-before']])

    resync('t1')
    expect(tags(show)).toEqual(['s-before', 's-still'])
    expect(dismiss).toHaveBeenCalledTimes(1)
    // Caught up: a new call pops up at once again.
    fake.emitEvent(ring('201', 's-new'))
    expect(tags(show)).toEqual(['s-before', 's-still', 's-new'])
  })

  it('keeps holding through a failed readback, and gives up waiting at the limit', () => {
    const { fake, show, power, clock, resync } = asleep()
    power.resume()
    fake.emitEvent(ring('201', 's-still'))
    resync(null) // could not check every call: nothing applied
    resync('t0') // an older readback finishing is not news either
    clock.advance(CATCH_UP_LIMIT_MS - 1)
    expect(show).not.toHaveBeenCalled()
    clock.advance(1)
    expect(tags(show)).toEqual(['s-still'])
  })

  it('applies the rules at the end of the hold, per line, as it does for live calls', () => {
    const { fake, show, power, resync, current } = asleep()
    current.lines = 'selected'
    current.selectedLines = ['203']
    power.resume()
    fake.emitEvent(ring('201', 's-1'))
    fake.emitEvent(ring('202', 's-2'))
    fake.emitEvent(ring('203', 's-2'))
    resync('t1')
    expect(tags(show)).toEqual(['s-2'])
  })

  it('shows nothing of a hold that ended in a sign-out, and stops its timer with the feed', () => {
    const { fake, show, power, clock, stop } = asleep()
    power.resume()
    fake.emitEvent(ring('201', 's-1'))
    fake.setStatus(SIGNED_OUT)
    clock.advance(CATCH_UP_LIMIT_MS)
    expect(show).not.toHaveBeenCalled()

    power.resume()
    stop()
    expect(clock.pending()).toBe(0)
    expect(fake.listenerCounts()).toMatchObject({ status: 0, events: 0 })
  })
})
