// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { useCallsStore } from '../../../src/renderer/src/stores/calls'
import { useLinesStore } from '../../../src/renderer/src/stores/lines'
import { emptySnapshot } from '../../../src/shared/state/patches'
import { held, line, ringing } from '../fixtures'

describe('lines store', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('filters by name or extension and counts by status', () => {
    const s = useLinesStore()
    s.setLines([
      line('1', 'available', { name: 'Maria Lopez', extensionNumber: '103' }),
      line('2', 'ringing', { name: 'John Smith', extensionNumber: '104' }),
      line('3', 'dnd', { name: 'Ana María', extensionNumber: '220' })
    ])
    expect(s.counts).toMatchObject({ available: 1, ringing: 1, dnd: 1, busy: 0 })
    s.setQuery('mar')
    expect(s.filtered.map((l) => l.id)).toEqual(['1', '3'])
    s.setQuery('10')
    expect(s.filtered.map((l) => l.id)).toEqual(['1', '2'])
    s.setQuery('')
    s.toggleStatus('dnd')
    expect(s.filtered.map((l) => l.id)).toEqual(['3'])
    s.toggleStatus('dnd')
    expect(s.filtered).toHaveLength(3)
  })

  it('indexes ringing and held calls by line', () => {
    useCallsStore().setViews({
      ...emptySnapshot,
      ringingLines: [ringing('s-1', '2')],
      heldCalls: [held('s-2', '3')]
    })
    const s = useLinesStore()
    expect(s.ringingByLine.get('2')?.telephonySessionId).toBe('s-1')
    expect(s.heldByLine.get('3')?.telephonySessionId).toBe('s-2')
    expect(s.ringingByLine.get('3')).toBeUndefined()
  })
})
