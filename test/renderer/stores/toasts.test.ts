import { createPinia, setActivePinia } from 'pinia'
import { describe, expect, it } from 'vitest'
import { useToastsStore } from '../../../src/renderer/src/stores/toasts'

describe('pop-ups of calls that stopped ringing', () => {
  it('are closed, while other toasts stay', () => {
    setActivePinia(createPinia())
    const toasts = useToastsStore()
    toasts.popup({ title: 'Ana is ringing', body: 'Dana', tag: 's-1' })
    toasts.popup({ title: 'Bo is ringing', body: 'Rohan', tag: 's-2' })
    toasts.push({ kind: 'success', title: 'Picked up' })
    toasts.keepPopups(new Set(['s-2']))
    expect(toasts.items.map((t) => t.title)).toEqual(['Bo is ringing', 'Picked up'])
  })
})
