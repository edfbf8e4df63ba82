// @vitest-environment happy-dom
import { createTestingPinia } from '@pinia/testing'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import LineBoard from '../../../src/renderer/src/components/lines/LineBoard.vue'
import BoardView from '../../../src/renderer/src/views/BoardView.vue'
import { useCallsStore } from '../../../src/renderer/src/stores/calls'
import { useConnectionStore } from '../../../src/renderer/src/stores/connection'
import { usePhoneStore } from '../../../src/renderer/src/stores/phone'
import { useLinesStore } from '../../../src/renderer/src/stores/lines'
import type { LineStatus } from '../../../src/shared/state/view-types'
import { emptySnapshot } from '../../../src/shared/state/patches'
import { signedInStatus } from '../fake-main'
import { held, line, lines, ringing } from '../fixtures'
import { fakeViewport } from '../viewport'

let wrapper: VueWrapper | undefined
let restoreViewport: (() => void) | undefined
beforeEach(() => {
  // 1000×600: four columns of tiles, about eight rows in view.
  restoreViewport = fakeViewport(1000, 600)
})
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  restoreViewport?.()
})

function mountBoard(stubActions: boolean, setup: () => void): VueWrapper {
  const pinia = createTestingPinia({ createSpy: vi.fn, stubActions: false })
  setup()
  if (stubActions) vi.mocked(useCallsStore(pinia).pickUp).mockResolvedValue(true)
  wrapper = mount(BoardView, { global: { plugins: [pinia] }, attachTo: document.body })
  return wrapper
}

const STATUSES: Array<[LineStatus, string]> = [
  ['available', 'Available'],
  ['busy', 'Busy'],
  ['ringing', 'Ringing'],
  ['on-hold', 'On hold'],
  ['parked', 'Parked'],
  ['offline', 'Offline'],
  ['dnd', 'Do not disturb']
]

describe('board', () => {
  it('shows every status as text (and a data-status), never colour alone', async () => {
    const w = mountBoard(false, () =>
      useLinesStore().setLines(STATUSES.map(([s], i) => line(String(i + 1), s)))
    )
    await flushPromises()
    for (const [i, [status, text]] of STATUSES.entries()) {
      const tile = w.get(`[data-testid="line-${i + 1}"]`)
      expect(tile.attributes('data-status')).toBe(status)
      expect(tile.text()).toContain(text)
      expect(tile.text()).toContain(`Agent ${i + 1}`)
      expect(tile.text()).toContain(String(101 + i))
    }
    expect(w.get('[data-testid="count-ringing"]').text()).toContain('1')
  })

  it('has a status chip only for a status some line is in, and for the one the board is narrowed to', async () => {
    const w = mountBoard(false, () =>
      useLinesStore().setLines([
        line('1', 'ringing'),
        line('2', 'available'),
        line('3', 'available')
      ])
    )
    await flushPromises()
    const chips = (): string[] =>
      w.findAll('[data-testid^="count-"]').map((c) => c.attributes('data-testid')!.slice(6))
    // No "0 Presence hidden", "0 Offline" and the like: only what the agent can act on.
    expect(chips()).toEqual(['ringing', 'available'])
    expect(w.get('[data-testid="count-available"]').text()).toContain('2')
    // Narrowed to the ringing lines, which then stop ringing: the chip stays, at 0, as the way
    // back to every line.
    await w.get('[data-testid="count-ringing"]').trigger('click')
    useLinesStore().setLines([line('1', 'available'), line('2', 'available'), line('3', 'hidden')])
    await flushPromises()
    expect(chips()).toEqual(['ringing', 'available', 'hidden'])
    const narrowed = w.get('[data-testid="count-ringing"]')
    expect(narrowed.attributes('aria-pressed')).toBe('true')
    expect(narrowed.text()).toContain('0')
    await narrowed.trigger('click')
    await flushPromises()
    expect(chips()).toEqual(['available', 'hidden'])
    expect(w.findAll('[data-testid^="line-"][data-status]')).toHaveLength(3)
  })

  it('says "No presence yet" rather than "Offline" before any presence arrived', async () => {
    const w = mountBoard(false, () =>
      useLinesStore().setLines([
        line('1', 'offline', { hasPresence: false, favorite: true, monitored: false })
      ])
    )
    await flushPromises()
    const tile = w.get('[data-testid="line-1"]')
    expect(tile.text()).toContain('No presence yet')
    expect(tile.text()).toContain('favorite')
    expect(tile.attributes('data-status')).toBe('offline')
  })

  it('dims the tiles and says "last known state" while RingCentral is not heard', async () => {
    const w = mountBoard(false, () => useLinesStore().setLines(lines(3)))
    const connection = useConnectionStore()
    const live = {
      status: 'live',
      since: 0,
      lastHeardAt: Date.now(),
      silenceLimitMs: 60_000
    } as const
    connection.apply(signedInStatus({ connection: live }))
    await flushPromises()
    expect(w.get('#board-grid').attributes('data-stale')).toBe('false')
    expect(w.get('[data-testid="board-summary"]').text()).toBe('3 lines')
    connection.apply(
      signedInStatus({ connection: { status: 'offline', reason: 'network', retryAt: Date.now() } })
    )
    await flushPromises()
    expect(w.get('#board-grid').attributes('data-stale')).toBe('true')
    expect(w.get('#board-grid').classes()).toContain('board-view__grid--stale')
    expect(w.get('[data-testid="board-summary"]').text()).toBe('3 lines · last known state')
  })

  it('shows who is calling a ringing line, and from which queue', async () => {
    const w = mountBoard(false, () => {
      useLinesStore().setLines([line('1', 'ringing'), line('2')])
      useCallsStore().setViews({ ...emptySnapshot, ringingLines: [ringing('s-1', '1')] })
    })
    await flushPromises()
    const tile = w.get('[data-testid="line-1"]')
    expect(tile.text()).toContain('Jane Caller')
    expect(tile.text()).toContain('+15550001111')
    expect(tile.text()).toContain('Support')
    expect(tile.find('[data-testid="tile-pickup-s-1"]').exists()).toBe(true)
    expect(w.get('[data-testid="line-2"]').find('button').exists()).toBe(false)
  })

  it('renders only a window of rows for 1,000 lines', async () => {
    const w = mountBoard(false, () => useLinesStore().setLines(lines(1000)))
    await flushPromises()
    const tiles = w.findAll('[role="gridcell"]')
    expect(tiles.length).toBeGreaterThan(0)
    expect(tiles.length).toBeLessThan(200)
    const grid = w.get('[role="grid"]')
    expect(grid.attributes('aria-colcount')).toBe('4')
    expect(grid.attributes('aria-rowcount')).toBe('250')
    expect(w.find('[data-testid="line-1"]').exists()).toBe(true)
    expect(w.find('[data-testid="line-1000"]').exists()).toBe(false)

    // Scrolling moves the window: row 100 (lines 401–404) appears, the top rows go.
    const el = grid.element as HTMLElement
    el.scrollTop = 100 * 76
    el.dispatchEvent(new Event('scroll'))
    await flushPromises()
    await nextTick()
    expect(w.find('[data-testid="line-401"]').exists()).toBe(true)
    expect(w.find('[data-testid="line-1"]').exists()).toBe(false)
    expect(w.findAll('[role="gridcell"]').length).toBeLessThan(200)
  })

  it('filters by name or number', async () => {
    const w = mountBoard(false, () => useLinesStore().setLines(lines(30)))
    await flushPromises()
    await w.get('[data-testid="board-filter"]').setValue('Agent 12')
    expect(w.findAll('[role="gridcell"]').map((t) => t.attributes('data-testid'))).toEqual([
      'line-12'
    ])
    await w.get('[data-testid="board-filter"]').setValue('nobody')
    expect(w.text()).toContain('No line matches')
  })

  it('is one Tab stop, moves with the arrow keys, and picks up with Enter', async () => {
    const w = mountBoard(true, () => {
      useLinesStore().setLines(lines(3))
      useCallsStore().setViews({ ...emptySnapshot, heldCalls: [held('s-9', '2')] })
      // A held call is taken over SIP: Enter picks up only with the phone registered.
      registerPhone()
    })
    await flushPromises()
    const tabbable = w.findAll('[role="gridcell"][tabindex="0"]')
    expect(tabbable.map((t) => t.attributes('data-testid'))).toEqual(['line-1'])

    const board = w.findComponent(LineBoard)
    await w.get('[data-testid="line-1"]').trigger('focus')
    await board.get('[role="grid"]').trigger('keydown', { key: 'ArrowRight' })
    await flushPromises()
    await nextTick()
    expect(document.activeElement?.getAttribute('data-testid')).toBe('line-2')
    expect(w.get('[data-testid="line-2"]').attributes('tabindex')).toBe('0')
    expect(w.get('[data-testid="line-1"]').attributes('tabindex')).toBe('-1')

    await w.get('[data-testid="line-2"]').trigger('keydown', { key: 'Enter' })
    const calls = useCallsStore()
    expect(calls.pickUp).toHaveBeenCalledTimes(1)
    expect(vi.mocked(calls.pickUp).mock.calls[0]?.[0]).toMatchObject({ telephonySessionId: 's-9' })
    // Space works too; a tile without a call does nothing.
    await w.get('[data-testid="line-2"]').trigger('keydown', { key: ' ' })
    await w.get('[data-testid="line-1"]').trigger('keydown', { key: 'Enter' })
    expect(calls.pickUp).toHaveBeenCalledTimes(2)
  })

  it("disables a tile's Pick up before the click, with the pane's reason", async () => {
    const w = mountBoard(true, () => {
      useLinesStore().setLines(lines(3))
      useCallsStore().setViews({
        ...emptySnapshot,
        ringingLines: [ringing('s-r', '1')],
        heldCalls: [held('s-h', '2', { canPickUp: false })]
      })
    })
    await flushPromises()
    const ring = w.get('[data-testid="tile-pickup-s-r"]')
    expect(ring.attributes('aria-disabled')).toBe('true')
    expect(ring.attributes('title')).toBe("Ringside's phone is not registered.")
    expect(ring.attributes('aria-label')).toContain("Ringside's phone is not registered.")
    await ring.trigger('click')
    await w.get('[data-testid="line-1"]').trigger('keydown', { key: 'Enter' })
    expect(useCallsStore().pickUp).not.toHaveBeenCalled()

    // No pickUpCallsOnHold: the right is missing whether or not the phone is registered.
    registerPhone()
    await flushPromises()
    expect(w.get('[data-testid="tile-pickup-s-r"]').attributes('aria-disabled')).toBeUndefined()
    const hold = w.get('[data-testid="tile-pickup-s-h"]')
    expect(hold.attributes('aria-disabled')).toBe('true')
    expect(hold.attributes('title')).toMatch(/^Agent 2's line does not let you pick up held calls/)
  })
})

/** The phone store's `registered`, as a registered phone reports it (getters are writable here). */
function registerPhone(): void {
  const phone = usePhoneStore() as { registered: boolean }
  phone.registered = true
}
