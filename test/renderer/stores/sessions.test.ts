// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { useSessionsStore } from '../../../src/renderer/src/stores/sessions'
import type { PartyItem } from '../../../src/shared/state/view-types'
import { party, session } from '../fixtures'

const table = [
  session(
    's-in',
    [party('p1', { direction: 'Inbound', status: 'Answered' })],
    '2024-01-01T10:00:00.000Z'
  ),
  {
    ...session(
      's-out',
      [
        party('p2', {
          direction: 'Outbound',
          status: 'Proceeding',
          from: { name: 'Agent', number: '+15551234567' }
        })
      ],
      '2024-01-01T10:01:00.000Z'
    ),
    direction: 'Outbound' as const
  },
  // An inbound call: the caller's leg is Outbound, the agent's Inbound.
  session(
    's-mixed',
    [
      party('p3', { direction: 'Inbound', status: 'Disconnected' }),
      party('p4', { direction: 'Outbound', status: 'Hold' })
    ],
    '2024-01-01T10:02:00.000Z'
  )
]

describe('sessions store (telephony session filters)', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    useSessionsStore().setSessions(table)
  })

  const ids = (): string[] => useSessionsStore().matching.map((s) => s.id)

  it('shows everything without filters, newest first', () => {
    expect(useSessionsStore().active).toBe(false)
    expect(useSessionsStore().visible.map((s) => s.id)).toEqual(['s-mixed', 's-out', 's-in'])
  })

  it("filters by the call's direction for the account, not by any party's leg", () => {
    const s = useSessionsStore()
    s.setFilters({ direction: 'Outbound' })
    expect(ids()).toEqual(['s-out'])
    s.setFilters({ direction: 'Inbound' })
    expect(ids()).toEqual(['s-in', 's-mixed'])
    s.setFilters({ direction: 'Internal' })
    expect(ids()).toEqual([])
    s.clearFilters()
    expect(ids()).toHaveLength(3)
  })

  it('filters by status code per party, like the platform', () => {
    const s = useSessionsStore()
    s.setFilters({ statusCode: 'Hold' })
    expect(ids()).toEqual(['s-mixed'])
    s.setFilters({ statusCode: 'Proceeding', withRecordings: true })
    expect(ids()).toEqual([])
  })

  it('matches phone numbers by digits, so fragments and formatting work', () => {
    const s = useSessionsStore()
    s.setFilters({ phoneNumber: '555 123' })
    expect(ids()).toEqual(['s-out'])
    s.setFilters({ phoneNumber: '+1 (555) 123-4567' })
    expect(ids()).toEqual(['s-out'])
  })

  it('applies missed (the call, for the account) and withRecordings', () => {
    const s = useSessionsStore()
    s.setFilters({ missedCall: true })
    expect(ids()).toEqual([])
    // The caller's leg of a missed call is not itself missed: the call still is.
    const missed: PartyItem = { ...party('p9'), missedCall: true, recordings: 1 }
    const callerLeg: PartyItem = { ...party('p11'), missedCall: false }
    const unknown: PartyItem = { ...party('p10'), missedCall: null }
    s.setSessions([
      ...table,
      { ...session('s-missed', [callerLeg, missed]), missed: true },
      session('s-unknown', [unknown])
    ])
    expect(ids()).toEqual(['s-missed'])
    s.setFilters({ missedCall: false })
    expect(ids()).toEqual(['s-in', 's-out', 's-mixed', 's-unknown'])
    s.setFilters({ missedCall: null, withRecordings: true })
    expect(ids()).toEqual(['s-missed'])
  })

  it('lists every session, newest first: the grid renders what is in view, not capped', () => {
    const s = useSessionsStore()
    s.setSessions(Array.from({ length: 5000 }, (_, i) => session(`s-${i}`, [party(`p-${i}`)])))
    expect(s.visible).toHaveLength(5000)
    expect(s.visible[0]!.id).toBe('s-4999')
    expect(s.visible.at(-1)!.id).toBe('s-0')
    expect(s.matching).toHaveLength(5000)
  })
})
