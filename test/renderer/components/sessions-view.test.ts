// @vitest-environment happy-dom
/**
 * The Sessions view with thousands of live sessions: virtualised by session (not capped), the
 * table still tells a screen reader how many rows there are and where each rendered row is, the
 * filters and the newest-first order hold, and a patch that changes one session touches only its
 * rows in the DOM.
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
/** Sessions of one to three parties; every seventh one's first party is on hold. */
const many = (): SessionItem[] =>
  Array.from({ length: COUNT }, (_, i) =>
    session(
      `s-${i}`,
      Array.from({ length: 1 + (i % 3) }, (_, k) =>
        party(`p-${i}-${k}`, { status: k === 0 && i % 7 === 0 ? 'Hold' : 'Answered' })
      ),
      new Date(Date.UTC(2024, 0, 1, 10) + i * 1000).toISOString()
    )
  )
const partyRows = (list: readonly SessionItem[]): number =>
  list.reduce((n, s) => n + s.parties.length, 0)

describe('Sessions view with thousands of sessions', () => {
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
        if (this.$options.__name === 'SessionRows') updated.push(this.$props.session!.id)
      }
    }
    w = mount(SessionsView, { global: { plugins: [pinia], mixins: [mixin] } })
    await flushPromises()
  })
  afterEach(() => {
    w.unmount()
    restore()
  })

  const rendered = (): string[] =>
    w.findAll('tbody[data-testid^="session-"]').map((b) => b.attributes('data-testid')!.slice(8))

  it('renders the sessions in view, newest first, and says how many rows the table has', () => {
    const shown = rendered()
    // A 600 px window holds a dozen or two sessions; the overscan adds a few, not thousands.
    expect(shown.length).toBeGreaterThan(0)
    expect(shown.length).toBeLessThan(60)
    expect(shown[0]).toBe(`s-${COUNT - 1}`)
    expect(w.get('[data-testid="sessions-count"]').text()).toBe(`${COUNT} of ${COUNT} sessions`)
    const table = w.get('[data-testid="sessions-table"]')
    expect(table.attributes('role')).toBe('table')
    // The header row and one row per party of every session.
    expect(table.attributes('aria-rowcount')).toBe(String(1 + partyRows(many())))
    expect(table.get('thead tr').attributes('aria-rowindex')).toBe('1')
    const rows = table.findAll('tbody[data-testid^="session-"] tr')
    expect(rows.map((r) => Number(r.attributes('aria-rowindex')))).toEqual(
      rows.map((_, i) => 2 + i)
    )
    // Each session shows its party rows.
    const newest = many().at(-1)!
    expect(w.findAll(`[data-testid="session-${newest.id}"] tr`)).toHaveLength(
      newest.parties.length
    )
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

  it('a change to one session re-renders only its rows', async () => {
    const sessions = useSessionsStore()
    const list = [...sessions.sessions]
    const target = list[COUNT - 2]!
    list[COUNT - 2] = {
      ...target,
      parties: target.parties.map((p, k) => (k === 0 ? { ...p, status: 'Hold' } : p))
    }
    const before = new Map(
      w.findAll('tbody[data-testid^="session-"]').map((b) => [b.attributes('data-testid'), b])
    )
    updated.length = 0
    sessions.setSessions(list)
    await flushPromises()
    // Vue re-rendered one session's component, the changed one …
    expect(updated).toEqual([target.id])
    expect(w.get(`[data-testid="party-${target.parties[0]!.id}"] .status`).text()).toBe('Hold')
    // … and every other rendered session kept its elements.
    for (const b of w.findAll('tbody[data-testid^="session-"]')) {
      const id = b.attributes('data-testid')
      if (id !== `session-${target.id}`) expect(b.element).toBe(before.get(id)?.element)
    }
  })
})
