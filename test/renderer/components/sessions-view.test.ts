// @vitest-environment happy-dom
/**
 * The Sessions view with 5,000 live sessions: every one is listed (not capped), only those in view
 * are in the DOM, the grid tells a screen reader how many rows there are and where each rendered
 * row is, scrolling shows the rows at that place, the filters and the newest-first order hold, a
 * session arriving above what the supervisor reads does not move it, and a patch that changes one
 * session re-renders only its rows.
 */
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import SessionsView from '../../../src/renderer/src/views/SessionsView.vue'
import { useSessionsStore } from '../../../src/renderer/src/stores/sessions'
import type { SessionItem } from '../../../src/shared/state/view-types'
import { FakeMain } from '../fake-main'
import { party, session } from '../fixtures'
import { fakeViewport } from '../viewport'

const COUNT = 5000
const ROW = 24
/** Sessions of one to three parties; every seventh one's first party is on hold. */
const one = (i: number): SessionItem =>
  session(
    `s-${i}`,
    Array.from({ length: 1 + (i % 3) }, (_, k) =>
      party(`p-${i}-${k}`, { status: k === 0 && i % 7 === 0 ? 'Hold' : 'Answered' })
    ),
    new Date(Date.UTC(2024, 0, 1, 10) + i * 1000).toISOString()
  )
const many = (): SessionItem[] => Array.from({ length: COUNT }, (_, i) => one(i))
const partyRows = (list: readonly SessionItem[]): number =>
  list.reduce((n, s) => n + s.parties.length, 0)

describe('Sessions view with 5,000 sessions', () => {
  let w: VueWrapper
  let restore: () => void
  const updated: string[] = []
  beforeEach(async () => {
    restore = fakeViewport(1000, 600)
    const pinia = createPinia()
    setActivePinia(pinia)
    new FakeMain().install()
    useSessionsStore().setSessions(many())
    // Which sessions' row components re-render: a global mixin sees every component's update.
    const mixin = {
      updated(this: { $options: { __name?: string }; $props: { session?: SessionItem } }) {
        if (this.$options.__name === 'SessionGroup') updated.push(this.$props.session!.id)
      }
    }
    w = mount(SessionsView, {
      global: { plugins: [pinia], mixins: [mixin] },
      attachTo: document.body
    })
    await flushPromises()
  })
  afterEach(() => {
    w.unmount()
    restore()
  })

  const groups = (): ReturnType<VueWrapper['findAll']> =>
    w.findAll('[data-testid^="session-"][data-index]')
  const rendered = (): string[] => groups().map((b) => b.attributes('data-testid')!.slice(8))
  const rowIndexes = (): number[] =>
    w.findAll('[data-index] [role="row"]').map((r) => Number(r.attributes('aria-rowindex')))
  const scrollTo = async (top: number): Promise<void> => {
    const el = w.get('[data-testid="sessions-scroll"]').element as HTMLElement
    el.scrollTop = top
    el.dispatchEvent(new Event('scroll'))
    await flushPromises()
  }

  it('renders the sessions in view, newest first, and says how many rows the grid has', () => {
    const shown = rendered()
    // 600 px hold 25 rows; the overscan adds a dozen rows, not thousands.
    expect(shown.length).toBeGreaterThan(10)
    expect(shown.length).toBeLessThan(40)
    expect(shown[0]).toBe(`s-${COUNT - 1}`)
    expect(w.get('[data-testid="sessions-count"]').text()).toBe(`${COUNT} of ${COUNT} sessions`)
    const grid = w.get('[data-testid="sessions-table"]')
    expect(grid.attributes('role')).toBe('table')
    // The header row and one row per party of every session.
    expect(grid.attributes('aria-rowcount')).toBe(String(1 + partyRows(many())))
    expect(
      grid.get('[role="columnheader"]').element.parentElement!.getAttribute('aria-rowindex')
    ).toBe('1')
    expect(rowIndexes()).toEqual(rowIndexes().map((_, i) => 2 + i))
    const newest = many().at(-1)!
    expect(w.findAll(`[data-testid="session-${newest.id}"] [role="row"]`)).toHaveLength(
      newest.parties.length
    )
    // The spacer below stands for every row not rendered, at the rows' one height.
    const spacers = w.findAll('.sessions-grid__rows > [aria-hidden="true"]')
    const below = parseFloat((spacers.at(-1)!.element as HTMLElement).style.height)
    expect(below).toBe((partyRows(many()) - rowIndexes().length) * ROW)
  })

  it('scrolled to the middle, renders the sessions at that row, numbered from there', async () => {
    const list = [...many()].reverse()
    await scrollTo(5000 * ROW)
    // The session holding row 5,000 (0-based) of the newest-first list, and the overscan above it.
    let row = 0
    let at = 0
    while (row + list[at]!.parties.length <= 5000) row += list[at++]!.parties.length
    const shown = rendered()
    expect(shown).toContain(list[at]!.id)
    const first = list.findIndex((s) => s.id === shown[0])
    expect(at - first).toBeGreaterThan(0)
    expect(at - first).toBeLessThan(15)
    const before = partyRows(list.slice(0, first))
    expect(rowIndexes()[0]).toBe(2 + before)
    expect(rowIndexes()).toEqual(rowIndexes().map((_, i) => 2 + before + i))
    const above = w.findAll('.sessions-grid__rows > [aria-hidden="true"]')[0]!
    expect(parseFloat((above.element as HTMLElement).style.height)).toBe(before * ROW)
    // The end: the oldest session, and its last row is the grid's last.
    await scrollTo(partyRows(list) * ROW - 600)
    expect(rendered().at(-1)).toBe('s-0')
    expect(rowIndexes().at(-1)).toBe(1 + partyRows(list))
  })

  it('filters all of them, not only those rendered, and numbers the rows it keeps', async () => {
    const sessions = useSessionsStore()
    sessions.setFilters({ statusCode: 'Hold' })
    await flushPromises()
    const held = many().filter((s) => s.parties.some((p) => p.status === 'Hold'))
    expect(w.get('[data-testid="sessions-count"]').text()).toBe(
      `${held.length} of ${COUNT} sessions`
    )
    const shown = rendered()
    expect(shown.length).toBeGreaterThan(0)
    expect(shown[0]).toBe(held.at(-1)!.id)
    expect(shown.every((id) => Number(id.slice(2)) % 7 === 0)).toBe(true)
    expect(w.get('[data-testid="sessions-table"]').attributes('aria-rowcount')).toBe(
      String(1 + partyRows(held))
    )
  })

  it('a session arriving above what the supervisor reads leaves the view where it was', async () => {
    await scrollTo(3000 * ROW + 7)
    const top = rendered()
    const sessions = useSessionsStore()
    // Three new calls, the newest, of 1 + 2 + 3 parties: six rows above the view.
    const added = [5000, 5001, 5002].map((i) =>
      session(
        `s-${i}`,
        Array.from({ length: 1 + (i - 5000) }, (_, k) => party(`p-${i}-${k}`)),
        new Date(Date.UTC(2024, 0, 1, 10) + i * 1000).toISOString()
      )
    )
    sessions.setSessions([...sessions.sessions, ...added])
    await flushPromises()
    const el = w.get('[data-testid="sessions-scroll"]').element as HTMLElement
    expect(el.scrollTop).toBe(3006 * ROW + 7)
    expect(rendered()).toEqual(top)
  })

  it('a change to one session re-renders only its rows', async () => {
    const sessions = useSessionsStore()
    const list = [...sessions.sessions]
    const target = list[COUNT - 2]!
    list[COUNT - 2] = {
      ...target,
      parties: target.parties.map((p, k) => (k === 0 ? { ...p, status: 'Hold' } : p))
    }
    const before = new Map(groups().map((b) => [b.attributes('data-testid'), b.element]))
    updated.length = 0
    sessions.setSessions(list)
    await flushPromises()
    // Vue re-rendered one session's component, the changed one …
    expect(updated).toEqual([target.id])
    expect(w.get(`[data-testid="party-${target.parties[0]!.id}"] .status`).text()).toBe('Hold')
    // … and every other rendered session kept its elements.
    for (const b of groups()) {
      const id = b.attributes('data-testid')
      if (id !== `session-${target.id}`) expect(b.element).toBe(before.get(id))
    }
  })
})
