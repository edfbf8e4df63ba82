// @vitest-environment happy-dom
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import CallIncomingPane from '../../../src/renderer/src/components/calls/CallIncomingPane.vue'
import TheRingingAnnouncer from '../../../src/renderer/src/components/TheRingingAnnouncer.vue'
import { useCallsStore } from '../../../src/renderer/src/stores/calls'
import { emptySnapshot } from '../../../src/shared/state/patches'
import { FakeMain } from '../fake-main'
import { myCall, ringing } from '../fixtures'
import { fakeViewport } from '../viewport'

describe('incoming-call pane', () => {
  let main: FakeMain
  let w: VueWrapper
  let restoreViewport: () => void
  beforeEach(() => {
    // The pane's lists are virtualised (CallPaneList.vue): give the pane a window to render into.
    restoreViewport = fakeViewport(400, 800)
    vi.useFakeTimers()
    // The fixtures' calls start at this moment: their age is counted from there.
    vi.setSystemTime(new Date('2024-01-01T10:00:00.000Z'))
    const pinia = createPinia()
    setActivePinia(pinia)
    main = new FakeMain().install()
    useCallsStore().setViews({
      ...emptySnapshot,
      // One queue call ringing two monitored lines, and one more call.
      ringingLines: [
        ringing('s-1', '1', { lineName: 'Maria Lopez' }),
        ringing('s-1', '2', { lineName: 'John Smith' }),
        ringing('s-3', '3', { caller: { name: null, number: '+15557654321' }, queueName: null })
      ],
      myCalls: [myCall('s-7', 'ringing'), myCall('s-8', 'connected'), myCall('s-9', 'held')]
    })
    const Host = defineComponent(
      () => () => h('div', [h(CallIncomingPane), h(TheRingingAnnouncer)])
    )
    w = mount(Host, { global: { plugins: [pinia] } })
  })
  afterEach(() => {
    w.unmount()
    restoreViewport()
    vi.useRealTimers()
  })

  it('shows one card per ringing call with caller, queue, lines and a live duration', async () => {
    const card = w.get('[data-testid="ringing-s-1"]')
    expect(w.findAll('[data-testid^="ringing-"]')).toHaveLength(2)
    expect(card.text()).toContain('Jane Caller')
    expect(card.text()).toContain('+15550001111')
    expect(card.text()).toContain('Support')
    expect(card.text()).toContain('Maria Lopez, John Smith')
    expect(card.text()).toMatch(/ringing 0:0\d/)
    vi.advanceTimersByTime(12_000)
    await flushPromises()
    expect(card.text()).toMatch(/ringing 0:1[2-3]/)
    expect(w.get('[data-testid="ringing-s-3"]').text()).toContain('+15557654321')
    expect(w.get('[data-testid="announcer-ringing"]').text()).toBe(
      'Maria Lopez, John Smith ringing: Jane Caller via Support'
    )
  })

  it('does not repeat the agent’s own ringing leg under monitored lines', async () => {
    const calls = useCallsStore()
    calls.setViews({
      ...emptySnapshot,
      ringingLines: [ringing('s-7', '100'), ringing('s-7', '2')],
      myCalls: [myCall('s-7', 'ringing')]
    })
    await flushPromises()
    expect(w.get('[data-testid="mycall-s-7"]').text()).toContain('Answer')
    expect(w.get('[data-testid="ringing-s-7"]').text()).toContain('Agent 2')
    expect(w.get('[data-testid="ringing-s-7"]').text()).not.toContain('Agent 100')
  })

  it('offers the actions that fit each of the agent’s own calls', () => {
    expect(w.get('[data-testid="mycall-s-7"]').text()).toContain('Answer')
    expect(w.get('[data-testid="mycall-s-8"]').text()).toContain('Hold')
    expect(w.get('[data-testid="mycall-s-9"]').text()).toContain('Resume')
    expect(w.get('[data-testid="mycall-s-9"]').text()).toContain('on hold')
  })

  it('disables a pickup before the click while no phone is registered, and says why', async () => {
    const pickup = w.get('[data-testid="pickup-s-1"]')
    expect(pickup.attributes('aria-disabled') ?? pickup.attributes('disabled')).toBeDefined()
    expect(w.get('[data-testid="pickup-blocked-s-1"]').text()).toBe(
      "Ringside's phone is not registered."
    )
    await pickup.trigger('click')
    await flushPromises()
    expect(main.calls.some((c) => c.channel === 'calls:pick-up')).toBe(false)
  })

  it('labels the agent’s calls that no dialog here matches as on another device', () => {
    expect(w.get('[data-testid="mycall-s-8"] [data-testid="placement"]').text()).toBe(
      'on another device'
    )
  })

  it("names the device a call is on from the agent's device list, loaded when a call names one", async () => {
    const calls = useCallsStore()
    calls.setViews({
      ...emptySnapshot,
      myCalls: [
        myCall('s-8', 'connected', { deviceId: 'd1' }),
        myCall('s-9', 'held', { deviceId: 'd-unlisted' })
      ]
    })
    await flushPromises()
    expect(w.get('[data-testid="mycall-s-8"] [data-testid="placement"]').text()).toBe(
      'on another device (Desk phone)'
    )
    // A device the list does not name falls back to the plain label, after one read only.
    expect(w.get('[data-testid="mycall-s-9"] [data-testid="placement"]').text()).toBe(
      'on another device'
    )
    expect(main.calls.filter((c) => c.channel === 'devices:list')).toHaveLength(1)
  })

  it('runs the REST action of a call on another device', async () => {
    await w.get('[data-testid="unhold-s-9"]').trigger('click')
    await flushPromises()
    expect(main.calls.at(-1)?.channel).toBe('calls:unhold')
  })

  it('announces and counts calls that rang and stopped between two frames, a burst together', async () => {
    const calls = useCallsStore()
    const brief = w.get('[data-testid="announcer-brief"]')
    expect(brief.attributes('data-count')).toBe('0')
    calls.noteBriefRings([ringing('s-20', '4', { lineName: 'Maria Lopez' })])
    await flushPromises()
    expect(brief.text()).toBe('Maria Lopez: Jane Caller rang and stopped')
    calls.noteBriefRings([ringing('s-21', '5'), ringing('s-22', '6', { lineName: 'John Smith' })])
    await flushPromises()
    expect(brief.text()).toBe('John Smith: Jane Caller rang and stopped (and 1 more)')
    expect(brief.attributes('data-count')).toBe('3')
    // The ringing announcement is its own region and keeps what it said.
    expect(w.get('[data-testid="announcer-ringing"]').text()).toBe(
      'Maria Lopez, John Smith ringing: Jane Caller via Support'
    )
  })
})

describe('incoming-call pane with a thousand ringing calls', () => {
  it('renders the cards in view, and says how many there are', async () => {
    const restore = fakeViewport(400, 800)
    const pinia = createPinia()
    setActivePinia(pinia)
    new FakeMain().install()
    const many = Array.from({ length: 1000 }, (_, i) => ringing(`s-${i}`, String(i % 12)))
    useCallsStore().setViews({ ...emptySnapshot, ringingLines: many })
    const w = mount(CallIncomingPane, { global: { plugins: [pinia] } })
    try {
      await flushPromises()
      const cards = w.findAll('[data-testid^="ringing-s-"]')
      // A window of 800 px holds about eight cards; the overscan adds a few, not a thousand.
      expect(cards.length).toBeGreaterThan(0)
      expect(cards.length).toBeLessThan(40)
      expect(w.get('[data-testid="pane-ringing-count"]').text()).toBe('1000')
      // Each rendered item still tells a screen reader where it is in the whole list.
      expect(cards[0]!.attributes('aria-setsize')).toBe('1000')
      expect(cards[0]!.attributes('aria-posinset')).toBe('1')
      expect(cards[0]!.attributes('data-testid')).toBe('ringing-s-0')
    } finally {
      w.unmount()
      restore()
    }
  })

  it('re-renders only the card that changed when a call joins a thousand', async () => {
    const restore = fakeViewport(400, 800)
    const pinia = createPinia()
    setActivePinia(pinia)
    new FakeMain().install()
    const many = Array.from({ length: 1000 }, (_, i) => ringing(`s-${i}`, String(i % 12)))
    const calls = useCallsStore()
    calls.setViews({ ...emptySnapshot, ringingLines: many })
    let updates = 0
    const countCards = {
      beforeUpdate(this: { $options: { __name?: string } }) {
        if (this.$options.__name === 'CallCard') updates++
      }
    }
    const w = mount(CallIncomingPane, { global: { plugins: [pinia], mixins: [countCards] } })
    try {
      await flushPromises()
      const shown = w.findAll('[data-testid^="ringing-s-"]').length
      expect(shown).toBeGreaterThan(5)
      // A new call: the views are new arrays and every group is derived again, yet the cards in
      // view get the same props as before and are not rendered again.
      calls.setViews({ ...emptySnapshot, ringingLines: [...many, ringing('s-new', '3')] })
      await flushPromises()
      expect(w.get('[data-testid="pane-ringing-count"]').text()).toBe('1001')
      expect(updates).toBe(0)
      // A call whose caller changed is rendered again, and only it.
      const renamed = { ...many[0]!, caller: { name: 'Renamed Caller', number: '+15550000000' } }
      calls.setViews({
        ...emptySnapshot,
        ringingLines: [renamed, ...many.slice(1), ringing('s-new', '3')]
      })
      await flushPromises()
      expect(w.get('[data-testid="ringing-s-0"]').text()).toContain('Renamed Caller')
      expect(updates).toBe(1)
    } finally {
      w.unmount()
      restore()
    }
  })
})
