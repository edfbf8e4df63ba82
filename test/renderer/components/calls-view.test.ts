// @vitest-environment happy-dom
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startBridge } from '../../../src/renderer/src/bridge'
import TheToasts from '../../../src/renderer/src/components/TheToasts.vue'
import { useToastsStore } from '../../../src/renderer/src/stores/toasts'
import CallsView from '../../../src/renderer/src/views/CallsView.vue'
import type { CallOutcome, Envelope } from '../../../src/shared/ipc/contract'
import { emptySnapshot } from '../../../src/shared/state/patches'
import { deferred, fail, FakeMain, ok } from '../fake-main'
import { held, parked } from '../fixtures'

describe('held and parked calls', () => {
  let main: FakeMain
  let dispose: () => void
  let view: VueWrapper
  let toasts: VueWrapper

  beforeEach(async () => {
    const pinia = createPinia()
    setActivePinia(pinia)
    main = new FakeMain().install()
    main.snapshot = { ...emptySnapshot, parkedCalls: [parked('s-1')], heldCalls: [held('s-2')] }
    dispose = await startBridge()
    view = mount(CallsView, { global: { plugins: [pinia] }, attachTo: document.body })
    toasts = mount(TheToasts, { global: { plugins: [pinia] }, attachTo: document.body })
  })
  afterEach(() => {
    view.unmount()
    toasts.unmount()
    useToastsStore().$reset()
    dispose()
  })

  it('lists parked and held calls with their callers', () => {
    expect(view.get('[data-testid="parked-list"]').text()).toContain('Parked Caller')
    expect(view.get('[data-testid="parked-s-1"]').text()).toContain('Orbit *801')
    expect(view.get('[data-testid="parked-s-1"]').text()).toContain('Parked by Maria Lopez')
    expect(view.get('[data-testid="held-list"]').text()).toContain('Held Caller')
  })

  it('picks up with a visible wait, keeps focus, sends one request, then the row goes', async () => {
    const reply = deferred<Envelope<CallOutcome>>()
    main.handle('calls:pick-up-parked', () => reply.promise)
    const button = view.get('[data-testid="pickup-s-1"]')
    const el = button.element as HTMLButtonElement
    // A native button: Enter and Space activate it (the platform turns them into a click).
    expect(el.tagName).toBe('BUTTON')
    el.focus()
    el.click()
    await flushPromises()
    expect(button.attributes('aria-busy')).toBe('true')
    expect(button.attributes('aria-disabled')).toBe('true')
    expect(button.text()).toContain('Picking up')
    expect(view.get('[data-testid="parked-s-1"]').attributes('aria-busy')).toBe('true')
    expect(document.activeElement).toBe(el)
    el.click()
    expect(main.calls.filter((c) => c.channel === 'calls:pick-up-parked')).toHaveLength(1)

    reply.resolve(ok({ telephonySessionId: 's-1', partyId: 'p-s-1', device: 'Desk phone' }))
    await flushPromises()
    expect(toasts.text()).toContain('Picked up — the call is on Desk phone')
    main.setState({ ...main.snapshot, parkedCalls: [] })
    await flushPromises()
    expect(view.find('[data-testid="parked-s-1"]').exists()).toBe(false)
    expect(view.text()).toContain('No parked calls.')
  })

  it('says why a pickup failed, beside the call', async () => {
    main.handle('calls:pick-up-parked', () =>
      fail('already-answered', 'The call was already picked up by Maria Lopez.')
    )
    await view.get('[data-testid="pickup-s-1"]').trigger('click')
    await flushPromises()
    const row = view.get('[data-testid="parked-s-1"]')
    expect(row.text()).toContain('The call was already picked up by Maria Lopez.')
    expect(row.attributes('aria-busy')).toBeUndefined()
    expect(view.get('[data-testid="pickup-s-1"]').attributes('aria-disabled')).toBeUndefined()
    expect(toasts.text()).toContain('Could not pick up the call')
  })

  it('disables the SIP pickup of a held call before the click while no phone is registered', async () => {
    const pickup = view.get('[data-testid="pickup-s-2"]')
    expect(pickup.attributes('aria-disabled')).toBe('true')
    expect(view.get('[data-testid="held-s-2"] [data-testid="pickup-blocked"]').text()).toBe(
      "Ringside's phone is not registered."
    )
    await pickup.trigger('click')
    await flushPromises()
    expect(main.calls.some((c) => c.channel === 'calls:pick-up')).toBe(false)
  })

  it('lists a held call without pickUpCallsOnHold, Pick up disabled with the reason', async () => {
    main.setState({ ...main.snapshot, heldCalls: [held('s-3', '7', { canPickUp: false })] })
    await flushPromises()
    expect(view.get('[data-testid="pickup-s-3"]').attributes('aria-disabled')).toBe('true')
    expect(view.get('[data-testid="held-s-3"] [data-testid="pickup-blocked"]').text()).toMatch(
      /^Agent 7's line does not let you pick up held calls/
    )
  })
})
